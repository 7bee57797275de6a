package io.github.toenergy.benchmarks;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.calibrate.Calibrator;
import io.github.toenergy.calibrate.Candidate;
import io.github.toenergy.cost.ArithmeticModel;
import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.energy.EnergyModel;
import io.github.toenergy.energy.Feature;
import io.github.toenergy.model.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fitting an energy model to 10,000 measurements with the {@link Calibrator}: one weighted
 * least-squares fit of TOs + bytes + steps (target: under 1 s), and, for scale, the full
 * calibration of every standard candidate with k-fold cross-validation. The measurements are
 * synthetic: MLPs and small CNNs, both phases, batches 1-256, joules = 1 fJ per TO + 1 pJ per byte
 * with 5% log-normal noise.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class FitBenchmark {
  private List<io.github.toenergy.calibrate.Measurement> measurements;
  private Calibrator calibrator;
  private Candidate candidate;

  @Setup
  public void setUp() {
    Random random = new Random(10_000);
    measurements = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      Network n = random.nextBoolean()
          ? Network.parse("input(" + (8 + random.nextInt(500)) + ") dense(" + (8 + random.nextInt(500)) + ") relu dense(10)")
          : Network.parse("input(3," + (8 + random.nextInt(24)) + "," + (8 + random.nextInt(24)) + ") conv2d("
              + (4 + random.nextInt(28)) + ",k=3,p=1) relu maxpool(2) flatten dense(10)");
      Phase phase = random.nextBoolean() ? Phase.INFERENCE : Phase.TRAINING;
      int batch = 1 + random.nextInt(256);
      NetworkCost cost = NetworkCost.of(n, phase);
      double joules = 1e-15 * cost.tos(ArithmeticModel.cmos(), batch) + 1e-12 * cost.bytes(batch);
      measurements.add(io.github.toenergy.calibrate.Measurement.of(n, phase, batch, 0,
          joules * Math.exp(0.05 * random.nextGaussian())));
    }
    calibrator = new Calibrator();
    candidate = Candidate.linear("tos-bytes", "TOs and bytes moved, per step", List.of(Feature.STEPS),
        Feature.TOS, Feature.BYTES);
  }

  @Benchmark
  public EnergyModel fit() {
    return calibrator.fit(measurements, candidate).model();
  }

  @Benchmark
  @Warmup(iterations = 1, time = 1)
  @Measurement(iterations = 3, time = 1)
  public Object calibrateEveryCandidate() {
    return calibrator.calibrate(measurements, Candidate.standard(List.of(Feature.STEPS)),
        Calibrator.Criterion.CROSS_VALIDATION).chosen();
  }
}
