package io.github.toenergy.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.model.Network;
import io.github.toenergy.model.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Concat, chunk, channel shuffle, gate and layer scale against PyTorch. The expected parameters
 * and MACs (multiply-accumulates of convolutions and linear layers, what torchvision's GFLOPS
 * count) are derived by hand in the comments and were checked with CPU PyTorch 2.13 on the modules
 * as torchvision writes them ({@code shufflenetv2.InvertedResidual}, {@code densenet._DenseLayer}
 * inside its {@code _DenseBlock}'s concatenation, {@code efficientnet.MBConv} with
 * {@code ops.SqueezeExcitation}), counting conv/linear MACs with forward hooks.
 */
class ChannelBlocksTest {

  /** A ShuffleNetV2 unit of stride 2 (both branches convolve) from {@code in} to {@code out} channels. */
  static String shuffleDown(int in, int out) {
    int b = out / 2;
    return "concat(conv2d(" + in + ",k=3,s=2,p=1,g=" + in + ",bias=false) batchnorm conv2d(" + b + ",k=1,bias=false)"
        + " batchnorm relu | conv2d(" + b + ",k=1,bias=false) batchnorm relu conv2d(" + b + ",k=3,s=2,p=1,g=" + b
        + ",bias=false) batchnorm conv2d(" + b + ",k=1,bias=false) batchnorm relu) shuffle(2)";
  }

  /** A ShuffleNetV2 unit of stride 1 on {@code c} channels: half passes, half is convolved. */
  static String shuffleUnit(int c) {
    int b = c / 2;
    return "concat(chunk(2,0) | chunk(2,1) conv2d(" + b + ",k=1,bias=false) batchnorm relu conv2d(" + b
        + ",k=3,p=1,g=" + b + ",bias=false) batchnorm conv2d(" + b + ",k=1,bias=false) batchnorm relu) shuffle(2)";
  }

  /** torchvision's ShuffleNetV2(stages_repeats = [4, 8, 4], stages_out_channels) at 224 x 224. */
  static String shuffleNetV2(int... channels) {
    StringBuilder s = new StringBuilder("input(3,224,224) conv2d(" + channels[0] + ",k=3,s=2,p=1,bias=false) batchnorm"
        + " relu maxpool(3,s=2,p=1)");
    int in = channels[0];
    int[] repeats = {4, 8, 4};
    for (int stage = 0; stage < 3; stage++) {
      int out = channels[stage + 1];
      s.append(' ').append(shuffleDown(in, out));
      for (int i = 1; i < repeats[stage]; i++) {
        s.append(' ').append(shuffleUnit(out));
      }
      in = out;
    }
    return s.append(" conv2d(").append(channels[4]).append(",k=1,bias=false) batchnorm relu globalavgpool flatten dense(1000)")
        .toString();
  }

  private static NetworkCost inference(String notation) {
    return NetworkCost.of(Network.parse(notation), Phase.INFERENCE);
  }

  @Test
  void shuffleNetUnitOfStrideTwo() {
    Network n = Network.parse("input(24,56,56) " + shuffleDown(24, 116));
    NetworkCost cost = NetworkCost.of(n, Phase.INFERENCE);
    // branch 1: depthwise 24*9 = 216, batchnorm 48, 1x1 24->58 = 1,392, batchnorm 116: 1,772
    // branch 2: 1x1 24->58 = 1,392, bn 116, depthwise 58*9 = 522, bn 116, 1x1 58->58 = 3,364, bn 116: 5,626
    assertEquals(1_772 + 5_626, cost.parameters()); // 7,398, as PyTorch
    // branch 1 at 28x28: depthwise 24*784*9 = 169,344; 1x1 58*784*24 = 1,091,328
    // branch 2: 1x1 at 56x56 58*3,136*24 = 4,365,312; depthwise 58*784*9 = 409,248; 1x1 58*784*58 = 2,637,376
    assertEquals(169_344 + 1_091_328 + 4_365_312 + 409_248 + 2_637_376, cost.macs(1)); // 8,672,608, as PyTorch
    assertEquals(Shape.of(116, 28, 28), n.output());
  }

  @Test
  void shuffleNetUnitOfStrideOne() {
    Network n = Network.parse("input(116,28,28) " + shuffleUnit(116));
    NetworkCost cost = NetworkCost.of(n, Phase.INFERENCE);
    // the convolved half, 58 channels: 1x1 3,364 + bn 116 + depthwise 522 + bn 116 + 1x1 3,364 + bn 116
    assertEquals(7_598, cost.parameters());
    // 784 positions: two 1x1 58->58 (2 x 2,637,376) and a depthwise 3x3 (784*58*9 = 409,248)
    assertEquals(2 * 2_637_376 + 409_248, cost.macs(1)); // 5,684,000, as PyTorch
    assertEquals(Shape.of(116, 28, 28), n.output());
    // the chunks are views; the shuffle moves each of the 116*784 = 90,944 values once: read and written
    List<LayerCost> rows = cost.layers();
    LayerCost shuffle = rows.get(rows.size() - 1);
    assertEquals("shuffle_1", shuffle.name());
    assertEquals(2 * 90_944, shuffle.activationWordsPerSample());
    assertEquals(OpCounts.builder().build(), shuffle.perSample());
    LayerCost chunk = rows.get(0);
    assertEquals("concat_1/branch1/chunk_1", chunk.name());
    assertEquals(0, chunk.activationWordsPerSample());
    // the join copies the two halves into one tensor: 90,944 values read and written
    LayerCost join = rows.get(rows.size() - 2);
    assertEquals("concat_1/join", join.name());
    assertEquals(2 * 90_944, join.activationWordsPerSample());
    assertEquals(0, join.perSample().tos(ArithmeticModel.cmos(), io.github.toenergy.model.Format.FP32));
  }

  @Test
  void wholeShuffleNetV2MatchesTorchvision() {
    // parameters: torchvision's published num_params of shufflenet_v2_x0_5 and x1_0; MACs: forward
    // hooks in PyTorch, 40,476,448 and 144,907,992, which torchvision publishes rounded as 0.04 and 0.145 GFLOPS
    NetworkCost half = inference(shuffleNetV2(24, 48, 96, 192, 1024));
    assertEquals(1_366_792, half.parameters());
    assertEquals(40_476_448, half.macs(1));
    NetworkCost one = inference(shuffleNetV2(24, 116, 232, 464, 1024));
    assertEquals(2_278_604, one.parameters());
    assertEquals(144_907_992, one.macs(1));
  }

  @Test
  void denseNetLayerConcatenatesItsInputWithNewFeatures() {
    Network n = Network.parse("input(128,56,56) concat( | batchnorm relu conv2d(128,k=1,bias=false) batchnorm relu"
        + " conv2d(32,k=3,p=1,bias=false))");
    NetworkCost cost = NetworkCost.of(n, Phase.INFERENCE);
    // bn 2*128 + 1x1 128*128 = 16,384 + bn 2*128 + 3x3 128*32*9 = 36,864
    assertEquals(256 + 16_384 + 256 + 36_864, cost.parameters()); // 53,760, as PyTorch
    // 3,136 positions: 128*128 per position = 51,380,224; 32*1,152 per position = 115,605,504
    assertEquals(51_380_224 + 115_605_504, cost.macs(1)); // 166,985,728, as PyTorch
    assertEquals(Shape.of(160, 56, 56), n.output()); // 128 + the growth rate 32
  }

  @Test
  void mbConvWithSqueezeExcitation() {
    // EfficientNet-B0's first block of stage 3: expand 6, k=3, stride 2, 16 -> 24; SE squeezes to 16/4 = 4
    Network n = Network.parse("input(16,112,112) conv2d(96,k=1,bias=false) batchnorm silu"
        + " conv2d(96,k=3,s=2,p=1,g=96,bias=false) batchnorm silu"
        + " gate(globalavgpool conv2d(4,k=1) silu conv2d(96,k=1) sigmoid) conv2d(24,k=1,bias=false) batchnorm");
    NetworkCost cost = NetworkCost.of(n, Phase.INFERENCE);
    // expand 1,536 + bn 192; depthwise 864 + bn 192; SE fc1 96*4 + 4 = 388, fc2 4*96 + 96 = 480; project 2,304 + bn 48
    assertEquals(1_536 + 192 + 864 + 192 + 388 + 480 + 2_304 + 48, cost.parameters()); // 6,004, as PyTorch
    // expand 12,544*96*16 = 19,267,584; depthwise 3,136*96*9 = 2,709,504; SE 384 + 384; project 3,136*24*96 = 7,225,344
    assertEquals(19_267_584 + 2_709_504 + 768 + 7_225_344, cost.macs(1)); // 29,203,200, as PyTorch
    assertEquals(Shape.of(24, 56, 56), n.output());
  }

  @Test
  void residualMbConvWithSqueezeExcitation() {
    // expand 6, k=5, stride 1, 40 -> 40 (a residual connection); SE squeezes to 40/4 = 10
    Network n = Network.parse("input(40,28,28) residual(conv2d(240,k=1,bias=false) batchnorm silu"
        + " conv2d(240,k=5,p=2,g=240,bias=false) batchnorm silu gate(globalavgpool conv2d(10,k=1) silu conv2d(240,k=1)"
        + " sigmoid) conv2d(40,k=1,bias=false) batchnorm)");
    NetworkCost cost = NetworkCost.of(n, Phase.INFERENCE);
    // expand 9,600 + 480; depthwise 6,000 + 480; SE 2,400 + 10 and 2,400 + 240; project 9,600 + 80
    assertEquals(9_600 + 480 + 6_000 + 480 + 2_410 + 2_640 + 9_600 + 80, cost.parameters()); // 31,290, as PyTorch
    // 784 positions: expand 7,526,400; depthwise 240*25 each = 4,704,000; SE 2,400 + 2,400; project 7,526,400
    assertEquals(7_526_400 + 4_704_000 + 4_800 + 7_526_400, cost.macs(1)); // 19,761,600, as PyTorch
    // the gate's product is 240*784 = 188,160 multiplies, not MACs; it reads input and gate (240), writes the product
    LayerCost multiply = cost.layers().stream().filter(r -> r.name().equals("residual_1/gate_1/multiply"))
        .findFirst().orElseThrow();
    assertEquals(188_160, multiply.perSample().get(Op.MULTIPLY));
    assertEquals(0, multiply.macs(1));
    assertEquals(2 * 188_160 + 240, multiply.activationWordsPerSample());
  }

  @Test
  void gateTrainingCountsBothGradientsOfTheProduct() {
    // a 2x3x3 input (18 values) gated per channel (2 values); counted for the product row only
    NetworkCost cost = NetworkCost.of(Network.parse("input(2,3,3) gate(globalavgpool sigmoid)"), Phase.TRAINING);
    LayerCost multiply = cost.layers().get(cost.layers().size() - 1);
    assertEquals("gate_1/multiply", multiply.name());
    // forward 18 multiplies; backward dx = dy*gate and dgate = dy*x (2 x 18), dgate summed over
    // 3x3 per channel (18 - 2 adds), the two gradients of x summed (18 adds)
    assertEquals(18 + 36, multiply.perSample().get(Op.MULTIPLY));
    assertEquals(16 + 18, multiply.perSample().get(Op.ADD));
    // forward reads 18 + 2 and writes 18; backward reads dy, x, gate (38), writes dx, dgate (20), sums (54)
    assertEquals(38 + 38 + 20 + 54, multiply.activationWordsPerSample());
  }

  @Test
  void layerScaleIsOneFactorPerChannelAndOneMultiplyPerElement() {
    NetworkCost inference = inference("input(8,4,4) scale");
    assertEquals(8, inference.parameters());
    assertEquals(0, inference.macs(1)); // an element-wise product is not a MAC
    assertEquals(128, inference.ops(1).get(Op.MULTIPLY));
    // weights read once (8 words), 128 values read and 128 written
    assertEquals((8 + 256) * 4, inference.bytes(1));
    NetworkCost training = NetworkCost.of(Network.parse("input(8,4,4) scale"), Phase.TRAINING);
    // forward 128, backward dx and dgamma 256 multiplies; dgamma summed per channel: 128 - 8 adds
    assertEquals(128 + 256, training.ops(1).get(Op.MULTIPLY));
    assertEquals(120, training.ops(1).get(Op.ADD));
    assertEquals(8, training.macs(0)); // the SGD update, one MAC per parameter per step
  }

  @Test
  void concatTrainingSumsTheBranchGradientsOfItsInput() {
    // three branches of an 8-value input: the gradients of x from three branches take 2 x 8 adds
    NetworkCost cost = NetworkCost.of(Network.parse("input(8) concat( | relu | dense(4))"), Phase.TRAINING);
    LayerCost join = cost.layers().get(cost.layers().size() - 1);
    assertEquals("concat_1/join", join.name());
    assertEquals(16, join.perSample().get(Op.ADD));
    // forward: 20 values read and written; backward: two sums, each reading 2 x 8 and writing 8
    assertEquals(2 * 20 + 2 * 24, join.activationWordsPerSample());
  }
}
