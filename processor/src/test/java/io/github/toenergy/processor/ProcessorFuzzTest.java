package io.github.toenergy.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.ArithmeticModel;
import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.energy.Estimate;
import io.github.toenergy.energy.Workload;
import io.github.toenergy.model.Network;
import io.github.toenergy.profile.Profiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Randomly generated annotated classes ({@link FuzzedSources}) compiled with the processor end
 * either in generated sources or in diagnostics on an element of the file -- never in a processor
 * exception, an {@code internal-error} diagnostic, a javac crash or a generated source that does
 * not compile. A clean case must compile, and its generated constants and estimator must agree
 * with the runtime counting the same network.
 *
 * <p>Some cases name the network with text that could break a generated source, and every case loads
 * {@code hostile-profiles/lab-box.properties}, whose hardware and source texts do the same (backslashes
 * that javac would read as unicode escapes, comment ends, Javadoc tags); the generated sources must
 * still compile without a warning.
 *
 * <p>Seeds are fixed, so a failure replays; {@code -Dtoenergy.fuzzSeed=N} explores others and
 * {@code -Dtoenergy.fuzzCases=N} runs more cases (compile testing takes ~0.1-0.3 s a case).
 */
class ProcessorFuzzTest {
  private static final long SEED = Long.getLong("toenergy.fuzzSeed", 0xF022L);
  private static final int CASES = Integer.getInteger("toenergy.fuzzCases", 80);

  @Test
  void fuzzedNetworkClassesEndInGeneratedSourcesOrDiagnosticsOnAnElement() throws Exception {
    int clean = 0;
    int withErrors = 0;
    int generated = 0;
    for (int i = 0; i < CASES; i++) {
      long seed = SEED * 1_000_003L + i;
      FuzzedSources.Case c = FuzzedSources.generate(seed, i);
      String context = "case " + i + " (seed " + seed + "), faults " + c.faults() + ":\n" + c.source();
      Compilation compilation;
      try {
        compilation = Compilations.withProfiles(List.of("test-profiles", "hostile-profiles"))
            .compile(JavaFileObjects.forSourceString(c.qualifiedName(), c.source()));
      } catch (RuntimeException | Error e) {
        throw new AssertionError("the compilation threw " + e + " for " + context, e);
      }
      List<Diagnostic<? extends JavaFileObject>> errors = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
        String message = d.getMessage(null);
        if (message.contains("[toenergy:internal-error]") || message.contains("Exception")
            || message.contains("\tat ")) {
          fail("a processor failure, not a diagnostic: " + message + "\nin " + context);
        }
        if (d.getKind() == Diagnostic.Kind.ERROR) {
          errors.add(d);
          assertTrue(message.startsWith("[toenergy:"), "an error that is not the processor's (invalid "
              + "source or generated code that does not compile): " + message + "\nin " + context);
          assertTrue(d.getSource() != null && d.getPosition() != Diagnostic.NOPOS,
              "an error on no element: " + message + "\nin " + context);
        }
      }
      // (compile testing shows generated files only of a compilation without errors)
      boolean hasGenerated = errors.isEmpty() && compilation.generatedSourceFile(c.generated().get(0)).isPresent();
      assertTrue(hasGenerated || !errors.isEmpty(), "neither a generated source nor an error for " + context);
      if (hasGenerated) generated++;
      if (!errors.isEmpty()) withErrors++;
      if (c.clean()) {
        clean++;
        assertTrue(errors.isEmpty() && hasGenerated, "a valid network failed: " + errors + "\nin " + context);
        checkAgainstTheRuntime(compilation, c, context);
      }
    }
    System.out.printf("processor fuzz: %d cases, %d clean, %d with errors, %d generated%n", CASES, clean, withErrors,
        generated);
    // the generator must exercise both outcomes
    assertTrue(clean >= CASES / 5, "clean cases: " + clean);
    assertTrue(withErrors >= CASES / 5, "cases with errors: " + withErrors);
    assertTrue(generated >= CASES / 3, "cases with generated sources: " + generated);
  }

  /** The generated constants and estimator against the runtime counting the same network. */
  private static void checkAgainstTheRuntime(Compilation compilation, FuzzedSources.Case c, String context)
      throws ReflectiveOperationException {
    Network expected = c.network();
    String binary = c.generated().get(0);
    Class<?> energy = Compilations.load(compilation, binary);
    NetworkCost cost = NetworkCost.of(expected, Phase.INFERENCE);
    assertEquals(cost.macs(1), Compilations.constant(energy, "TOTAL_MACS"), context);
    assertEquals(cost.tos(ArithmeticModel.cmos(), 1), Compilations.constant(energy, "TOTAL_TOS"), context);
    assertEquals(cost.parameters(), Compilations.constant(energy, "PARAMETERS"), context);
    for (Phase phase : new Phase[] {Phase.INFERENCE, Phase.TRAINING}) {
      // the compiled table holds every row the runtime counts, in both phases
      assertEquals(NetworkCost.of(expected, phase).layers(), Compilations.counts(energy).cost(phase).layers(),
          phase + " rows of " + context);
    }
    if (Arrays.stream(energy.getFields()).anyMatch(f -> f.getName().equals("XeonGold5120"))) {
      // the estimator of a shipped profile, loaded at run time as users call it
      Estimate generated = Compilations.profile(energy, "XeonGold5120").inference(3);
      Estimate runtime = Profiles.get("xeon-gold-5120").estimate(expected, Workload.inference(3));
      assertEquals(runtime.joules(), generated.joules(), context);
      assertEquals(runtime.tos(), generated.tos(), context);
    }
  }
}
