package io.github.toenergy.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.ArithmeticModel;
import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.model.Layer;
import io.github.toenergy.model.Network;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * ResNet-50 in notation (the network the parse-and-count benchmark uses) against torchvision's
 * published figures and an independent count from the architecture table.
 */
class ResNet50Test {

  /** The notation of {@code networks/<name>.txt} on the test class path, without its {@code #} comment lines. */
  static String notation(String name) {
    try (InputStream in = ResNet50Test.class.getResourceAsStream("/networks/" + name + ".txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(line -> !line.startsWith("#")).collect(Collectors.joining("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void resnet50MatchesTorchvision() {
    Network n = Network.parse("resnet50", notation("resnet50"));
    NetworkCost cost = NetworkCost.of(n, Phase.INFERENCE);
    // torchvision documents ResNet50_Weights.IMAGENET1K_V1 with 25,557,032 parameters and
    // 4.09 GFLOPS (its "FLOPS" are multiply-accumulates of conv and linear layers)
    assertEquals(25_557_032, cost.parameters());
    assertEquals(4_089_184_256L, cost.macs(1));
    assertEquals(independentMacs(), cost.macs(1));
    assertEquals(2048, n.inputOf(n.layers().size() - 1).channels()); // the classifier sees 2048 features
    assertEquals(16, n.layers().stream().filter(l -> l instanceof Layer.Residual).count());
    assertEquals(1000, n.output().channels());
  }

  /**
   * ResNet-152 written with repeat (the network of the repeat benchmark): torchvision's 60,192,808
   * parameters and 11.514 GFLOPS, and the MACs of the architecture table; written back as it was
   * written, and counted with a row per layer written out.
   */
  @Test
  void resnet152WrittenWithRepeatMatchesTorchvision() {
    Network n = Network.parse("resnet152", notation("resnet152"));
    NetworkCost cost = NetworkCost.of(n, Phase.INFERENCE);
    assertEquals(60_192_808, cost.parameters());
    assertEquals(independentMacs(3, 8, 36, 3), cost.macs(1));
    assertEquals("11.514", String.format(java.util.Locale.ROOT, "%.3f", cost.macs(1) / 1e9));
    assertEquals(n, Network.parse("resnet152", n.toNotation()));
    assertEquals(4, n.layers().stream().filter(l -> l instanceof Layer.Repeat).count());
    // 50 blocks written out: a sum row each
    assertEquals(50, cost.layers().stream().filter(row -> row.name().endsWith("/add")).count());
  }

  @Test
  void resnet50RoundTripsAndCountsOnEveryModel() {
    Network n = Network.parse("resnet50", notation("resnet50"));
    assertEquals(n, Network.parse("resnet50", n.toNotation()));
    for (ArithmeticModel model : new ArithmeticModel[] {ArithmeticModel.cmos(), ArithmeticModel.toml45nm()}) {
      NetworkCost cost = NetworkCost.of(n, Phase.INFERENCE);
      assertEquals(32 * (cost.tos(model, 1) - cost.tos(model, 0)), cost.tos(model, 32) - cost.tos(model, 0));
    }
  }

  /**
   * Conv + fc MACs of ResNet-50 from its architecture table, computed without the runtime:
   * stem 7x7/2 conv and 3x3/2 max-pool to 56x56, then bottleneck stages of (blocks, width) =
   * (3, 64), (4, 128), (6, 256), (3, 512) with 4x expansion, the first block of stages 2-4
   * striding its 3x3 convolution and its 1x1 projection by 2, and a 2048 x 1000 classifier.
   * Each convolution costs outH * outW * outC * inC * k * k MACs.
   */
  private static long independentMacs() {
    return independentMacs(3, 4, 6, 3);
  }

  /** As {@link #independentMacs()} with {@code blocks} bottleneck blocks per stage (ResNet-152: 3, 8, 36, 3). */
  private static long independentMacs(int... blocks) {
    long macs = 0;
    int side = 112; // (224 + 2*3 - 7) / 2 + 1
    macs += (long) side * side * 64 * 3 * 7 * 7;
    side = (side + 2 - 3) / 2 + 1; // max-pool: 56
    int in = 64;
    int[][] stages = {{blocks[0], 64, 1}, {blocks[1], 128, 2}, {blocks[2], 256, 2}, {blocks[3], 512, 2}};
    for (int[] stage : stages) {
      for (int b = 0; b < stage[0]; b++) {
        int width = stage[1];
        int stride = b == 0 ? stage[2] : 1;
        int out = 4 * width;
        int after = (side - 1) / stride + 1; // 3x3, padding 1, stride s
        macs += (long) side * side * width * in; // 1x1 reduce
        macs += (long) after * after * width * width * 9; // 3x3
        macs += (long) after * after * out * width; // 1x1 expand
        if (b == 0) {
          macs += (long) after * after * out * in; // 1x1 projection shortcut
        }
        side = after;
        in = out;
      }
    }
    return macs + 2048L * 1000;
  }
}
