package io.github.toenergy.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.model.Network;
import io.github.toenergy.profile.Profile;
import org.junit.jupiter.api.Test;

/**
 * The two features that are not linear in the batch or the network's counts: weights read with routed experts
 * ({@link io.github.toenergy.cost.RoutedWeightsTest} derives the formula by hand) and the GPUs of a mixture of
 * experts beyond the first.
 */
class EstimatorRoutingTest {
  private static final Network MOE = Network.parse("moe", "input(8) embedding(100,16) residual(rmsnorm "
      + "attention(4,kvheads=2,causal=true,bias=false)) residual(rmsnorm moe(experts=8,top=2,hidden=16)) rmsnorm"
      + " unembed(100)");
  private static final Network DENSE = Network.parse("dense", "input(8) embedding(100,16) residual(rmsnorm "
      + "attention(4,kvheads=2,causal=true,bias=false)) residual(rmsnorm glu(32)) rmsnorm unembed(100)");

  /** 1 J per routed weight byte, 1,000 J per expert-parallel GPU step. */
  private static Profile profile() {
    return DecodeProfiles.linear("routing", "routed_weight_bytes,expert_gpu_steps", "1,1000");
  }

  @Test
  void aMixtureOfExpertsReadsTheRoutedExpertsAndPaysItsExtraGpus() {
    Workload w = Workload.decode(3, 8, 4).withGpus(2);
    NetworkCost cost = Estimator.generationCost(MOE, w);
    // batch 3 reads fewer weights than every expert, more than one token's
    double routed = cost.routedWeightBytes(3);
    assertEquals(true, routed < cost.weightBytes() && routed > cost.routedWeightBytes(1));
    // (2 GPUs - 1) x 4 decode steps x 1,000 J
    assertEquals(routed + 4_000, profile().estimate(MOE, w).joules(), 1e-6);
  }

  @Test
  void aDenseNetworkReadsEveryWeightAndPaysNoExpertGpus() {
    Estimate e = profile().estimate(DENSE, Workload.decode(3, 8, 4).withGpus(2));
    assertEquals(e.weightBytes(), e.joules(), 1e-6);
  }
}
