package io.github.toenergy.benchmarks;

import io.github.toenergy.energy.Estimate;
import io.github.toenergy.energy.Estimator;
import io.github.toenergy.energy.Workload;
import io.github.toenergy.model.Network;
import io.github.toenergy.profile.Profiles;
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
 * One estimate call: what a generated {@code FooEnergy.XeonGold5120.inference(batch)} does --
 * {@code ESTIMATOR.estimate(Workload.inference(batch))} on an estimator built once. Target: under
 * 100 ns. The per-layer breakdown ({@link Estimate#layers()}) is computed lazily and measured
 * separately.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class EstimateBenchmark {
  @Param({"xeon-gold-5120", "raptorlake"})
  public String profile;

  /** Varied per call so the JIT cannot fold the workload into a constant. */
  private int batch;
  private Estimator estimator;

  @Setup
  public void setUp() {
    estimator = Profiles.get(profile).estimator(Network.parse("resnet50", Networks.resnet50()));
    batch = 1;
  }

  @Benchmark
  public Estimate inference() {
    batch = (batch & 63) + 1;
    return estimator.estimate(Workload.inference(batch));
  }

  @Benchmark
  public Object inferenceWithLayers() {
    batch = (batch & 63) + 1;
    return estimator.estimate(Workload.inference(batch)).layers();
  }
}
