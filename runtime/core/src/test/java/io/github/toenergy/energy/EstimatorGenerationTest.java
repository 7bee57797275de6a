package io.github.toenergy.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.CountTable;
import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.model.Format;
import io.github.toenergy.model.Network;
import io.github.toenergy.profile.Profile;
import io.github.toenergy.profile.Profiles;
import org.junit.jupiter.api.Test;

/** Joules per token of prefill and decode workloads, from the generation features. */
class EstimatorGenerationTest {

  /** GenerationCostTest's 2-layer decoder (its counts are derived there). */
  private static final Network TINY = Network.parse("tiny", "input(8) embedding(100,16) repeat(2, residual(rmsnorm "
      + "attention(4,kvheads=2,causal=true,bias=false)) residual(rmsnorm glu(32))) rmsnorm unembed(100)");

  /** A decode profile on the generation features only: 1 nJ per weight byte, 10 nJ per cache byte, 1 mJ per token, 10 mJ per GPU step. */
  private static Profile decodeProfile() {
    return DecodeProfiles.linear("llm", "weight_bytes,kv_bytes,tokens,gpu_steps", "1.0E-9,1.0E-8,1.0E-3,1.0E-2");
  }

  @Test
  void joulesPerGeneratedTokenFromTheGenerationFeatures() {
    // batch 3, prompt 8, 4 tokens, 2 GPUs, fp32 (the network's format): weight bytes 100,608 per batch
    // (4 steps x 6,288 x 4 bytes), cache bytes 3 x 5,888 = 17,664, tokens 3 x 4 = 12, GPU steps 2 x 4 = 8:
    // 100,608e-9 + 17,664e-8 + 12e-3 + 8e-2 = 0.092277248 J, over 12 tokens 0.0076897707 J each
    Estimate e = decodeProfile().estimate(TINY, Workload.decode(3, 8, 4).withGpus(2));
    assertEquals(0.092277248, e.joules(), 1e-12);
    assertEquals(0.092277248 / 12, e.joulesPerToken(), 1e-12);
    assertEquals(0.092277248 / 12 / 1.25, e.joulesPerTokenLow(), 1e-12);
    assertEquals(0.092277248 / 12 * 1.5, e.joulesPerTokenHigh(), 1e-12);
    assertEquals(100_608L, e.weightBytes());
    assertEquals(17_664L, e.cacheBytes());
    assertEquals(3 * 27_520L, e.macs());
    assertFalse(e.outsideFittedRange());
    // bf16 halves both byte counts; tokens and GPU steps stay
    Estimate bf16 = decodeProfile().estimate(TINY, Workload.decode(3, 8, 4).withGpus(2).withPrecision(Format.BF16));
    assertEquals(50_304L, bf16.weightBytes());
    assertEquals(8_832L, bf16.cacheBytes());
    assertEquals(50_304e-9 + 8_832e-8 + 12e-3 + 8e-2, bf16.joules(), 1e-12);
    // fp8 halves the weight bytes again (100,608 / 4 = 25,152) but keeps the cache in bf16 (vLLM's default): 8,832
    Estimate fp8 = decodeProfile().estimate(TINY, Workload.decode(3, 8, 4).withGpus(2).withPrecision(Format.FP8));
    assertEquals(25_152L, fp8.weightBytes());
    assertEquals(8_832L, fp8.cacheBytes());
    assertEquals(25_152e-9 + 8_832e-8 + 12e-3 + 8e-2, fp8.joules(), 1e-12);
    // mxfp4 too: 3 sequences x 1,472 cache values (5,888 fp32 bytes / 4) x 2 bf16 bytes = 8,832
    assertEquals(8_832L,
        decodeProfile().estimate(TINY, Workload.decode(3, 8, 4).withGpus(2).withPrecision(Format.MXFP4)).cacheBytes());
  }

  @Test
  void aProfileFittedOnTrainingFlagsADecodeEstimate() {
    Estimate e = Profiles.get("v100").estimate(TINY, Workload.decode(1, 8, 4));
    assertTrue(e.outsideFittedPhase());
    assertEquals("outside the fitted range: decode not measured", e.rangeNote());
    assertEquals(e.joules() / 4, e.joulesPerToken(), 0);
    // and a decode profile flags an inference
    Estimate inference = decodeProfile().estimate(TINY, Workload.inference(1));
    assertTrue(inference.outsideFittedPhase());
    IllegalStateException none = assertThrows(IllegalStateException.class, inference::joulesPerToken);
    assertEquals("a per-token figure needs a prefill or decode workload, not inference", none.getMessage());
  }

  @Test
  void prefillIsPerPromptToken() {
    // prompt 5, batch 2: cache 2 x 640 bytes written, weights once 6,288 x 4 bytes, tokens 10, GPU steps 1
    Estimate e = decodeProfile().estimate(TINY, Workload.prefill(2, 5));
    double joules = 25_152e-9 + 1_280e-8 + 10e-3 + 1e-2;
    assertEquals(joules, e.joules(), 1e-12);
    assertEquals(joules / 10, e.joulesPerToken(), 1e-12);
  }

  @Test
  void aTableWithoutItsNetworkCannotCountAGeneration() {
    CountTable table = CountTable.of(NetworkCost.of(TINY, Phase.INFERENCE), NetworkCost.of(TINY, Phase.TRAINING));
    Estimator estimator = decodeProfile().estimator(table);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> estimator.estimate(Workload.decode(1, 8, 4)));
    assertTrue(e.getMessage().contains("DECODE needs the network"), e.getMessage());
  }

  @Test
  void workloadsRefuseLengthsThatDoNotBelongToTheirPhase() {
    assertEquals("tokens must be positive, got 0",
        assertThrows(IllegalArgumentException.class, () -> Workload.decode(1, 8, 0)).getMessage());
    assertEquals("prompt must be positive, got -1",
        assertThrows(IllegalArgumentException.class, () -> Workload.prefill(1, -1)).getMessage());
    assertEquals("gpus must be positive, got 0",
        assertThrows(IllegalArgumentException.class, () -> Workload.decode(1, 8, 4).withGpus(0)).getMessage());
    assertEquals("prompt, tokens, gpus and precision are for prefill and decode",
        assertThrows(IllegalArgumentException.class, () -> Workload.inference(1).withGpus(2)).getMessage());
  }
}
