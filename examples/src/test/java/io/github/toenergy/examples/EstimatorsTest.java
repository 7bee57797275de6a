package io.github.toenergy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.toenergy.energy.Estimate;
import io.github.toenergy.energy.Workload;
import io.github.toenergy.profile.Profiles;
import org.junit.jupiter.api.Test;

/** The generated per-profile estimators are the runtime's estimates, and LeNet-5's budget holds. */
class EstimatorsTest {
  @Test
  void generatedEstimatorEqualsTheRuntimeEstimate() {
    Estimate generated = Vgg16Energy.XeonGold5120.inference(8);
    Estimate runtime = Profiles.get("xeon-gold-5120").estimate(Vgg16Energy.network(), Workload.inference(8));
    assertEquals(runtime.joules(), generated.joules(), 0.0);
    assertEquals(runtime.high(), generated.high(), 0.0);
    assertEquals(8 * Vgg16Energy.TOTAL_MACS, generated.macs());
  }

  @Test
  void everyShippedProfileHasAnEstimatorForTraining() {
    assertEquals("raptorlake", ResNet18Energy.Raptorlake.training(32).profile());
    assertEquals("a40", ResNet18Energy.A40.trainingRun(32, 100).profile());
    assertEquals("rtx6000", MobileNetV2Energy.Rtx6000.inference(1).profile());
    assertEquals("broadwell-ep", MnistMlpEnergy.BroadwellEp.trainingRun(64, 938).profile());
    assertEquals("p100", AlexNetEnergy.P100.inference(1).profile());
    assertEquals("v100", Vgg11Energy.V100.inference(1).profile());
  }

  /** LeNet5 carries {@code @EnergyBudget(joules = 1.0, profile = "xeon-gold-5120", batch = 1)}; it compiled. */
  @Test
  void leNet5StaysWithinItsBudget() {
    Estimate e = LeNet5Energy.XeonGold5120.inference(1);
    assertTrue(e.joules() <= 1.0, e.toString());
  }
}
