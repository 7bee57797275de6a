package io.github.toenergy.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.ArithmeticModel;
import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.energy.Estimator;
import io.github.toenergy.energy.Feature;
import io.github.toenergy.energy.Workload;
import io.github.toenergy.model.Network;
import org.junit.jupiter.api.Test;

/** A measured decode has the features the estimator computes for its workload, at its mean batch. */
class GenerationMeasurementTest {
  private static final Network MOE = Network.parse("moe", "input(8) embedding(100,16) residual(rmsnorm "
      + "attention(4,kvheads=2,causal=true,bias=false)) residual(rmsnorm moe(experts=8,top=2,hidden=16)) rmsnorm"
      + " unembed(100)");

  @Test
  void decodeFeaturesAtTheMeanBatch() {
    Workload w = Workload.decode(3, 8, 4).withGpus(2);
    Measurement m = Measurement.generation(MOE, w, 2.5, 1.0, "moe");
    FeatureTable t = new FeatureTable(MOE, w, ArithmeticModel.cmos());
    NetworkCost cost = Estimator.generationCost(MOE, w);
    // 2.5 sequences x 4 tokens; 2 GPUs x 4 steps; the one GPU beyond the first x 4 steps
    assertEquals(10, t.value(Feature.TOKENS, m.samples(), m.steps(), m.isRun()), 1e-12);
    assertEquals(8, t.value(Feature.GPU_STEPS, m.samples(), m.steps(), m.isRun()), 1e-12);
    assertEquals(4, t.value(Feature.EXPERT_GPU_STEPS, m.samples(), m.steps(), m.isRun()), 1e-12);
    assertEquals(cost.weightBytes(), t.value(Feature.WEIGHT_BYTES, m.samples(), m.steps(), m.isRun()), 1e-9);
    assertEquals(cost.routedWeightBytes(2.5), t.value(Feature.ROUTED_WEIGHT_BYTES, m.samples(), m.steps(), m.isRun()), 1e-9);
    assertEquals(2.5 * cost.cacheBytes(1), t.value(Feature.KV_BYTES, m.samples(), m.steps(), m.isRun()), 1e-9);
    assertEquals(w, m.workload());
  }

  @Test
  void aGenerationMeasurementNeedsItsWorkload() {
    Workload w = Workload.decode(3, 8, 4);
    assertEquals("a prefill or decode measurement needs its generation workload, of its phase and batch and without"
        + " batches; inference and training none", assertThrows(IllegalArgumentException.class,
            () -> new Measurement(MOE, Phase.DECODE, 3, 0, 3, 1.0, "moe")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Measurement(MOE, Phase.DECODE, 4, 0, 3, 1.0, "moe", w));
    assertThrows(IllegalArgumentException.class, () -> new Measurement(MOE, Phase.INFERENCE, 3, 0, 3, 1.0, "moe", w));
  }
}
