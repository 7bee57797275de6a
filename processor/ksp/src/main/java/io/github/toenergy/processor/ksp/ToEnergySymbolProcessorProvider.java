package io.github.toenergy.processor.ksp;

import com.google.devtools.ksp.processing.KSPLogger;
import com.google.devtools.ksp.processing.SymbolProcessor;
import com.google.devtools.ksp.processing.SymbolProcessorEnvironment;
import com.google.devtools.ksp.processing.SymbolProcessorProvider;
import io.github.toenergy.processor.validation.Diagnostics;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The KSP entry point, registered in
 * {@code META-INF/services/com.google.devtools.ksp.processing.SymbolProcessorProvider}. Reads the
 * javac processor's options as KSP options: {@code toenergy.budget=error|warn} and
 * {@code toenergy.profilePath=DIR[:DIR...]}; a bad value is reported and replaced by the default, as
 * by the javac processor.
 */
public final class ToEnergySymbolProcessorProvider implements SymbolProcessorProvider {
  static final String PROFILE_PATH = "toenergy.profilePath";
  static final String BUDGET = "toenergy.budget";

  @Override
  public SymbolProcessor create(SymbolProcessorEnvironment environment) {
    KSPLogger logger = environment.getLogger();
    Map<String, String> options = environment.getOptions();
    boolean warn = false;
    String budget = options.get(BUDGET);
    if (budget != null) {
      switch (budget.trim().toLowerCase(Locale.ROOT)) {
        case "error" -> warn = false;
        case "warn", "warning" -> warn = true;
        default -> logger.error(Diagnostics.INVALID_OPTION.format(BUDGET, budget, "expected error or warn"), null);
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
            logger.error(Diagnostics.INVALID_OPTION.format(PROFILE_PATH, path,
                "'" + entry.trim() + "' is not a folder of <id>.properties profiles"), null);
          }
        } catch (InvalidPathException e) {
          logger.error(Diagnostics.INVALID_OPTION.format(PROFILE_PATH, path, "'" + entry.trim() + "' is not a path"),
              null);
        }
      }
    }
    return new ToEnergySymbolProcessor(environment.getCodeGenerator(), logger, warn, folders);
  }
}
