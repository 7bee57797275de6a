package io.github.toenergy.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.ArithmeticModel;
import io.github.toenergy.cost.LayerCost;
import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.energy.EnergyModel;
import io.github.toenergy.energy.Estimate;
import io.github.toenergy.energy.Estimator;
import io.github.toenergy.energy.Feature;
import io.github.toenergy.energy.Workload;
import io.github.toenergy.model.Format;
import io.github.toenergy.model.LayerKind;
import io.github.toenergy.model.Network;
import io.github.toenergy.profile.Profile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The conformal interval scale, the layer-kind TO features and the run-only features. */
class IntervalsAndFeaturesTest {

  @Test
  void conformalScaleIsTheRightOrderStatisticAlsoWithRowsLeftOut() {
    // ratios 0.5, 1, 2, ..., 9 (rows 0..9)
    double[] ratios = {0.5, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    ConformalQuantile c = new ConformalQuantile(ratios);
    // m = 10: the ceil(11 * 0.9) = 10th smallest = 9
    assertEquals(9, c.quantile(new int[0]));
    // without row 9 (ratio 9): m = 9, the ceil(10 * 0.9) = 9th smallest of 0.5..8 = 8
    assertEquals(8, c.quantile(new int[] {9}));
    // without row 0 (ratio 0.5): the 9th smallest of 1..9 = 9
    assertEquals(9, c.quantile(new int[] {0}));
    // without rows 8 and 9: m = 8, ceil(9 * 0.9) = 9 > 8, so the largest remaining = 7
    assertEquals(7, c.quantile(new int[] {8, 9}));
    // 20 ratios 1..20: ceil(21 * 0.9) = 19th smallest = 19; without rows 0..4 (1..5): m = 15,
    // ceil(16 * 0.9) = 15th smallest of 6..20 = 20
    double[] twenty = new double[20];
    for (int i = 0; i < 20; i++) twenty[i] = i + 1;
    ConformalQuantile d = new ConformalQuantile(twenty);
    assertEquals(19, d.quantile(new int[0]));
    assertEquals(20, d.quantile(new int[] {0, 1, 2, 3, 4}));
    // NaN ratios (unpredicted rows) are ignored; with none left there is no quantile
    assertEquals(1, new ConformalQuantile(new double[] {Double.NaN, 1}).quantile(new int[0]));
    assertTrue(Double.isNaN(new ConformalQuantile(new double[] {Double.NaN, 1}).quantile(new int[] {1})));
  }

  @Test
  void conformalQuantileWithRowsLeftOutMatchesTheDefinitionOnRandomScores() {
    // the bisection over precomputed cumulative weights must pick the score the definition picks: walk
    // the remaining rows in ascending order adding 1/n_k each until the target is reached
    java.util.Random random = new java.util.Random(15);
    for (int trial = 0; trial < 300; trial++) {
      int n = 1 + random.nextInt(60);
      int kinds = 1 + random.nextInt(5);
      double[] scores = new double[n];
      int[] kind = new int[n];
      boolean[] calibrating = new boolean[n];
      for (int i = 0; i < n; i++) {
        scores[i] = random.nextInt(8) == 0 ? Double.NaN : random.nextInt(20) / 4.0; // ties on purpose
        kind[i] = random.nextInt(kinds);
        calibrating[i] = random.nextInt(4) != 0;
      }
      ConformalQuantile q = new ConformalQuantile(scores, kind, calibrating);
      int[] without = random.ints(random.nextInt(n + 1), 0, n).toArray();
      assertEquals(definition(scores, kind, calibrating, without), q.quantile(without), 1e-15,
          "trial " + trial);
    }
  }

  /** The conformal quantile straight from its definition, in O(n) per call. */
  private static double definition(double[] scores, int[] kind, boolean[] calibrating, int[] without) {
    java.util.Set<Integer> out = new java.util.HashSet<>();
    for (int i : without) out.add(i);
    List<Integer> rows = new java.util.ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      if (!Double.isNaN(scores[i]) && calibrating[i] && !out.contains(i)) rows.add(i);
    }
    if (rows.isEmpty()) return Double.NaN;
    rows.sort((a, b) -> scores[a] != scores[b] ? Double.compare(scores[a], scores[b]) : Integer.compare(a, b));
    Map<Integer, Integer> left = new java.util.HashMap<>();
    for (int i : rows) left.merge(kind[i], 1, Integer::sum);
    double inverse = 0;
    for (int c : left.values()) inverse += 1.0 / c;
    int k = left.size();
    double target = Math.min(1, 0.9 * (1 + inverse / (k * (double) k))) * k;
    double cumulative = 0;
    for (int i : rows) {
      cumulative += 1.0 / left.get(kind[i]);
      if (cumulative >= target * (1 - 1e-12)) return scores[i];
    }
    return scores[rows.get(rows.size() - 1)];
  }

  @Test
  void conformalQuantileWeighsEachKindAlike() {
    // kind 0: 36 rows scoring 1..36 (rows 0..35); kind 1: 12 rows scoring 101..112 (rows 36..47)
    double[] scores = new double[48];
    int[] kind = new int[48];
    for (int i = 0; i < 36; i++) scores[i] = i + 1;
    for (int i = 0; i < 12; i++) {
      scores[36 + i] = 101 + i;
      kind[36 + i] = 1;
    }
    ConformalQuantile c = new ConformalQuantile(scores, kind, null);
    // weights 1/36 and 1/12, K = 2; effective size 2^2 / (1/36 + 1/12) = 36; target 0.9 (1 + 1/36) x 2 = 1.85:
    // kind 0 adds up to 1, then 1 + j/12 >= 1.85 at j = 11: the 11th of kind 1 = 111
    // (unweighted it would be the ceil(49 x 0.9) = 45th smallest = 109)
    assertEquals(111, c.quantile(new int[0]));
    // without row 47 (112): 11 rows of kind 1, effective size 4 / (1/36 + 1/11) = 33.70, target
    // 0.9 (1 + 1/33.70) x 2 = 1.8534; 1 + j/11 >= 1.8534 at j = 10: 110
    assertEquals(110, c.quantile(new int[] {47}));
    // only kind 0 calibrating: one kind of 36, the ceil(37 x 0.9) = 34th smallest = 34
    boolean[] only0 = new boolean[48];
    for (int i = 0; i < 36; i++) only0[i] = true;
    ConformalQuantile a = new ConformalQuantile(scores, kind, only0);
    assertEquals(34, a.quantile(new int[0]));
    // leaving out rows that do not calibrate changes nothing
    assertEquals(34, a.quantile(new int[] {40, 41}));
  }

  @Test
  void multiplicativeIntervalIsARatioAroundTheEstimateAndRoundTripsThroughAProfile() {
    EnergyModel plain = new EnergyModel(EnergyModel.Form.LINEAR, List.of(Feature.STEPS), new double[] {2},
        new double[][] {{0}}, 0.01, 10, StudentT.quantile(10), 0, 1e30);
    EnergyModel ratio = plain.withMultiplicativeInterval(1.25, 2);
    // E = 2 x 10 = 20; [20 / 1.25, 20 x 2] = [16, 40]
    EnergyModel.Prediction p = ratio.predict(new double[] {10}, 10);
    assertEquals(20, p.joules(), 1e-12);
    assertEquals(16, p.low(), 1e-12);
    assertEquals(40, p.high(), 1e-12);
    assertTrue(ratio.multiplicativeInterval());
    assertFalse(plain.multiplicativeInterval());

    Profile profile = new Profile("ratio", "d", "h", "inference", Format.FP32, true, ArithmeticModel.cmos(), Map.of(),
        ratio, Map.of());
    Map<String, String> props = ProfileWriter.properties(profile);
    assertEquals("multiplicative", props.get("model.interval"));
    assertEquals("1.25", props.get("model.intervalLow"));
    assertEquals("2.0", props.get("model.intervalHigh"));
    Properties in = new Properties();
    in.putAll(props);
    EnergyModel back = Profile.fromProperties(in, "ratio.properties").model();
    assertEquals(16, back.predict(new double[] {10}, 10).low(), 1e-12);
    assertEquals(40, back.predict(new double[] {10}, 10).high(), 1e-12);
    // a profile without the key keeps the additive interval
    Map<String, String> old = new HashMap<>(props);
    old.remove("model.interval");
    old.remove("model.intervalLow");
    old.remove("model.intervalHigh");
    Properties oldIn = new Properties();
    oldIn.putAll(old);
    assertFalse(Profile.fromProperties(oldIn, "old.properties").model().multiplicativeInterval());
    // a factor below 1 would put the estimate outside its own interval
    Properties bad = new Properties();
    bad.putAll(props);
    bad.setProperty("model.intervalLow", "0.5");
    io.github.toenergy.profile.ProfileException e = org.junit.jupiter.api.Assertions.assertThrows(
        io.github.toenergy.profile.ProfileException.class, () -> Profile.fromProperties(bad, "bad.properties"));
    assertTrue(e.getMessage().contains("model.intervalLow"), e.getMessage());
  }

  @Test
  void intervalScaleWidensTheIntervalByItsFactorAndRoundTripsThroughAProfile() {
    EnergyModel plain = new EnergyModel(EnergyModel.Form.LINEAR, List.of(Feature.STEPS), new double[] {2},
        new double[][] {{0}}, 0.01, 10, StudentT.quantile(10), 0, 1e30);
    EnergyModel wide = plain.withIntervalScale(3);
    EnergyModel.Prediction p = plain.predict(new double[] {10}, 10);
    EnergyModel.Prediction w = wide.predict(new double[] {10}, 10);
    // E = 2 x 10 = 20 either way; the half-width t * sqrt(0.01 * 20^2) = 2t is 3x wider
    assertEquals(20, p.joules(), 1e-12);
    assertEquals(20, w.joules(), 1e-12);
    assertEquals(3 * (p.high() - 20), w.high() - 20, 1e-9);
    assertEquals(1, plain.intervalScale());

    Profile profile = new Profile("scaled", "d", "h", "inference", Format.FP32, true, ArithmeticModel.cmos(), Map.of(),
        wide, Map.of());
    Map<String, String> props = ProfileWriter.properties(profile);
    assertEquals("3.0", props.get("model.intervalScale"));
    Properties in = new Properties();
    in.putAll(props);
    assertEquals(3, Profile.fromProperties(in, "scaled.properties").model().intervalScale());
    // a profile written before the key existed keeps the unscaled interval
    Map<String, String> old = new HashMap<>(props);
    old.remove("model.intervalScale");
    Properties oldIn = new Properties();
    oldIn.putAll(old);
    assertEquals(1, Profile.fromProperties(oldIn, "old.properties").model().intervalScale());
    assertFalse(ProfileWriter.properties(new Profile("plain", "d", "h", "inference", Format.FP32, true,
        ArithmeticModel.cmos(), Map.of(), plain, Map.of())).containsKey("model.intervalScale"));
  }

  @Test
  void layerKindFeaturesSplitTheTosOfEachLayer() {
    Network net = Network.parse("k", "input(3,8,8) conv2d(2,k=3) relu maxpool(2) flatten dense(3)");
    NetworkCost cost = NetworkCost.of(net, Phase.INFERENCE);
    ArithmeticModel cmos = ArithmeticModel.cmos();
    double conv = 0;
    double dense = 0;
    double pool = 0;
    double other = 0;
    for (LayerCost layer : cost.layers()) {
      conv += Feature.TOS_CONV.ofLayer(layer, cmos, Format.FP32, 1);
      dense += Feature.TOS_DENSE.ofLayer(layer, cmos, Format.FP32, 1);
      pool += Feature.TOS_MAXPOOL.ofLayer(layer, cmos, Format.FP32, 1);
      other += Feature.TOS_ELEMENTWISE.ofLayer(layer, cmos, Format.FP32, 1);
    }
    // maxpool(2) on the 2x6x6 conv output: 2x3x3 = 18 outputs of 3 compares each, and a 32-bit compare is
    // a subtractor of 32 full adders (28 transistors) and 32 inverters (2): 54 x 960 = 51,840
    assertEquals(51_840, pool);
    // relu: one compare per element of 2x6x6 = 72 elements: 72 x 960
    assertEquals(72 * 960, other);
    assertTrue(conv > 0 && dense > 0);
    // the kinds partition the TOs (the CMOS model prices no data movement)
    assertEquals((double) cost.tos(cmos, 1), conv + dense + pool + other);
    // average pooling's adds and divides are priced with the other arithmetic layers, not at the price
    // of max pooling's compares
    LayerCost avg = NetworkCost.of(Network.parse("a", "input(2,6,6) avgpool(2)"), Phase.INFERENCE).layers().get(0);
    assertEquals(0, Feature.TOS_MAXPOOL.ofLayer(avg, cmos, Format.FP32, 1));
    assertEquals(avg.tos(cmos, Format.FP32, 1), Feature.TOS_ELEMENTWISE.ofLayer(avg, cmos, Format.FP32, 1));
    assertTrue(avg.tos(cmos, Format.FP32, 1) > 0);
  }

  @Test
  void spilledTosAreTheShareOfAConvolutionsTosBeyondTheCache() {
    // conv 64->64, 3x3, pad 1 on 56x56: input and output of one sample are 2 x 64x56x56 = 401,408 words,
    // 1,605,632 bytes = 49/32 MiB; with a 1 MiB cache 32/49 fit, so 17/49 of its TOs are spilled
    Network big = Network.parse("big", "input(64,56,56) conv2d(64,k=3,p=1) relu");
    // 64x7x7 in and out: 2 x 3,136 words = 25,088 bytes, far below the cache
    Network small = Network.parse("small", "input(64,7,7) conv2d(64,k=3,p=1)");
    ArithmeticModel cached = ArithmeticModel.cmos().withOnChipBytes(1 << 20);
    LayerCost conv = NetworkCost.of(big, Phase.INFERENCE).layers().get(0);
    LayerCost relu = NetworkCost.of(big, Phase.INFERENCE).layers().get(1);
    double tos = Feature.TOS_CONV.ofLayer(conv, cached, Format.FP32, 5);
    assertEquals(tos * 17 / 49, Feature.TOS_SPILLED.ofLayer(conv, cached, Format.FP32, 5), tos * 1e-12);
    // only convolutions re-read their input; a relu of the same map streams it once
    assertEquals(0, Feature.TOS_SPILLED.ofLayer(relu, cached, Format.FP32, 5));
    assertEquals(0, Feature.TOS_SPILLED.ofLayer(NetworkCost.of(small, Phase.INFERENCE).layers().get(0), cached,
        Format.FP32, 5));
    // no cache size, no spill; and the cache changes no TO count
    assertEquals(0, Feature.TOS_SPILLED.ofLayer(conv, ArithmeticModel.cmos(), Format.FP32, 5));
    assertEquals(NetworkCost.of(big, Phase.INFERENCE).tos(ArithmeticModel.cmos(), 5),
        NetworkCost.of(big, Phase.INFERENCE).tos(cached, 5));
    assertEquals("cmos", cached.id());
  }

  @Test
  void aProfileKeepsItsCacheSizeAndEstimatesWithIt() {
    Network big = Network.parse("big", "input(64,56,56) conv2d(64,k=3,p=1)");
    // E = 1e-12 J per spilled TO: the estimate is exactly 17/49 of the conv's TOs in picojoules
    Map<String, String> keys = new HashMap<>(Map.of("id", "cached", "description", "d", "hardware", "h",
        "phases", "inference", "format", "fp32", "calibrated", "true", "arithmetic", "cmos",
        "arithmetic.onChipBytes", "1048576", "model.form", "linear", "model.features", "tos_spilled"));
    keys.putAll(Map.of("model.coefficients", "1e-12", "model.covariance", "0", "model.residualVariance", "0",
        "model.degreesOfFreedom", "10", "model.tQuantile", "1.8124611", "model.tosRange", "0,1e30"));
    Properties p = new Properties();
    p.putAll(keys);
    Profile profile = Profile.fromProperties(p, "cached.properties");
    assertEquals(1 << 20, profile.arithmetic().onChipBytes());
    assertEquals("1048576", ProfileWriter.properties(profile).get("arithmetic.onChipBytes"));
    Estimate e = profile.estimate(big, Workload.inference(2));
    long convTos = NetworkCost.of(big, Phase.INFERENCE).tos(ArithmeticModel.cmos(), 2);
    assertEquals(convTos * 17.0 / 49 * 1e-12, e.joules(), e.joules() * 1e-12);
  }

  @Test
  void everyRowCarriesItsLayersKind() {
    // the residual block's own row is the sum that closes it, after its body's rows
    Network net = Network.parse("r", "input(4) dense(4) residual(dense(4) relu)");
    List<LayerKind> kinds = NetworkCost.of(net, Phase.INFERENCE).layers().stream().map(LayerCost::kind).toList();
    assertEquals(List.of(LayerKind.DENSE, LayerKind.DENSE, LayerKind.ACTIVATION, LayerKind.RESIDUAL), kinds);
  }

  @Test
  void runOnlyFeaturesCountForWholeRunsOnly() {
    Network net = Network.parse("m", "input(4) dense(2)");
    // E = 1 J per step + 100 J per run + 10 J per step of a run
    EnergyModel model = new EnergyModel(EnergyModel.Form.LINEAR, List.of(Feature.STEPS, Feature.RUN,
        Feature.RUN_STEPS), new double[] {1, 100, 10}, new double[3][3], 0, 10, StudentT.quantile(10), 0, 1e30);
    Estimator estimator = new Estimator("t", true, java.util.EnumSet.allOf(Phase.class), model, ArithmeticModel.cmos(), NetworkCost.of(net, Phase.INFERENCE),
        NetworkCost.of(net, Phase.TRAINING));
    // one step: 1 J; a run of 5 steps: 5 x 1 + 100 + 5 x 10 = 155 J
    assertEquals(1, estimator.estimate(Workload.trainingStep(8)).joules(), 1e-12);
    Estimate run = estimator.estimate(Workload.trainingRun(8, 5));
    assertEquals(155, run.joules(), 1e-9);
    assertEquals(155, run.layers().stream().mapToDouble(l -> l.joules()).sum(), 1e-9);
    assertTrue(Feature.RUN_TOS.runOnly());
    assertEquals(Feature.TOS, Feature.RUN_TOS.base());
    assertFalse(Feature.TOS.runOnly());
  }
}
