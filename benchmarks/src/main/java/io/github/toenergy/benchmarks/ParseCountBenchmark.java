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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ResNet-50 from its notation (16 bottleneck blocks, 53 convolutions, 3.5 KB of text) to its TOs:
 * {@code Network.parse} + {@code NetworkCost.of} + {@code tos}. Target: under 200 us. The two halves
 * are measured alone too.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ParseCountBenchmark {
  private String notation;
  private Network network;

  @Setup
  public void setUp() {
    notation = Networks.resnet50();
    network = Network.parse("resnet50", notation);
  }

  @Benchmark
  public long parseAndCount() {
    Network n = Network.parse("resnet50", notation);
    return NetworkCost.of(n, Phase.INFERENCE).tos(ArithmeticModel.cmos(), 1);
  }

  @Benchmark
  public Network parseOnly() {
    return Network.parse("resnet50", notation);
  }

  @Benchmark
  public long countOnly() {
    return NetworkCost.of(network, Phase.INFERENCE).tos(ArithmeticModel.cmos(), 1);
  }
}
