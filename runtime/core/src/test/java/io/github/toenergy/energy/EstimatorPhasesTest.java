package io.github.toenergy.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.toenergy.cost.CountOverflowException;
import io.github.toenergy.annotations.Phase;
import io.github.toenergy.model.Network;
import io.github.toenergy.profile.Profile;
import io.github.toenergy.profile.Profiles;
import java.util.EnumSet;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class EstimatorPhasesTest {

  @Test
  void aNetworkWhoseTrainingOverflowsStillGetsInferenceEstimates() {
    // dense 15,000,000 -> 10,000,000: 1.5e14 MACs x 25,360 FP32 MAC TOs = 3.8e18 TOs per inference,
    // under 2^63-1 = 9.2e18; a training step has 3x the MACs (forward, dX, dW): 1.14e19 TOs, over it
    Network huge = Network.parse("huge", "input(15000000) dense(10000000)");
    Estimator estimator = Profiles.get("xeon-gold-5120").estimator(huge);
    Estimate inference = estimator.estimate(Workload.inference(1));
    assertEquals(150_000_000_000_000L, inference.macs());
    assertTrue(Double.isFinite(inference.joules()) && inference.joules() > 0, inference.toString());
    CountOverflowException e = assertThrows(CountOverflowException.class,
        () -> estimator.estimate(Workload.trainingStep(1)));
    assertTrue(e.getMessage().contains("dense_1"), e.getMessage());
  }

  /** 1 fJ per TO, fitted (so the tests say) on 1e6 .. 1e15 TOs per step of {@code phases}. */
  private static Profile measuredFor(String phases) {
    Properties p = new Properties();
    p.setProperty("id", "box");
    p.setProperty("description", "test profile");
    p.setProperty("hardware", "test hardware");
    p.setProperty("phases", phases);
    p.setProperty("format", "fp32");
    p.setProperty("calibrated", "false");
    p.setProperty("arithmetic", "cmos");
    p.setProperty("model.form", "linear");
    p.setProperty("model.features", "tos");
    p.setProperty("model.coefficients", "1.0E-15");
    p.setProperty("model.covariance", "0.0");
    p.setProperty("model.residualVariance", "0.01");
    p.setProperty("model.degreesOfFreedom", "10");
    p.setProperty("model.tQuantile", "1.8124611"); // t(0.95; 10), from any table of Student's t
    p.setProperty("model.tosRange", "1.0E6,1.0E15");
    return Profile.fromProperties(p, "test");
  }

  // input(784) dense(128) relu dense(10) softmax: 2.58e9 TOs per inference (docs/cli.md), a training step
  // about three times that: both well inside 1e6 .. 1e15, so only the phase can put an estimate out of range
  private static final Network MLP = Network.parse("mlp", "input(784) dense(128) relu dense(10) softmax");

  @Test
  void aProfileFittedOnTrainingOnlyFlagsAnInferenceEstimate() {
    Profile training = measuredFor("training");
    assertEquals(EnumSet.of(Phase.TRAINING), training.measuredPhases());
    Estimate inference = training.estimate(MLP, Workload.inference(1));
    assertTrue(inference.outsideFittedPhase());
    assertTrue(inference.outsideFittedRange());
    assertEquals("outside the fitted range: inference not measured", inference.rangeNote());
    assertTrue(inference.toString().endsWith("(outside the fitted range: inference not measured)"), inference.toString());
    Estimate step = training.estimate(MLP, Workload.trainingStep(1));
    assertFalse(step.outsideFittedPhase());
    assertFalse(step.outsideFittedRange());
    assertEquals("", step.rangeNote());
  }

  @Test
  void aProfileFittedOnInferenceOnlyFlagsATrainingEstimate() {
    Profile inference = measuredFor("inference");
    for (Workload w : new Workload[] {Workload.trainingStep(1), Workload.trainingRun(1, 10)}) {
      Estimate e = inference.estimate(MLP, w);
      assertTrue(e.outsideFittedPhase() && e.outsideFittedRange(), w.toString());
      assertEquals("outside the fitted range: training not measured", e.rangeNote());
    }
    assertFalse(inference.estimate(MLP, Workload.inference(1)).outsideFittedRange());
  }

  @Test
  void aProfileFittedOnBothFlagsNeitherPhaseButStillFlagsSize() {
    Profile both = measuredFor("inference,training");
    assertFalse(both.estimate(MLP, Workload.inference(1)).outsideFittedRange());
    assertFalse(both.estimate(MLP, Workload.trainingStep(1)).outsideFittedRange());
    // the size check is unchanged: a batch of 1,000,000 is 2.58e9 x 1e6 = 2.6e15 TOs, above 1e15 x 1.1
    Estimate big = both.estimate(MLP, Workload.inference(1_000_000));
    assertTrue(big.outsideFittedRange());
    assertFalse(big.outsideFittedPhase());
    assertEquals("outside the fitted range", big.rangeNote());
  }

  @Test
  void phasesTheRuntimeDoesNotKnowMeasureNoWorkload() {
    // a profile of a phase the runtime does not know flags every workload
    assertEquals(EnumSet.noneOf(Phase.class), measuredFor("speculative").measuredPhases());
  }

  @Test
  void aProfileFittedOnDecodeFlagsInferenceAndTrainingAndTheOtherWayRound() {
    assertEquals(EnumSet.of(Phase.DECODE), measuredFor("decode").measuredPhases());
    Estimate inference = measuredFor("decode").estimate(MLP, Workload.inference(1));
    assertTrue(inference.outsideFittedPhase());
    assertEquals("outside the fitted range: inference not measured", inference.rangeNote());
  }
}
