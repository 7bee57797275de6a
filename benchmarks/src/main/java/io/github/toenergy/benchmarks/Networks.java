package io.github.toenergy.benchmarks;

import io.github.toenergy.notation.NotationLimits;
import io.github.toenergy.text.InputText;
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

  /**
   * The notation of {@code networks/<name>.txt} on the class path, or of the file {@code name} when
   * it ends in {@code .txt} or names a path (a catalogue network's notation, for instance).
   */
  static String notationOf(String name) {
    if (name.endsWith(".txt") || name.contains("/")) {
      try {
        return withoutComments(InputText.read(java.nio.file.Path.of(name), NotationLimits.MAX_CHARACTERS * 4L));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return notation(name);
  }

  private static String withoutComments(String text) {
    return text.lines().filter(line -> !line.startsWith("#")).collect(Collectors.joining("\n"));
  }

  private static String notation(String name) {
    try (InputStream in = Networks.class.getResourceAsStream("/networks/" + name + ".txt")) {
      if (in == null) {
        throw new IllegalStateException("networks/" + name + ".txt is not on the class path");
      }
      return withoutComments(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
