package io.github.toenergy.processor;

import io.github.toenergy.processor.validation.Diagnostics;
import io.github.toenergy.profile.Profiles;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The processor's options: {@code -A} options for javac, KSP options for the KSP processor, read by the
 * same code.
 *
 * @param profilePath folders of {@code <id>.properties} profiles added to those on the processor path
 * @param budgetWarn whether a budget overshoot is a warning instead of an error
 */
public record Options(List<Path> profilePath, boolean budgetWarn) {
  /** {@code -Atoenergy.profilePath=DIR[:DIR...]}: folders of extra profiles. */
  public static final String PROFILE_PATH = "toenergy.profilePath";
  /** {@code -Atoenergy.budget=error|warn}: what a budget overshoot is. */
  public static final String BUDGET = "toenergy.budget";

  public Options {
    profilePath = List.copyOf(profilePath);
  }

  /** Where a bad option is reported: the javac {@code Reporter}, or the KSP logger. */
  @FunctionalInterface
  public interface Errors {
    void error(Diagnostics diagnostic, Object... args);
  }

  /** Reads the options; a bad value is reported to {@code reporter} and replaced by the default. */
  public static Options parse(Map<String, String> options, Errors reporter) {
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

  /**
   * The profiles a processor knows: the shipped ones, those of profile jars visible to {@code loader} (the
   * processor path) and those in {@code folders}; the shipped set is loaded once per JVM when nothing is added.
   *
   * @throws io.github.toenergy.profile.ProfileException naming the file and key of a broken profile
   */
  public static Profiles profiles(ClassLoader loader, List<Path> folders) {
    return folders.isEmpty() && loader == Profiles.class.getClassLoader() ? Profiles.shipped()
        : Profiles.load(loader, folders);
  }
}
