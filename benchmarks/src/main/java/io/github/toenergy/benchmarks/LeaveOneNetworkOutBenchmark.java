package io.github.toenergy.benchmarks;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.calibrate.Calibrator;
import io.github.toenergy.calibrate.Candidate;
import io.github.toenergy.cost.ArithmeticModel;
import io.github.toenergy.cost.NetworkCost;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 15: leave-one-network-out over many networks, one measurement each (every row its own group), was
 * quadratic in the networks (the interval factor without each network rescanned every row). The time per
 * calibration should grow about linearly with {@code networks}: compare the 10,000 and 30,000 rows.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
@State(Scope.Benchmark)
public class LeaveOneNetworkOutBenchmark {
  @Param({"10000", "30000"})
  public int networks;

  private List<io.github.toenergy.calibrate.Measurement> measurements;

  @Setup
  public void setUp() {
    Random random = new Random(15);
    measurements = new ArrayList<>();
    for (int i = 0; i < networks; i++) {
      Network n = Network.parse("input(" + (64 + i % 7) + ") dense(" + (16 + i) + ") relu dense(10)");
      NetworkCost cost = NetworkCost.of(n, Phase.INFERENCE);
      double joules = 1e-15 * cost.tos(ArithmeticModel.cmos(), 1) + 1e-12 * cost.bytes(1);
      measurements.add(io.github.toenergy.calibrate.Measurement.of(n, Phase.INFERENCE, 1, 0,
          joules * Math.exp(0.05 * random.nextGaussian())));
    }
  }

  @Benchmark
  public Object calibrateByLeaveOneNetworkOut() {
    return new Calibrator().calibrate(measurements, List.of(Candidate.linear("tos-bytes", "TOs and bytes moved",
        List.of(Feature.STEPS), Feature.TOS, Feature.BYTES)), Calibrator.Criterion.LEAVE_ONE_GROUP_OUT).chosen();
  }
}
