package io.github.toenergy.processor;

import io.github.toenergy.processor.validation.Diagnostics;
import io.github.toenergy.processor.validation.Reporter;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The processor's {@code -A} options.
 *
 * @param profilePath folders of {@code <id>.properties} profiles added to those on the processor path
 * @param budgetWarn whether a budget overshoot is a warning instead of an error
 */
record Options(List<Path> profilePath, boolean budgetWarn) {
  /** {@code -Atoenergy.profilePath=DIR[:DIR...]}: folders of extra profiles. */
  static final String PROFILE_PATH = "toenergy.profilePath";
  /** {@code -Atoenergy.budget=error|warn}: what a budget overshoot is. */
  static final String BUDGET = "toenergy.budget";

  Options {
    profilePath = List.copyOf(profilePath);
  }

  /** Reads the options; a bad value is reported and replaced by the default. */
  static Options parse(Map<String, String> options, Reporter reporter) {
    boolean warn = false;
    String budget = options.get(BUDGET);
    if (budget != null) {
      switch (budget.trim().toLowerCase(Locale.ROOT)) {
        case "error" -> warn = false;
        case "warn", "warning" -> warn = true;
        default -> reporter.error(Diagnostics.INVALID_OPTION, BUDGET, budget, "expected error or warn");
      }
    }
    List<Path> folders = new ArrayList<>();
    String path = options.get(PROFILE_PATH);
    if (path != null) {
      for (String entry : path.split(File.pathSeparator)) {
        if (entry.isBlank()) {
          continue;
        }
        try {
          Path folder = Path.of(entry.trim());
          if (Files.isDirectory(folder)) {
            folders.add(folder);
          } else {
            reporter.error(Diagnostics.INVALID_OPTION, PROFILE_PATH, path,
                "'" + entry.trim() + "' is not a folder of <id>.properties profiles");
          }
        } catch (InvalidPathException e) {
          reporter.error(Diagnostics.INVALID_OPTION, PROFILE_PATH, path, "'" + entry.trim() + "' is not a path");
        }
      }
    }
    return new Options(folders, warn);
  }
}
