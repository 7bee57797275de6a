package io.github.toenergy.benchmarks;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.ArithmeticModel;
import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.model.Network;
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
 * A large network written with {@code repeat(n, ...)}, from its notation to its TOs:
 * {@code Network.parse} + {@code NetworkCost.of} (every repetition opened into its rows) +
 * {@code tos}. The network is a notation resource named by {@code network}: {@code networks/<name>.txt}
 * on the class path (the runtime's test networks), or any file given as {@code -p network=/path.txt}.
 * Target (issue 11): EfficientNet-B7 under 1 ms; ResNet-152 (50 bottleneck blocks, 4 repeats) now.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RepeatParseCountBenchmark {
  /** A resource name under {@code networks/} without {@code .txt}, or a path to a notation file. */
  @Param({"resnet152"})
  public String network;

  private String notation;
  private Network parsed;

  @Setup
  public void setUp() {
    notation = Networks.notationOf(network);
    parsed = Network.parse(network, notation);
  }

  @Benchmark
  public long parseAndCount() {
    Network n = Network.parse(network, notation);
    return NetworkCost.of(n, Phase.INFERENCE).tos(ArithmeticModel.cmos(), 1);
  }

  @Benchmark
  public Network parseOnly() {
    return Network.parse(network, notation);
  }

  @Benchmark
  public long countOnly() {
    return NetworkCost.of(parsed, Phase.INFERENCE).tos(ArithmeticModel.cmos(), 1);
  }
}
