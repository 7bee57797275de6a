package io.github.toenergy.benchmarks;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.catalogue.Catalogue;
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
 * Catalogue networks from their notation to their TOs ({@code Network.parse} + {@code NetworkCost.of}
 * + {@code tos}), the largest of each kind of the catalogue; issue 11 asks for EfficientNet-B7 under 1 ms, issue 12
 * for Llama-3.1-405B.
 * {@code lookup} is the catalogue's own path: the name, the namespace's text (read once), the parse.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class CatalogueParseCountBenchmark {
  @Param({"torchvision/efficientnet_b7", "torchvision/resnet152", "torchvision/densenet201", "torchvision/inception_v3",
      "torchvision/regnet_y_128gf", "huggingface/meta-llama/Llama-3.1-405B", "huggingface/deepseek-ai/DeepSeek-V3"})
  public String name;

  private String notation;

  @Setup
  public void setUp() {
    notation = Catalogue.network(name).toNotation();
  }

  @Benchmark
  public long parseAndCount() {
    Network n = Network.parse(name, notation);
    return NetworkCost.of(n, Phase.INFERENCE).tos(ArithmeticModel.cmos(), 1);
  }

  @Benchmark
  public Network lookup() {
    return Catalogue.network(name);
  }
}
