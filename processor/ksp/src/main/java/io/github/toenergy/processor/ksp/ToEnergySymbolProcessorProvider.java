package io.github.toenergy.processor.ksp;

import com.google.devtools.ksp.processing.KSPLogger;
import com.google.devtools.ksp.processing.SymbolProcessor;
import com.google.devtools.ksp.processing.SymbolProcessorEnvironment;
import com.google.devtools.ksp.processing.SymbolProcessorProvider;
import io.github.toenergy.processor.Options;

/**
 * The KSP entry point, registered in
 * {@code META-INF/services/com.google.devtools.ksp.processing.SymbolProcessorProvider}. Reads the
 * javac processor's options as KSP options: {@code toenergy.budget=error|warn} and
 * {@code toenergy.profilePath=DIR[:DIR...]}; a bad value is reported and replaced by the default, as
 * by the javac processor.
 */
public final class ToEnergySymbolProcessorProvider implements SymbolProcessorProvider {
  @Override
  public SymbolProcessor create(SymbolProcessorEnvironment environment) {
    KSPLogger logger = environment.getLogger();
    // the javac processor's options, read by the same code; KSP reports an option error on no symbol
    Options options = Options.parse(environment.getOptions(),
        (diagnostic, args) -> logger.error(diagnostic.format(args), null));
    return new ToEnergySymbolProcessor(environment.getCodeGenerator(), logger, options.budgetWarn(),
        options.profilePath());
  }
}
