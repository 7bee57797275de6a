package io.github.toenergy.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.github.toenergy.model.Network;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor's edges found by the attack of issue 15, each with its exact example: whatever the
 * processor accepts compiles and runs, and whatever it refuses is a diagnostic on the user's element.
 */
class ProcessorHardeningTest {

  /** A network named with a Windows path: {@code \}{@code u} must not become a unicode escape. */
  @Test
  void aBackslashUInTheNetworkNameIsNoUnicodeEscape() throws ReflectiveOperationException {
    JavaFileObject source = DiagnosticsTest.net("Lab",
        "@Network(input = 4, name = \"C:\\\\users\\\\lab\", profiles = \"test-cpu\")",
        "public class Lab {",
        "  @Dense(units = 2) Object fc;",
        "}");
    Compilation c = Compilations.withTestProfiles("-Xlint:all", "-Werror").compile(source);
    assertThat(c).succeededWithoutWarnings();
    String text = Compilations.generatedSource(c, "com.example.LabEnergy");
    assertTrue(text.contains("<code>C:&#92;users&#92;lab</code>"), text);
    assertTrue(text.contains("Network.parse(\"C:\\\\users\\\\lab\", NOTATION)"), text);
    Network network = (Network) Compilations.load(c, "com.example.LabEnergy").getMethod("network").invoke(null);
    assertEquals("C:\\users\\lab", network.name());
  }

  /** {@code \}{@code u002a/} would end the Javadoc and let the rest of the name be code. */
  @Test
  void aUnicodeEscapedCommentEndInTheNameInjectsNothing() throws ReflectiveOperationException {
    JavaFileObject source = DiagnosticsTest.net("Evil",
        "@Network(input = 4, name = \"\\\\u002a/ public static int injected; /\\\\u002a\", profiles = \"test-cpu\")",
        "public class Evil {",
        "  @Dense(units = 2) Object fc;",
        "}");
    Compilation c = Compilations.withTestProfiles("-Xlint:all", "-Werror").compile(source);
    assertThat(c).succeededWithoutWarnings();
    Class<?> generated = Compilations.load(c, "com.example.EvilEnergy");
    assertFalse(java.util.Arrays.stream(generated.getFields()).anyMatch(f -> f.getName().equals("injected")));
    assertEquals(8L, Compilations.constant(generated, "TOTAL_MACS"));
  }

  /** The example: {@code hardware=Lab box C:\}{@code users\lab} in a profile given with -A. */
  @Test
  void aBackslashUInAProfilesTextIsNoUnicodeEscape(@TempDir Path dir) throws IOException {
    String testCpu = Files.readString(Compilations.resourceFolder("test-profiles").resolve("test-cpu.properties"),
        StandardCharsets.UTF_8);
    // in a properties file two backslashes are one: the hardware reads Lab box C:, backslash, users, ...
    Files.writeString(dir.resolve("lab.properties"), testCpu.replace("id=test-cpu", "id=lab")
        .replace("hardware=Test CPU, fp32", "hardware=Lab box C:\\\\users\\\\lab")
        .replace("provenance.source=", "provenance.source=C:\\\\users\\\\lab\\\\u002a/ "), StandardCharsets.UTF_8);
    JavaFileObject source = DiagnosticsTest.net("Boxed",
        "@Network(input = 4, profiles = \"lab\")",
        "public class Boxed {",
        "  @Dense(units = 2) Object fc;",
        "}");
    Compilation c = Compilations.compiler("-Xlint:all", "-Werror", "-Atoenergy.profilePath=" + dir).compile(source);
    assertThat(c).succeededWithoutWarnings();
    String text = Compilations.generatedSource(c, "com.example.BoxedEnergy");
    assertTrue(text.contains("{@code lab} (Lab box C:&#92;users&#92;lab): "), text);
    assertTrue(text.contains("Coefficients: C:&#92;users&#92;lab&#92;u002a/ hand-written"), text);
  }

  /**
   * The "by Infinity%": a budget so small that the overshoot's percentage is no finite
   * number (the smallest positive budgets; 0 itself is a budget-invalid error).
   */
  @Test
  void aBudgetExceededByMoreThanAPercentageCanSayReadsAsAFactor() {
    // 784 x 10 MACs + nothing else at 1e-6 J per MAC = 0.00784 J on test-cpu
    Compilation subnormal = Compilations.withTestProfiles().compile(budgeted("Tiny", "1e-320"));
    assertThat(subnormal).hadErrorContaining("over its budget of 1.000e-320 J by a factor above 1.80e+308; ");
    // a budget of 0 J is no budget at all
    assertThat(Compilations.withTestProfiles().compile(budgeted("Zero", "0")))
        .hadErrorContaining("[toenergy:budget-invalid] @EnergyBudget of network Zero: joules must be positive and finite, got 0.0");
    Compilation small = Compilations.withTestProfiles().compile(budgeted("Small", "1e-9"));
    // 0.00784 / 1e-9 = 7.84e6 times, 783,999,900%: past the percentages written
    assertThat(small).hadErrorContaining("over its budget of 1.000e-09 J by a factor of 7.84e+06; ");
    Compilation usual = Compilations.withTestProfiles().compile(budgeted("Usual", "0.007"));
    // (0.00784 - 0.007) / 0.007 = 12.0%
    assertThat(usual).hadErrorContaining("over its budget of 0.007000 J by 12.0%; ");
    for (Compilation c : List.of(subnormal, small, usual)) {
      assertFalse(c.errors().get(0).getMessage(null).contains("Infinity"), c.errors().toString());
    }
  }

  private static JavaFileObject budgeted(String name, String joules) {
    return DiagnosticsTest.net(name,
        "@Network(input = 784, profiles = \"test-cpu\")",
        "@EnergyBudget(joules = " + joules + ", profile = \"test-cpu\")",
        "public class " + name + " {",
        "  @Dense(units = 10, bias = false) Object out;",
        "}");
  }
}
