package io.github.toenergy.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.toenergy.cost.CountOverflowException;
import io.github.toenergy.model.Network;
import io.github.toenergy.profile.Profiles;
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
}
