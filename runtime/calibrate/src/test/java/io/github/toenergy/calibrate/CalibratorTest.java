package io.github.toenergy.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.ArithmeticModel;
import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.energy.EnergyModel;
import io.github.toenergy.energy.Feature;
import io.github.toenergy.energy.Workload;
import io.github.toenergy.model.Format;
import io.github.toenergy.model.Network;
import io.github.toenergy.profile.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The calibrator on synthetic measurements whose true model is known. The "measured" joules are
 * computed here from the runtime's exact whole-network counts ({@link NetworkCost#tos} and
 * {@link NetworkCost#bytes}), not from the calibrator's own per-layer feature table, so a fit that
 * recovers the coefficients also shows that the two agree.
 */
class CalibratorTest {
  static final double A = 3e-14; // J per TO
  static final double B = 2e-9; // J per byte
  static final double C = 1.5e-3; // J per step

  static List<Network> networks() {
    List<Network> nets = new ArrayList<>();
    int[] widths = {16, 48, 128, 300, 700};
    for (int w : widths) {
      for (int depth = 1; depth <= 4; depth++) {
        StringBuilder s = new StringBuilder("input(" + w + ")");
        for (int i = 0; i < depth; i++) s.append(" dense(").append(w).append(") relu");
        s.append(" dense(10) softmax");
        nets.add(Network.parse("mlp" + depth + "x" + w, s.toString()));
      }
      nets.add(Network.parse("conv" + w, "input(3," + (8 + w / 16) + "," + (8 + w / 16) + ") conv2d(" + (w / 8)
          + ",k=3,p=1) relu maxpool(2) flatten dense(10)"));
    }
    return nets;
  }

  static double truth(Network n, Phase phase, int batch) {
    NetworkCost cost = NetworkCost.of(n, phase);
    return A * cost.tos(ArithmeticModel.cmos(), batch) + B * cost.bytes(batch) + C;
  }

  /** Every network, both phases, batches 1..256; joules times exp(sigma z) with a fixed seed. */
  static List<Measurement> synthetic(double sigma, long seed) {
    Random random = new Random(seed);
    List<Measurement> out = new ArrayList<>();
    for (Network n : networks()) {
      for (Phase phase : new Phase[] {Phase.INFERENCE, Phase.TRAINING}) {
        for (int batch : new int[] {1, 3, 8, 20, 64, 256}) {
          double e = truth(n, phase, batch) * Math.exp(sigma * random.nextGaussian());
          out.add(Measurement.of(n, phase, batch, 0, e));
        }
      }
    }
    return out;
  }

  static Candidate tosBytesSteps() {
    return Candidate.linear("tos-bytes", "test", List.of(Feature.STEPS), Feature.TOS, Feature.BYTES);
  }

  @Test
  void recoversKnownCoefficientsFromExactData() {
    Calibrator.Fit fit = new Calibrator().fit(synthetic(0, 1), tosBytesSteps());
    double[] b = fit.model().coefficients();
    assertEquals(List.of(Feature.TOS, Feature.BYTES, Feature.STEPS), fit.model().features());
    assertEquals(A, b[0], A * 1e-6);
    assertEquals(B, b[1], B * 1e-6);
    assertEquals(C, b[2], C * 1e-6);
    assertEquals(1.0, fit.r2(), 1e-9);
    assertTrue(fit.model().residualVariance() < 1e-20);
  }

  @Test
  void theFittedProfileEstimatesThroughTheRuntimeAsTheTruth() {
    Calibrator.Report report = new Calibrator().calibrate(synthetic(0, 1), List.of(tosBytesSteps()),
        Calibrator.Criterion.CROSS_VALIDATION);
    Profile profile = ProfileFit.profile(report, "synthetic", "test", "none", "inference,training", Format.FP32,
        ArithmeticModel.cmos(), Map.of());
    Network unseen = Network.parse("unseen", "input(200) dense(100) relu dense(50) relu dense(10) softmax");
    for (Phase phase : new Phase[] {Phase.INFERENCE, Phase.TRAINING}) {
      for (int batch : new int[] {1, 17, 500}) {
        double estimate = profile.estimate(unseen, new Workload(phase, batch, 0)).joules();
        assertEquals(truth(unseen, phase, batch), estimate, truth(unseen, phase, batch) * 1e-6);
      }
    }
    // a whole run of 40 steps costs 40 steps, and this model has no per-run term
    double run = profile.estimate(unseen, Workload.trainingRun(32, 40)).joules();
    assertEquals(40 * truth(unseen, Phase.TRAINING, 32), run, run * 1e-6);
  }

  @Test
  void recoversAPowerLaw() {
    // E/step = exp(-20) (TOs/step)^0.8 exactly
    List<Measurement> ms = new ArrayList<>();
    for (Network n : networks()) {
      for (int batch : new int[] {1, 4, 16, 64}) {
        double tos = NetworkCost.of(n, Phase.INFERENCE).tos(ArithmeticModel.cmos(), batch);
        ms.add(Measurement.of(n, Phase.INFERENCE, batch, 0, Math.exp(-20) * Math.pow(tos, 0.8)));
      }
    }
    Candidate power = new Candidate("log-log", EnergyModel.Form.LOG_LOG, List.of(Feature.TOS), "test", false);
    double[] b = new Calibrator().fit(ms, power).model().coefficients();
    assertEquals(-20, b[0], 1e-6);
    assertEquals(0.8, b[1], 1e-8);
  }

  @Test
  void neverANegativeCoefficient() {
    // the truth has a negative price on bytes; the constrained fit holds bytes at 0 and keeps the rest >= 0
    List<Measurement> ms = new ArrayList<>();
    for (Measurement m : synthetic(0, 1)) {
      NetworkCost cost = NetworkCost.of(m.network(), m.phase());
      double e = A * cost.tos(ArithmeticModel.cmos(), m.batch()) - 0.5 * B * cost.bytes(m.batch()) + C;
      if (e > 0) ms.add(Measurement.of(m.network(), m.phase(), m.batch(), 0, e));
    }
    Calibrator.Fit fit = new Calibrator().fit(ms, tosBytesSteps());
    assertFalse(fit.model().features().contains(Feature.BYTES));
    assertTrue(fit.removed().stream().anyMatch(r -> r.startsWith("bytes")), fit.removed().toString());
    for (double c : fit.model().coefficients()) assertTrue(c >= 0, "coefficient " + c);
    for (Measurement m : ms) {
      Profile p = new Profile("p", "d", "h", "inference", Format.FP32, true, ArithmeticModel.cmos(), Map.of(),
          fit.model(), Map.of());
      assertTrue(p.estimate(m.network(), m.workload()).low() >= 0);
    }
  }

  @Test
  void crossValidationAndCoverageMatchTheNoise() {
    // relative noise of sigma = 5%: the expected absolute relative error is about sigma * sqrt(2/pi) = 4.0%,
    // and a 90% interval should cover about 90% of held-out points
    Calibrator.Report report = new Calibrator().calibrate(synthetic(0.05, 7), Candidate.standard(List.of(
        Feature.STEPS)), Calibrator.Criterion.CROSS_VALIDATION);
    Calibrator.Result r = report.result("tos-bytes");
    assertTrue(r.ok(), String.valueOf(r.failure()));
    double cv = r.crossValidation().mape();
    assertTrue(cv > 3.0 && cv < 5.5, "CV MAPE " + cv);
    double coverage = r.crossValidation().coverage();
    assertTrue(coverage >= 0.85 && coverage <= 0.95, "coverage " + coverage);
    assertNotNull(r.leaveOneGroupOut());
    double lono = r.leaveOneGroupOut().mape();
    assertTrue(lono > 3.0 && lono < 6.0, "LONO MAPE " + lono);
    // the data are made of TOs and bytes; MACs alone cannot fit them as well
    assertTrue(report.result(Candidate.MACS).crossValidation().mape() > cv);
    assertFalse(report.chosen().candidate().control());
    assertEquals(10, report.folds());
  }

  @Test
  void foldsKeepRepeatsOfAWorkloadTogether() {
    // every workload twice, the repeats 20% above and below the truth: different folds fit different models
    // (each sees a different mix of high and low repeats), so twins predicted alike were held out together
    List<Measurement> ms = new ArrayList<>();
    for (Measurement m : synthetic(0, 1)) {
      ms.add(Measurement.of(m.network(), m.phase(), m.batch(), 0, m.joules() * 1.2));
      ms.add(Measurement.of(m.network(), m.phase(), m.batch(), 0, m.joules() / 1.2));
    }
    Calibrator.Report report = new Calibrator().calibrate(ms, List.of(tosBytesSteps()),
        Calibrator.Criterion.CROSS_VALIDATION);
    double[] p = report.chosen().crossValidation().predicted();
    for (int i = 0; i < ms.size(); i += 2) {
      assertEquals(p[i], p[i + 1], Math.abs(p[i]) * 1e-12, "twins predicted by the same fold model");
    }
  }

  @Test
  void isDeterministic() {
    List<Measurement> ms = synthetic(0.1, 3);
    Calibrator.Report a = new Calibrator().calibrate(ms, Candidate.standard(List.of(Feature.STEPS)),
        Calibrator.Criterion.CROSS_VALIDATION);
    Calibrator.Report b = new Calibrator().calibrate(ms, Candidate.standard(List.of(Feature.STEPS)),
        Calibrator.Criterion.CROSS_VALIDATION);
    assertEquals(ProfileFit.fitKeys(a), ProfileFit.fitKeys(b));
  }

  @Test
  void clearErrors() {
    List<Measurement> ms = synthetic(0, 1);
    CalibrationException few = assertThrows(CalibrationException.class, () -> new Calibrator().calibrate(
        ms.subList(0, 3), List.of(tosBytesSteps()), Calibrator.Criterion.CROSS_VALIDATION));
    assertTrue(few.getMessage().contains("too few measurements: 3"), few.getMessage());

    // one single-layer network at one batch size, many times: every workload is the same
    Network layer = Network.parse("input(10) dense(10)");
    List<Measurement> same = new ArrayList<>();
    for (int i = 0; i < 10; i++) same.add(Measurement.of(layer, Phase.INFERENCE, 4, 0, 1 + i * 0.01));
    CalibrationException one = assertThrows(CalibrationException.class, () -> new Calibrator().calibrate(same,
        List.of(tosBytesSteps()), Calibrator.Criterion.CROSS_VALIDATION));
    assertTrue(one.getMessage().contains("one workload"), one.getMessage());

    // single steps of single-layer networks: steps and layers are the same number for every measurement
    List<Measurement> singles = new ArrayList<>();
    for (int w = 1; w <= 10; w++) {
      singles.add(Measurement.of(Network.parse("input(" + w + ") dense(" + w + ")"), Phase.INFERENCE, 8, 0, w));
    }
    Candidate collinear = Candidate.linear("c", "test", List.of(Feature.STEPS, Feature.LAYERS), Feature.TOS);
    CalibrationException singular = assertThrows(CalibrationException.class,
        () -> new Calibrator().fit(singles, collinear));
    assertTrue(singular.getMessage().contains("linearly dependent") && singular.getMessage().contains("steps, layers"),
        singular.getMessage());
  }

  @Test
  void fitsTenThousandNoisyMeasurements() {
    // The speed of this fit is measured by benchmarks/FitBenchmark (docs/benchmarks.md), not here.
    List<Measurement> ms = new ArrayList<>();
    Random random = new Random(11);
    for (int i = 0; i < 10_000; i++) {
      int in = 8 + random.nextInt(500);
      int out = 8 + random.nextInt(500);
      Network n = Network.parse("input(" + in + ") dense(" + out + ") relu");
      int batch = 1 + random.nextInt(256);
      Phase phase = random.nextBoolean() ? Phase.INFERENCE : Phase.TRAINING;
      ms.add(Measurement.of(n, phase, batch, 0, truth(n, phase, batch) * Math.exp(0.05 * random.nextGaussian())));
    }
    Calibrator.Fit fit = new Calibrator().fit(ms, tosBytesSteps());
    assertEquals(10_000, fit.rows());
    // 5% log-normal noise: the relative residual's variance is about 0.05^2
    assertEquals(0.05 * 0.05, fit.model().residualVariance(), 0.05 * 0.05 * 0.2);
  }

}
