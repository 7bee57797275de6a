package io.github.toenergy.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Large networks: nothing in the processor may be quadratic in the layers. The time bounds are
 * loose on purpose (a slow CI machine must not fail them); the numbers printed are what to watch.
 */
class ScaleTest {

  /** A network of {@code pairs} x (dense(64) relu) on a 64-feature input, named {@code name}. */
  static JavaFileObject deep(String name, int pairs) {
    List<String> lines = new ArrayList<>();
    lines.add("@Network(input = 64)");
    lines.add("public class " + name + " {");
    for (int i = 0; i < pairs; i++) {
      lines.add("  @Dense(units = 64) @Activation(RELU) Object fc" + i + ";");
    }
    lines.add("}");
    return DiagnosticsTest.net(name, lines.toArray(String[]::new));
  }

  @Test
  void aThousandLayerNetwork() throws ReflectiveOperationException {
    JavaFileObject source = deep("Deep", 500); // 500 dense + 500 relu = 1,000 layers
    long start = System.nanoTime();
    Compilation with = Compilations.compiler("-Xlint:all", "-Werror").compile(source);
    long processed = System.nanoTime() - start;
    assertThat(with).succeededWithoutWarnings();
    // 500 layers of 64 x 64 MACs; 500 x (64 x 64 + 64) parameters
    Class<?> generated = Compilations.load(with, "com.example.DeepEnergy");
    assertEquals(500L * 64 * 64, Compilations.constant(generated, "TOTAL_MACS"));
    assertEquals(500L * (64 * 64 + 64), Compilations.constant(generated, "PARAMETERS"));
    assertEquals(64L * 64, Compilations.constant(generated, "DENSE_500_MACS"));

    start = System.nanoTime();
    assertThat(Compiler.javac().withOptions("-proc:none").compile(source)).succeeded();
    long plain = System.nanoTime() - start;
    System.out.printf("1,000-layer network: javac %d ms without the processor, %d ms with it (7 profiles)%n",
        plain / 1_000_000, processed / 1_000_000);
    assertTrue(processed < 60_000_000_000L, "a 1,000-layer network takes " + processed / 1_000_000 + " ms");
  }
}
