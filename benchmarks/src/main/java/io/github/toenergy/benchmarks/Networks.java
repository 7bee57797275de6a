package io.github.toenergy.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/** Networks the benchmarks run on, read from the notation files the runtime's tests check. */
final class Networks {
  private Networks() {}

  /**
   * ResNet-50 (torchvision) in notation: 4,089,184,256 MACs, 25,557,032 parameters (checked by
   * runtime's ResNet50Test).
   */
  static String resnet50() {
    return notation("resnet50");
  }

  private static String notation(String name) {
    try (InputStream in = Networks.class.getResourceAsStream("/networks/" + name + ".txt")) {
      if (in == null) {
        throw new IllegalStateException("networks/" + name + ".txt is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(line -> !line.startsWith("#")).collect(Collectors.joining("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
