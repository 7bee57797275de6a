package io.github.toenergy.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import javax.annotation.processing.Processor;
import org.junit.jupiter.api.Test;

/** How build tools find and run the processor. */
class RegistrationTest {

  @Test
  void javacFindsTheProcessorThroughAutoService() {
    boolean found = false;
    for (Processor processor : ServiceLoader.load(Processor.class, getClass().getClassLoader())) {
      found |= processor instanceof ToEnergyProcessor;
    }
    assertTrue(found, "META-INF/services/javax.annotation.processing.Processor lists ToEnergyProcessor");
  }

  @Test
  void gradleTreatsItAsIsolating() throws IOException {
    try (InputStream in = getClass().getClassLoader()
        .getResourceAsStream("META-INF/gradle/incremental.annotation.processors")) {
      assertEquals("io.github.toenergy.processor.ToEnergyProcessor,isolating",
          new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
    }
  }

  @Test
  void supportedOptionsAndAnnotations() {
    ToEnergyProcessor processor = new ToEnergyProcessor();
    assertEquals(java.util.Set.of("toenergy.profilePath", "toenergy.budget"), processor.getSupportedOptions());
    // no "*": Gradle's isolating mode forbids it, and other processors keep their annotations
    assertEquals(java.util.Set.of("io.github.toenergy.annotations.*", "javax.annotation.processing.Generated"),
        processor.getSupportedAnnotationTypes());
  }
}
