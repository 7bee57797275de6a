package io.github.toenergy.processor.ksp;

import com.google.devtools.ksp.processing.SymbolProcessor;
import com.google.devtools.ksp.processing.SymbolProcessorEnvironment;
import com.google.devtools.ksp.processing.SymbolProcessorProvider;

/**
 * The KSP entry point, registered in
 * {@code META-INF/services/com.google.devtools.ksp.processing.SymbolProcessorProvider}.
 */
public final class ToEnergySymbolProcessorProvider implements SymbolProcessorProvider {
  @Override
  public SymbolProcessor create(SymbolProcessorEnvironment environment) {
    return new ToEnergySymbolProcessor(environment.getCodeGenerator(), environment.getLogger(),
        "warn".equals(environment.getOptions().get("toenergy.budget")));
  }
}
