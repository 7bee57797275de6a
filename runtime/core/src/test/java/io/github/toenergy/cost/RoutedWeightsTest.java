package io.github.toenergy.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.model.Format;
import io.github.toenergy.model.LayerKind;
import io.github.toenergy.model.Network;
import io.github.toenergy.model.Shape;
import org.junit.jupiter.api.Test;

/** The weights a mixture of experts reads per step when only the experts its batch is routed to are read. */
class RoutedWeightsTest {

  /**
   * 4 routed experts, 1 per token; 1,000 parameters of which 400 active, so (E - k) = 3 experts hold 600:
   * 200 each, 800 routed, 200 router and shared. In bf16 all 1,000 weights are 2,000 bytes.
   */
  private static final LayerCost ROW = new LayerCost("moe_1", LayerKind.MIXTURE_OF_EXPERTS, "moe", Shape.flat(1),
      OpCounts.builder().build(), OpCounts.builder().build(), 1_000, 1_000, 0, 400, 0, 4, 1);

  @Test
  void aBatchReadsTheExpertsItsTokensAreRoutedTo() {
    // batch 1: one expert, (200 + 200) x 2 bytes
    assertEquals(800, ROW.routedWeightBytes(Format.BF16, 1), 1e-9);
    // batch 2: 4 (1 - (3/4)^2) = 1.75 experts read, (200 + 1.75 x 200) x 2 = 1,100
    assertEquals(1_100, ROW.routedWeightBytes(Format.BF16, 2), 1e-9);
    // no sequence: the router and shared weights only, 200 x 2
    assertEquals(400, ROW.routedWeightBytes(Format.BF16, 0), 1e-9);
    // a huge batch reads every expert: all 2,000 bytes
    assertEquals(2_000, ROW.routedWeightBytes(Format.BF16, 10_000), 1e-6);
    assertEquals(2_000, ROW.weightBytes(Format.BF16));
  }

  @Test
  void otherRowsReadAllTheirWeights() {
    LayerCost dense = new LayerCost("dense_1", LayerKind.DENSE, "dense(10)", Shape.flat(10),
        OpCounts.builder().build(), OpCounts.builder().build(), 110, 110, 0);
    assertEquals(220, dense.routedWeightBytes(Format.BF16, 3), 1e-9);
  }

  @Test
  void theMixtureOfExpertsRowCarriesItsRouting() {
    NetworkCost cost = NetworkCost.of(Network.parse("input(4,16) moe(experts=8,top=2,hidden=32)"), Phase.INFERENCE);
    assertEquals(8, cost.layers().get(0).routedExperts());
    assertEquals(2, cost.layers().get(0).expertsPerToken());
    assertEquals(true, cost.routesExperts());
    assertEquals(false, NetworkCost.of(Network.parse("input(4,16) dense(8)"), Phase.INFERENCE).routesExperts());
  }
}
