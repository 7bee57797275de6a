package io.github.toenergy.refit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's copy of the measurements is (tests run in runtime/). */
final class Data {
  static final Path ROOT = Path.of("src/test/resources/measurements");

  private Data() {}

  static Path root() {
    if (!Files.isDirectory(ROOT)) {
      throw new IllegalStateException("run the tests from runtime/: " + ROOT.toAbsolutePath() + " is missing");
    }
    return ROOT;
  }
}
