package io.github.toenergy.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Parts of the generated class the golden file does not show. */
class GeneratedClassTest {

  @Test
  void trainingPhaseTableAndInferenceConstants() throws ReflectiveOperationException {
    JavaFileObject source = DiagnosticsTest.net("Trained",
        "@Network(input = 784, profiles = \"test-cpu\", phase = Phase.TRAINING)",
        "public class Trained {",
        "  @Dense(units = 10) Object out;",
        "}");
    Compilation c = Compilations.withTestProfiles("-Xlint:all", "-Werror").compile(source);
    assertThat(c).succeededWithoutWarnings();
    String text = Compilations.generatedSource(c, "com.example.TrainedEnergy");
    // a training step of batch 1: 3 x 7,840 MACs per sample + 7,850 SGD updates = 31,370 MACs = 0.03137 J
    assertTrue(text.contains(" * <p>Per layer, one training step of batch 1."), text);
    assertTrue(text.contains(" * dense_1  10      31,370"), text);
    assertTrue(text.contains("0.03137 J"), text);
    // the constants stay one inference of batch 1: 7,840 MACs
    assertEquals(7_840L, Compilations.constant(Compilations.load(c, "com.example.TrainedEnergy"), "TOTAL_MACS"));
  }

  @Test
  void theJavadocFlagsAPhaseTheProfileWasNotMeasuredFor() {
    // v100 is fitted on training epochs only, xeon-gold-5120 on inference only (their phases= keys)
    String[][] cases = {{"Inferred", "", "v100", "inference"}, {"Stepped", ", phase = Phase.TRAINING", "xeon-gold-5120",
        "training"}};
    for (String[] k : cases) {
      JavaFileObject source = DiagnosticsTest.net(k[0],
          "@Network(input = 784, profiles = {\"v100\", \"xeon-gold-5120\"}" + k[1] + ")",
          "public class " + k[0] + " {",
          "  @Dense(units = 10) Object out;",
          "}");
      Compilation c = Compilations.compiler("-Xlint:all", "-Werror").compile(source);
      assertThat(c).succeededWithoutWarnings();
      String text = Compilations.generatedSource(c, "com.example." + k[0] + "Energy");
      String javadoc = text.substring(0, text.indexOf("@Generated")).replaceAll("\\s*\\n\\s*\\*\\s*", " ");
      String flag = "outside the range the profile was fitted on (" + k[3] + " not measured)";
      int item = javadoc.indexOf("<li>{@code " + k[2] + "}");
      int next = javadoc.indexOf("<li>", item + 1);
      assertTrue(item >= 0 && javadoc.substring(item, next < 0 ? javadoc.length() : next).contains(flag), javadoc);
      assertEquals(1, javadoc.split(java.util.regex.Pattern.quote(flag), -1).length - 1, "only " + k[2] + ": " + javadoc);
    }
  }

  @Test
  void namesFromUsersAndProfilesCannotBreakTheSource() {
    // a network name with Javadoc and HTML specials, and a profile id that does not start a Java name
    JavaFileObject source = DiagnosticsTest.net("Odd",
        "@Network(input = 4, name = \"a<b>&c */ @d {@code x}\", profiles = \"test-cpu\")",
        "public class Odd {",
        "  @Dense(units = 2) Object fc;",
        "}");
    Compilation c = Compilations.withTestProfiles("-Xlint:all", "-Werror").compile(source);
    assertThat(c).succeededWithoutWarnings();
    String text = Compilations.generatedSource(c, "com.example.OddEnergy");
    assertTrue(text.contains("<code>a&lt;b&gt;&amp;c *&#47; &#64;d &#123;&#64;code x&#125;</code>"), text);
    assertTrue(text.contains("Network.parse(\"a<b>&c */ @d {@code x}\", NOTATION)"), text);
    String javadoc = text.substring(0, text.indexOf("@Generated"));
    assertFalse(javadoc.contains("a<b>") || javadoc.contains("c */"), "no raw HTML or comment end in the Javadoc");
  }

  /**
   * The size target of issue 10: the class generated for a network of 50 layers, with the estimators
   * of the seven profiles shipped then (named, since issue 13's two LLM decode profiles add six lines
   * each to the default of every shipped profile), is at most 200 lines, its Javadoc table included. The network is
   * the one scripts/GenerateBenchNetworks.java writes for the javac benchmark: three stages of five
   * (conv 3x3, batch norm, ReLU) and a max pool, then flatten and dense.
   */
  @Test
  void aFiftyLayerClassWithSevenProfilesIsAtMost200Lines() {
    java.util.List<String> lines = new java.util.ArrayList<>(java.util.List.of("@Network(input = {3, 32, 32},"
        + " profiles = {\"xeon-gold-5120\", \"raptorlake\", \"broadwell-ep\", \"v100\", \"a40\", \"rtx6000\", \"p100\"})",
        "public class Fifty {"));
    int layers = 0;
    for (int stage = 0; stage < 3; stage++) {
      for (int block = 0; block < 5; block++) {
        lines.add("  @Conv2d(filters = " + (8 << stage) + ", kernel = 3, padding = 1, bias = false) Object c" + layers++ + ";");
        lines.add("  @BatchNorm Object n" + layers++ + ";");
        lines.add("  @Activation(RELU) Object r" + layers++ + ";");
      }
      lines.add("  @MaxPool2d(kernel = 2) Object p" + layers++ + ";");
    }
    lines.add("  @Flatten Object f" + layers++ + ";");
    lines.add("  @Dense(units = 10) Object d" + layers++ + ";");
    lines.add("}");
    assertEquals(50, layers);
    assertEquals(9, io.github.toenergy.profile.Profiles.all().size(), "the shipped profiles");
    Compilation c = Compilations.compiler("-Xlint:all", "-Werror").compile(DiagnosticsTest.net("Fifty",
        lines.toArray(String[]::new)));
    assertThat(c).succeededWithoutWarnings();
    String text = Compilations.generatedSource(c, "com.example.FiftyEnergy");
    long count = text.lines().count();
    assertTrue(count <= 200, count + " lines:\n" + text);
    assertTrue(text.contains(" * dense_1 "), "the table has a row per layer");
    assertEquals(7, text.lines().filter(l -> l.contains(" = ProfileEstimates.of(")).count(), text);
    assertTrue(text.lines().allMatch(l -> l.length() <= 100), "a line over 100 characters");
  }

  @Test
  void profileClassNames() {
    java.util.Set<String> taken = new java.util.HashSet<>(java.util.Set.of("OddEnergy", "Network"));
    assertEquals("XeonGold5120", io.github.toenergy.processor.codegen.NamesAccess.profileClass("xeon-gold-5120", taken));
    assertEquals("A40", io.github.toenergy.processor.codegen.NamesAccess.profileClass("a40", taken));
    assertEquals("Profile3090Ti", io.github.toenergy.processor.codegen.NamesAccess.profileClass("3090-ti", taken));
    assertEquals("NetworkProfile", io.github.toenergy.processor.codegen.NamesAccess.profileClass("network", taken));
  }
}
