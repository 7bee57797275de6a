package io.github.toenergy.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.toenergy.cost.CountOverflowException;
import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.model.Network;
import io.github.toenergy.profile.Profile;
import io.github.toenergy.profile.Profiles;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** A prefill or decode whose whole-workload TOs pass 2^63-1: exact BigInteger totals, never wrapped or rounded. */
class EstimatorBigCountTest {
  /** One causal attention block over a 1,024-wide stream: a decoder small to count, large enough to pass 2^63-1. */
  private static final Network DECODER = Network.parse("wide", "input(8) embedding(32000,1024) "
      + "residual(rmsnorm attention(8,causal=true,bias=false)) rmsnorm unembed(32000)");

  @Test
  void aDecodeBeyondALongHasExactTotalsThatAreTheCountTablesTimesTheBatch() {
    Profile v100 = Profiles.get("v100");
    Workload one = Workload.decode(1, 8, 4);
    // the counts of one sequence (and of the per-step part, shared by the batch) from the count table,
    // not from the estimator: the batch scaling and the total's representation are what is under test
    NetworkCost cost = Estimator.generationCost(DECODER, one);
    long perStep = cost.tos(v100.arithmetic(), 0);
    long perSequence = cost.tos(v100.arithmetic(), 1) - perStep;
    long macsPerSequence = cost.macs(1) - cost.macs(0);
    // the smallest batch whose total passes 2^63-1: (2^63-1 - perStep) / perSequence + 1 sequences
    int batch = Math.toIntExact((Long.MAX_VALUE - perStep) / perSequence + 1);
    Estimate e = v100.estimate(DECODER, Workload.decode(batch, 8, 4));
    // total = perSequence x batch + perStep (one decode: its steps are inside the table's counts)
    BigInteger tos = BigInteger.valueOf(perSequence).multiply(BigInteger.valueOf(batch)).add(BigInteger.valueOf(perStep));
    assertEquals(tos, e.tosExact());
    assertTrue(tos.compareTo(BigInteger.valueOf(Long.MAX_VALUE)) > 0, tos::toString);
    // ... and the batch below stays a long, one sequence's TOs less
    Estimate below = v100.estimate(DECODER, Workload.decode(batch - 1, 8, 4));
    assertEquals(tos.subtract(BigInteger.valueOf(perSequence)).longValueExact(), below.tos());
    // the MACs of that many sequences still fit a long (1 MAC ~ thousands of TOs) and read as one
    assertEquals((long) batch * macsPerSequence + cost.macs(0), e.macs());
    assertEquals(BigInteger.valueOf(e.macs()), e.macsExact());
    // the long accessor refuses rather than wraps, naming the network and the exact count
    CountOverflowException overflow = assertThrows(CountOverflowException.class, e::tos);
    assertEquals("wide, decode batch " + batch + ": " + tos + " exceeds 2^63-1 (9.2e18); use tosExact()",
        overflow.getMessage());
    assertTrue(Double.isFinite(e.joules()) && e.joules() > 0, e::toString);
    // the layers add up to the exact total
    BigInteger sum = BigInteger.ZERO;
    BigInteger macs = BigInteger.ZERO;
    for (LayerEstimate l : e.layers()) {
      sum = sum.add(l.tosExact());
      macs = macs.add(l.macsExact());
    }
    assertEquals(tos, sum);
    assertEquals(e.macsExact(), macs);
    // a layer's own total beyond a long: the unembedding's, at the smallest batch that takes it past 2^63-1
    io.github.toenergy.cost.LayerCost last = cost.layers().get(cost.layers().size() - 1);
    long layerStep = last.tos(v100.arithmetic(), cost.format(), 0);
    long layerPerSequence = last.tos(v100.arithmetic(), cost.format(), 1) - layerStep;
    int layerBatch = Math.toIntExact((Long.MAX_VALUE - layerStep) / layerPerSequence + 1);
    Estimate wider = v100.estimate(DECODER, Workload.decode(layerBatch, 8, 4));
    LayerEstimate unembed = wider.layers().get(wider.layers().size() - 1);
    assertEquals("unembed(32000)", unembed.notation());
    assertEquals(BigInteger.valueOf(layerPerSequence).multiply(BigInteger.valueOf(layerBatch))
        .add(BigInteger.valueOf(layerStep)), unembed.tosExact());
    CountOverflowException layer = assertThrows(CountOverflowException.class, unembed::tos);
    assertEquals(unembed.name() + ": " + unembed.tosExact() + " exceeds 2^63-1 (9.2e18); use tosExact()",
        layer.getMessage());
  }

  @Test
  void inferenceBeyondALongIsStillAnErrorAtTheEstimate() {
    // unchanged contract: 8 x 1,024 x 32,000 = 2.6e8 MACs per sequence x 2^31-1 sequences = 5.6e17 MACs, and
    // thousands of TOs per MAC put the TOs far past 2^63-1
    Network lm = Network.parse("lm", "input(8) embedding(32000,1024) unembed(32000)");
    CountOverflowException e = assertThrows(CountOverflowException.class,
        () -> Profiles.get("v100").estimate(lm, Workload.inference(Integer.MAX_VALUE)));
    assertTrue(e.getMessage().startsWith("lm, inference batch 2147483647, largest layer"), e.getMessage());
  }
}
