package io.github.toenergy.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code @EnergyBudget} against the hand-checkable {@code test-cpu} profile (1e-6 J per MAC, 90%
 * interval E x (1 -+ 1.6449 x 0.1)) on an MLP 784-128-64-10: 100,352 + 8,192 + 640 = 109,184 MACs
 * per inference, 0.109184 J; parameters 100,480 + 8,256 + 650 = 109,386.
 */
class BudgetTest {

  static JavaFileObject mlp(String... budgets) {
    String[] lines = new String[budgets.length + 6];
    lines[0] = "@Network(input = 784, profiles = \"test-cpu\")";
    System.arraycopy(budgets, 0, lines, 1, budgets.length);
    lines[budgets.length + 1] = "public class Mlp {";
    lines[budgets.length + 2] = "  @Dense(units = 128) @Activation(RELU) Object hidden1;";
    lines[budgets.length + 3] = "  @Dense(units = 64) @Activation(RELU) Object hidden2;";
    lines[budgets.length + 4] = "  @Dense(units = 10) Object out;";
    lines[budgets.length + 5] = "}";
    return DiagnosticsTest.net("Mlp", lines);
  }

  @Test
  void withinBudgetCompilesCleanly() {
    Compilation c = Compilations.withTestProfiles("-Xlint:all", "-Werror")
        .compile(mlp("@EnergyBudget(joules = 0.11, profile = \"test-cpu\")"));
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void overBudgetFailsOnTheBudgetAndStillGeneratesTheClass() {
    JavaFileObject source = mlp(
        "@EnergyBudget(joules = 0.2, profile = \"test-cpu\")",
        "@EnergyBudget(joules = 0.1, profile = \"test-cpu\")");
    // code that uses the generated class: only the budget may fail the build, not a missing MlpEnergy
    JavaFileObject user = DiagnosticsTest.net("User",
        "public final class User {",
        "  static final long MACS = MlpEnergy.TOTAL_MACS;",
        "}");
    Compilation c = Compilations.withTestProfiles().compile(source, user);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[toenergy:budget-exceeded] network Mlp needs 0.1092 J per inference of batch 1 "
        + "on test-cpu, over its budget of 0.1000 J by 9.2%; the layers that cost most: dense_1 0.1004 J (91.9%), "
        + "dense_2 0.008192 J (7.5%), dense_3 0.0006400 J (0.6%)")
        .inFile(source).onLineContaining("@EnergyBudget(joules = 0.1,");
    assertEquals(1, c.errors().size(), "the 0.2 J budget holds, and MlpEnergy exists: " + c.errors());
  }

  @Test
  void aBudgetOnAPhaseTheProfileWasNotMeasuredForSaysSo() {
    // v100 is fitted on training epochs only: an inference budget on it is an extrapolation in phase
    JavaFileObject source = DiagnosticsTest.net("Mlp",
        "@Network(input = 784, profiles = \"v100\")",
        "@EnergyBudget(joules = 1e-12, profile = \"v100\")",
        "public class Mlp {",
        "  @Dense(units = 10) Object out;",
        "}");
    Compilation c = Compilations.compiler().compile(source);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("on v100 [outside the profile's fitted range: inference not measured], over its "
        + "budget").inFile(source).onLineContaining("@EnergyBudget");
  }

  @Test
  void warnModeDowngradesTheOvershootToAWarning() {
    JavaFileObject source = mlp("@EnergyBudget(joules = 0.1, profile = \"test-cpu\")");
    Compilation c = Compilations.withTestProfiles("-Atoenergy.budget=warn").compile(source);
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining("[toenergy:budget-exceeded] network Mlp needs 0.1092 J per inference of "
        + "batch 1 on test-cpu, over its budget of 0.1000 J by 9.2%")
        .inFile(source).onLineContaining("@EnergyBudget(joules = 0.1,");
    assertThat(c).generatedSourceFile("com.example.MlpEnergy");
  }

  @Test
  void upperBoundComparesTheHighEndOfTheInterval() {
    // estimate 0.109184 J passes 0.12 J; its upper bound 0.109184 x 1.16449 = 0.12714 J does not: 5.95% over
    Compilation estimate = Compilations.withTestProfiles()
        .compile(mlp("@EnergyBudget(joules = 0.12, profile = \"test-cpu\")"));
    assertThat(estimate).succeededWithoutWarnings();

    JavaFileObject source = mlp("@EnergyBudget(joules = 0.12, profile = \"test-cpu\", upperBound = true)");
    Compilation upper = Compilations.withTestProfiles().compile(source);
    assertThat(upper).hadErrorContaining("[toenergy:budget-exceeded] network Mlp needs 0.1271 J per inference of "
        + "batch 1 on test-cpu (upper bound of the 90% interval; estimate 0.1092 J), over its budget of 0.1200 J by "
        + "6.0%").inFile(source).onLineContaining("upperBound = true");
  }

  @Test
  void trainingRunBudget() {
    // a training step of batch 32 counts 3 x 109,184 MACs per sample (forward, and the two backward
    // products) and one SGD update MAC per parameter: 10,481,664 + 109,386 = 10,591,050 MACs; 100 steps
    // are 1,059,105,000 MACs = 1,059.105 J, 5.9% over 1,000 J. Per layer (x 100 steps):
    // dense_1 3 x 100,352 x 32 + 100,480 = 9,734,272 -> 973.4 J (91.9%); dense_2 3 x 8,192 x 32 + 8,256
    // = 794,688 -> 79.47 J (7.5%); dense_3 3 x 640 x 32 + 650 = 62,090 -> 6.209 J (0.6%).
    JavaFileObject source = mlp(
        "@EnergyBudget(joules = 1000, profile = \"test-cpu\", phase = Phase.TRAINING, batch = 32, batches = 100)");
    Compilation c = Compilations.withTestProfiles().compile(source);
    assertThat(c).hadErrorContaining("[toenergy:budget-exceeded] network Mlp needs 1059 J per training run of 100 "
        + "batches of 32 on test-cpu, over its budget of 1000 J by 5.9%; the layers that cost most: dense_1 973.4 J "
        + "(91.9%), dense_2 79.47 J (7.5%), dense_3 6.209 J (0.6%)")
        .inFile(source).onLineContaining("batches = 100");

    // one training step of batch 32: 10.591050 J
    JavaFileObject step = mlp(
        "@EnergyBudget(joules = 10, profile = \"test-cpu\", phase = Phase.TRAINING, batch = 32)");
    assertThat(Compilations.withTestProfiles().compile(step)).hadErrorContaining(
        "network Mlp needs 10.59 J per training step of batch 32 on test-cpu, over its budget of 10.00 J by 5.9%");
  }

  @Test
  void uncalibratedProfilesAreNamedInTheMessage() {
    // the shipped profiles are placeholders until they are fitted: the overshoot says so
    JavaFileObject source = DiagnosticsTest.net("Shipped",
        "@Network(input = 784, profiles = \"xeon-gold-5120\")",
        "@EnergyBudget(joules = 1e-30, profile = \"xeon-gold-5120\")",
        "public class Shipped {",
        "  @Dense(units = 10) Object out;",
        "}");
    Compilation c = Compilations.compiler().compile(source);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[toenergy:budget-exceeded] network Shipped needs ")
        .inFile(source).onLineContaining("@EnergyBudget(joules = 1e-30");
    if (!io.github.toenergy.profile.Profiles.get("xeon-gold-5120").calibrated()) {
      assertThat(c).hadErrorContaining(" on xeon-gold-5120 [uncalibrated profile], over its budget of 1.000e-30 J");
    }
  }
}
