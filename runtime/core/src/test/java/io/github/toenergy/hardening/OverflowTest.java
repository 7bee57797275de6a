package io.github.toenergy.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.ArithmeticModel;
import io.github.toenergy.cost.CountOverflowException;
import io.github.toenergy.cost.LayerCost;
import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.cost.Op;
import io.github.toenergy.energy.Estimate;
import io.github.toenergy.energy.LayerEstimate;
import io.github.toenergy.energy.Workload;
import io.github.toenergy.model.Format;
import io.github.toenergy.model.InvalidNetworkException;
import io.github.toenergy.model.Layer;
import io.github.toenergy.model.Network;
import io.github.toenergy.model.Shape;
import io.github.toenergy.notation.NotationException;
import io.github.toenergy.profile.Profile;
import io.github.toenergy.profile.Profiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workloads whose counts exceed a long: every path ends in a clear {@link CountOverflowException}
 * naming the network and layer (or a notation error naming the column) -- never a wrapped or
 * negative number, never NaN or infinite joules.
 */
class OverflowTest {
  /** 512 x 224 x 224 input, 512 3x3 filters: 224*224*512*512*9 = 118,380,036,096 MACs per sample. */
  private static final String WIDE_CONV = "input(512,224,224) conv2d(512,k=3,p=1)";

  @Test
  void aConvolutionWhoseOutputSideExceedsAnIntIsAnErrorNotAWrappedShape() {
    // (5 + 2*(2^31-1) - 3) / 1 + 1 = 2^32 + 1 rows, which an int cast wraps to 1 -- a silent 1x1x1
    NotationException e = assertThrows(NotationException.class,
        () -> Network.parse("input(1,5,5) conv2d(1,k=3,p=2147483647)"));
    assertEquals(14, e.column(), e.getMessage());
    assertTrue(e.getMessage().contains("4294967297") && e.getMessage().contains("2^31-1"), e.getMessage());
    InvalidNetworkException built = assertThrows(InvalidNetworkException.class, () -> new Network("n", Shape.of(1, 5, 5),
        Format.FP32, List.of(new Layer.Conv2d(1, 3, 1, Integer.MAX_VALUE, 1, 1, true))));
    assertEquals(1, built.layerIndex());
  }

  @Test
  void aFlattenBeyondAnIntOrALongIsANotationErrorNotAnArithmeticException() {
    // (2^31-1)^3 ~ 9.9e27 elements: beyond a long, where Shape.elements() throws
    NotationException huge = assertThrows(NotationException.class,
        () -> Network.parse("input(2147483647,2147483647,2147483647) flatten"));
    assertEquals(41, huge.column());
    assertTrue(huge.getMessage().contains("more than 2^31-1"), huge.getMessage());
    // 65536 * 65536 = 2^32 features: fits a long, not the int a flat shape holds
    NotationException wide = assertThrows(NotationException.class, () -> Network.parse("input(1,65536,65536) flatten"));
    assertTrue(wide.getMessage().contains("4294967296 features"), wide.getMessage());
    assertThrows(InvalidNetworkException.class,
        () -> Network.builder("b").input(2147483647, 2147483647, 2147483647).flatten().build());
  }

  @Test
  void perSampleCountsBeyondALongNameTheLayer() {
    // 65535^3 outputs x (65535 * 9) taps = 1.66e20 MACs per sample > 2^63-1 = 9.2e18
    Network n = Network.parse("huge", "input(65535,65535,65535) relu conv2d(65535,k=3,p=1)");
    CountOverflowException e = assertThrows(CountOverflowException.class, () -> NetworkCost.of(n, Phase.INFERENCE));
    assertTrue(e.getMessage().startsWith("huge, layer 2 (conv2d(65535,k=3,p=1))"), e.getMessage());
    // an estimator counts a phase when it is first estimated, so the overflow comes with the estimate
    CountOverflowException estimate = assertThrows(CountOverflowException.class,
        () -> Profiles.get("xeon-gold-5120").estimator(n).estimate(Workload.inference(1)));
    assertTrue(estimate.getMessage().startsWith("huge, layer 2 (conv2d(65535,k=3,p=1))"), estimate.getMessage());
  }

  @Test
  void theResidualSumsWordsAreCheckedNotWrapped() {
    // (2^31-1)^2 = 4,611,686,014,132,420,609 elements fit a long; the add reads two branches and
    // writes the sum, 3x that = 1.38e19 words, which used to wrap to -4.6e18: negative int8 bytes
    Network n = Network.parse("wide", "input(2147483647,2147483647,1,format=int8) residual(dropout)");
    CountOverflowException e = assertThrows(CountOverflowException.class, () -> NetworkCost.of(n, Phase.INFERENCE));
    assertTrue(e.getMessage().contains("wide, layer 1 (residual(dropout))"), e.getMessage());
  }

  @Test
  void hugeBatchesNameTheLayerInEveryTotal() {
    NetworkCost cost = NetworkCost.of(Network.parse("wide", WIDE_CONV), Phase.INFERENCE);
    assertEquals(118_380_036_096L, cost.macs(1));
    // x 2^31-1 = 2.5e20 > 2^63-1
    long batch = Integer.MAX_VALUE;
    for (Runnable total : List.<Runnable>of(() -> cost.macs(batch), () -> cost.tos(ArithmeticModel.cmos(), batch),
        () -> cost.bytes(Long.MAX_VALUE / 2), () -> cost.ops(batch), () -> cost.tos(ArithmeticModel.toml45nm(), Long.MAX_VALUE))) {
      CountOverflowException e = assertThrows(CountOverflowException.class, total::run);
      assertTrue(e.getMessage().startsWith("wide, layer conv2d_1 (conv2d(512,k=3,p=1))"), e.getMessage());
    }
  }

  @Test
  void hugeWorkloadsThroughProfileEstimateAreAnErrorNamingTheNetwork() {
    Network n = Network.parse("wide", WIDE_CONV);
    for (Profile profile : Profiles.all()) {
      for (Workload w : List.of(Workload.inference(Integer.MAX_VALUE), Workload.trainingStep(Integer.MAX_VALUE),
          Workload.trainingRun(1, Long.MAX_VALUE), Workload.trainingRun(1 << 20, 1L << 40))) {
        CountOverflowException e = assertThrows(CountOverflowException.class, () -> profile.estimate(n, w),
            profile.id() + " " + w);
        assertTrue(e.getMessage().startsWith("wide, ") && e.getMessage().contains("conv2d_1"), e.getMessage());
      }
      // and below the edge the estimate is exact and finite: 118,380,036,096 x 1000 MACs
      Estimate ok = profile.estimate(n, Workload.inference(1000));
      assertEquals(118_380_036_096_000L, ok.macs());
      assertFinite(ok);
    }
  }

  @Test
  void adaptivePoolingToAHugeOutputIsCountedInConstantTime() {
    assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
      // window sums along each axis: (2^31-1) + (2^31-2) - 1 = 2^32-4, squared 1.8e19 > 2^63-1
      Network tooBig = Network.parse("up", "input(1,2147483647,2147483647) adaptiveavgpool(2147483646)");
      CountOverflowException e = assertThrows(CountOverflowException.class, () -> NetworkCost.of(tooBig, Phase.INFERENCE));
      assertTrue(e.getMessage().contains("layer 1 (adaptiveavgpool(2147483646))"), e.getMessage());
      // up-sampling 3x3 to 2e9 x 2e9: per axis the windows add up to 3 + 2e9 - 1 elements and
      // 2e9 - 3 + 1 of them have one element, so adds = (2e9+2)^2 - (2e9)^2 = 8,000,000,004 and
      // multiplies = (2e9)^2 - (2e9-2)^2 = 7,999,999,996
      Network up = Network.parse("up", "input(1,3,3) adaptiveavgpool(2000000000)");
      LayerCost row = NetworkCost.of(up, Phase.INFERENCE).layers().get(0);
      assertEquals(8_000_000_004L, row.perSample().get(Op.ADD));
      assertEquals(7_999_999_996L, row.perSample().get(Op.MULTIPLY));
    });
  }

  @Test
  void coefficientsThatOverflowADoubleGiveAnErrorNotInfiniteJoules() {
    Map<String, String> linear = ProfileFixtures.linear("huge-linear");
    linear.put("model.coefficients", "1.0E300,1.0E300");
    Map<String, String> logLog = ProfileFixtures.logLog("huge-loglog");
    logLog.put("model.coefficients", "0.0,50.0"); // E = tos^50
    Network n = Network.parse("small", "input(784) dense(128) relu dense(10) softmax");
    for (Map<String, String> entries : List.of(linear, logLog)) {
      Profile p = Profile.fromProperties(ProfileFixtures.properties(entries), "test");
      CountOverflowException e = assertThrows(CountOverflowException.class,
          () -> p.estimate(n, Workload.inference(1)));
      assertTrue(e.getMessage().contains("small") && e.getMessage().contains("not a finite number of joules"),
          e.getMessage());
    }
  }

  /** Random networks and workloads up to 2^31-1 samples and 2^50 batches: an exact estimate or a clear error. */
  @Test
  void randomHugeWorkloadsGiveFiniteEstimatesOrACountOverflow() {
    List<Profile> profiles = List.copyOf(Profiles.all());
    int[] overflowed = {0};
    int checked = Property.forAll("huge workloads", 200, r -> new Object[] {NetworkGen.network(r), workload(r),
        profiles.get(r.nextInt(profiles.size()))}, in -> {
      Network n = (Network) in[0];
      Workload w = (Workload) in[1];
      Estimate e;
      try {
        e = ((Profile) in[2]).estimate(n, w);
      } catch (CountOverflowException overflow) {
        assertTrue(overflow.getMessage().startsWith(n.name() + ","), overflow.getMessage());
        overflowed[0]++;
        return;
      }
      assertFinite(e);
      long tos = 0;
      long macs = 0;
      for (LayerEstimate l : e.layers()) {
        assertTrue(l.tos() >= 0 && l.macs() >= 0 && l.bytes() >= 0 && l.joules() >= 0, l.toString());
        tos = Math.addExact(tos, l.tos());
        macs = Math.addExact(macs, l.macs());
      }
      assertEquals(e.tos(), tos);
      assertEquals(e.macs(), macs);
    });
    assertTrue(overflowed[0] > 10 && overflowed[0] < checked - 10, "overflowed " + overflowed[0] + " of " + checked);
  }

  private static Workload workload(Random r) {
    int batch = r.nextBoolean() ? 1 + r.nextInt(64) : 1 + r.nextInt(Integer.MAX_VALUE);
    long batches = r.nextBoolean() ? 0 : 1 + (r.nextLong() >>> 14);
    return new Workload(r.nextBoolean() ? Phase.INFERENCE : Phase.TRAINING, batch, batches);
  }

  private static void assertFinite(Estimate e) {
    assertTrue(Double.isFinite(e.joules()) && Double.isFinite(e.low()) && Double.isFinite(e.high()), e.toString());
    assertTrue(0 <= e.low() && e.low() <= e.joules() && e.joules() <= e.high(), e.toString());
    assertTrue(e.tos() >= 0 && e.macs() >= 0, e.toString());
  }

  // ---- the CLI ------------------------------------------------------------------------------
}
