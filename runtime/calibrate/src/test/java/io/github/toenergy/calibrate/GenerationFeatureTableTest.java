package io.github.toenergy.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.ArithmeticModel;
import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.energy.Feature;
import io.github.toenergy.model.Network;
import org.junit.jupiter.api.Test;

/** The fit's features of a decode workload: what a profile fitted on LLM serving measurements sees. */
class GenerationFeatureTableTest {

  /**
   * The runtime's GenerationCostTest decoder decoding 4 tokens after 8, fp32: per sequence 27,520 MACs and
   * 5,888 cache bytes, per batch 4 steps x 6,288 weights x 4 bytes = 100,608 weight bytes.
   */
  @Test
  void decodeFeaturesOfThreeSequencesOnTwoGpus() {
    Network tiny = Network.parse("tiny", "input(8) embedding(100,16) repeat(2, residual(rmsnorm "
        + "attention(4,kvheads=2,causal=true,bias=false)) residual(rmsnorm glu(32))) rmsnorm unembed(100)");
    FeatureTable table = new FeatureTable(NetworkCost.generation(tiny, Phase.DECODE, 8, 4), ArithmeticModel.cmos(), 2);
    assertEquals(3 * 27_520, table.value(Feature.MACS, 3, 1, false));
    assertEquals(3 * 5_888, table.value(Feature.KV_BYTES, 3, 1, false));
    assertEquals(100_608, table.value(Feature.WEIGHT_BYTES, 3, 1, false));
    assertEquals(3 * 4, table.value(Feature.TOKENS, 3, 1, false)); // generated tokens
    assertEquals(2 * 4, table.value(Feature.GPU_STEPS, 3, 1, false)); // 2 GPUs x 4 decode steps
    // an inference has no cache, no generated tokens, and one GPU step per batch
    FeatureTable inference = new FeatureTable(tiny, Phase.INFERENCE, ArithmeticModel.cmos());
    assertEquals(0, inference.value(Feature.KV_BYTES, 3, 5, false));
    assertEquals(0, inference.value(Feature.TOKENS, 3, 5, false));
    assertEquals(5, inference.value(Feature.GPU_STEPS, 3, 5, false));
  }
}
