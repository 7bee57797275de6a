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
    Calibrator.Conformal c = new Calibrator.Conformal(ratios);
    // m = 10: the ceil(11 * 0.9) = 10th smallest = 9
    assertEquals(9, c.scale(new int[0]));
    // without row 9 (ratio 9): m = 9, the ceil(10 * 0.9) = 9th smallest of 0.5..8 = 8
    assertEquals(8, c.scale(new int[] {9}));
    // without row 0 (ratio 0.5): the 9th smallest of 1..9 = 9
    assertEquals(9, c.scale(new int[] {0}));
    // without rows 8 and 9: m = 8, ceil(9 * 0.9) = 9 > 8, so the largest remaining = 7
    assertEquals(7, c.scale(new int[] {8, 9}));
    // 20 ratios 1..20: ceil(21 * 0.9) = 19th smallest = 19; without rows 0..4 (1..5): m = 15,
    // ceil(16 * 0.9) = 15th smallest of 6..20 = 20
    double[] twenty = new double[20];
    for (int i = 0; i < 20; i++) twenty[i] = i + 1;
    Calibrator.Conformal d = new Calibrator.Conformal(twenty);
    assertEquals(19, d.scale(new int[0]));
    assertEquals(20, d.scale(new int[] {0, 1, 2, 3, 4}));
    // NaN ratios (unpredicted rows) are ignored
    assertEquals(1, new Calibrator.Conformal(new double[] {Double.NaN, 1}).scale(new int[0]));
  }

  @Test
  void intervalScaleWidensTheIntervalByItsFactorAndRoundTripsThroughAProfile() {
    EnergyModel plain = new EnergyModel(EnergyModel.Form.LINEAR, List.of(Feature.STEPS), new double[] {2},
        new double[][] {{0}}, 0.01, 10, 0, 1e30);
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
    Map<String, String> props = profile.toProperties();
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
    assertFalse(new Profile("plain", "d", "h", "inference", Format.FP32, true, ArithmeticModel.cmos(), Map.of(), plain,
        Map.of()).toProperties().containsKey("model.intervalScale"));
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
      pool += Feature.TOS_POOL.ofLayer(layer, cmos, Format.FP32, 1);
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
  }

  @Test
  void layerKindComesFromTheRowName() {
    Network net = Network.parse("r", "input(4) dense(4) residual(dense(4) relu)");
    List<String> kinds = NetworkCost.of(net, Phase.INFERENCE).layers().stream().map(LayerCost::kind).toList();
    assertEquals(List.of("dense", "dense", "relu", "add"), kinds);
  }

  @Test
  void runOnlyFeaturesCountForWholeRunsOnly() {
    Network net = Network.parse("m", "input(4) dense(2)");
    // E = 1 J per step + 100 J per run + 10 J per step of a run
    EnergyModel model = new EnergyModel(EnergyModel.Form.LINEAR, List.of(Feature.STEPS, Feature.RUN,
        Feature.RUN_STEPS), new double[] {1, 100, 10}, new double[3][3], 0, 10, 0, 1e30);
    Estimator estimator = new Estimator("t", true, model, ArithmeticModel.cmos(), NetworkCost.of(net, Phase.INFERENCE),
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
