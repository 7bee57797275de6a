package io.github.toenergy.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.model.Network;
import org.junit.jupiter.api.Test;

/** Layer arithmetic against hand derivations and published torchvision figures. */
class NetworkCostTest {
  private static final long FP32_ADD = 5_252;
  private static final long FP32_MAC = 20_108 + 5_252;

  static final String ALEXNET = "input(3,224,224) conv2d(64,k=11,s=4,p=2) relu maxpool(3,s=2) conv2d(192,k=5,p=2) relu"
      + " maxpool(3,s=2) conv2d(384,k=3,p=1) relu conv2d(256,k=3,p=1) relu conv2d(256,k=3,p=1) relu maxpool(3,s=2)"
      + " adaptiveavgpool(6) flatten dropout dense(4096) relu dropout dense(4096) relu dense(1000)";

  static final String VGG16 = "input(3,224,224)"
      + " conv2d(64,k=3,p=1) relu conv2d(64,k=3,p=1) relu maxpool(2)"
      + " conv2d(128,k=3,p=1) relu conv2d(128,k=3,p=1) relu maxpool(2)"
      + " conv2d(256,k=3,p=1) relu conv2d(256,k=3,p=1) relu conv2d(256,k=3,p=1) relu maxpool(2)"
      + " conv2d(512,k=3,p=1) relu conv2d(512,k=3,p=1) relu conv2d(512,k=3,p=1) relu maxpool(2)"
      + " conv2d(512,k=3,p=1) relu conv2d(512,k=3,p=1) relu conv2d(512,k=3,p=1) relu maxpool(2)"
      + " adaptiveavgpool(7) flatten dense(4096) relu dropout dense(4096) relu dropout dense(1000)";

  @Test
  void threeByThreeConvolution() {
    // 1x4x4 input, 2 filters 3x3, no padding: output 2x2x2 = 8 values, each 1*3*3 = 9 MACs plus a bias add
    NetworkCost cost = NetworkCost.of(Network.parse("input(1,4,4) conv2d(2,k=3)"), Phase.INFERENCE);
    assertEquals(72, cost.macs(1));
    assertEquals(2 * 9 + 2, cost.parameters());
    assertEquals(72 * FP32_MAC + 8 * FP32_ADD, cost.tos(ArithmeticModel.cmos(), 1)); // 1,867,936
    assertEquals(1_867_936, cost.tos(ArithmeticModel.cmos(), 1));
    // bytes: 20 weights + 16 inputs read + 8 outputs written, 4 bytes each
    assertEquals((20 + 16 + 8) * 4, cost.bytes(1));
  }

  @Test
  void denseLayer() {
    // 4 -> 3: 12 MACs and 3 bias adds per sample; 15 parameters
    NetworkCost cost = NetworkCost.of(Network.parse("input(4) dense(3)"), Phase.INFERENCE);
    assertEquals(12, cost.macs(1));
    assertEquals(15, cost.parameters());
    assertEquals(12 * FP32_MAC + 3 * FP32_ADD, cost.tos(ArithmeticModel.cmos(), 1)); // 320,076
    assertEquals(24, cost.macs(2));
  }

  @Test
  void denseOnASequenceAppliesTheSameWeightsAtEveryPosition() {
    // 5 tokens of 4 features -> 3 features each: per token 12 MACs and 3 bias adds (torch.nn.Linear(4, 3)
    // on a (5, 4) input); the 15 parameters are shared by the 5 positions
    Network network = Network.parse("input(5,4) dense(3)");
    NetworkCost cost = NetworkCost.of(network, Phase.INFERENCE);
    assertEquals("5x3", network.output().toString());
    assertEquals(5 * 12, cost.macs(1));
    assertEquals(15, cost.parameters());
    assertEquals(5 * 3, cost.ops(1).get(Op.ADD));
    // bytes: 15 weights + 20 inputs read + 15 outputs written, 4 bytes each
    assertEquals((15 + 20 + 15) * 4, cost.bytes(1));
  }

  @Test
  void columnsTurnEachImageColumnIntoOnePositionAndCopy() {
    // 2 x 3 x 5 -> 5 positions of 2 * 3 = 6 features (torch: x.view(1, 6, 5).transpose(1, 2)); then
    // Linear(6, 4) at each position: 5 x 24 MACs, 5 x 4 bias adds, 28 parameters
    Network network = Network.parse("input(2,3,5) columns dense(4)");
    NetworkCost cost = NetworkCost.of(network, Phase.INFERENCE);
    assertEquals("5x6", network.outputShapes().get(0).toString());
    assertEquals(5 * 24, cost.macs(1));
    assertEquals(28, cost.parameters());
    assertEquals(5 * 4, cost.ops(1).get(Op.ADD)); // columns itself adds nothing
    // bytes: the copy (.contiguous()) reads and writes 30 values; dense 28 weights + 30 in + 20 out
    assertEquals((30 + 30 + 28 + 30 + 20) * 4, cost.bytes(1));
    assertEquals("input(2,3,5) columns dense(4)", network.toNotation());
  }

  @Test
  void hardtanhIsTheClampOfRelu6() {
    // min(max(x, lo), hi): 2 compares per element forward (FP32: 2 x 960 TOs, docs/method.md), and 2 for the
    // gradient mask in training, as relu6, whatever the bounds
    NetworkCost clamp = NetworkCost.of(Network.parse("input(8) hardtanh"), Phase.INFERENCE);
    assertEquals(8 * 2 * 960, clamp.tos(ArithmeticModel.cmos(), 1));
    assertEquals(NetworkCost.of(Network.parse("input(8) relu6"), Phase.TRAINING).tos(ArithmeticModel.cmos(), 1),
        NetworkCost.of(Network.parse("input(8) hardtanh"), Phase.TRAINING).tos(ArithmeticModel.cmos(), 1));
    assertEquals("input(8) hardtanh", Network.parse("input(8) hardtanh").toNotation());
  }

  @Test
  void columnsNeedAnImageAndSayWhyNot() {
    // a sequence or a flat vector has no columns; 2^16 channels x 2^16 rows would give 2^32 features a step
    io.github.toenergy.notation.NotationException sequence = assertThrows(
        io.github.toenergy.notation.NotationException.class, () -> Network.parse("input(10,4) columns"));
    assertTrue(sequence.getMessage().contains("column 13") && sequence.getMessage().contains(
        "columns needs a C x H x W input but gets 10x4"), sequence.getMessage());
    io.github.toenergy.model.ShapeException wide = assertThrows(io.github.toenergy.model.ShapeException.class,
        () -> new io.github.toenergy.model.Layer.Columns().outputShape(io.github.toenergy.model.Shape.of(65_536, 65_536, 1)));
    assertEquals(io.github.toenergy.model.ShapeException.Reason.TOO_MANY_FEATURES, wide.reason());
    assertTrue(wide.getMessage().contains("4294967296 features per position"), wide.getMessage());
  }

  @Test
  void denseTrainingStepCountsBackwardTwiceAndOneUpdatePerParameter() {
    // per sample: forward 12 MACs, backward dX 12 + dW 12; per step: SGD update 15 MACs
    NetworkCost cost = NetworkCost.of(Network.parse("input(4) dense(3)"), Phase.TRAINING);
    assertEquals(2 * 36 + 15, cost.macs(2));
    // adds per sample: forward bias 3 + bias gradient 3
    assertEquals(2 * 6, cost.ops(2).get(Op.ADD));
  }

  @Test
  void alexNetMatchesTorchvision() {
    NetworkCost cost = NetworkCost.of(Network.parse(ALEXNET), Phase.INFERENCE);
    assertEquals(714_188_480L, cost.macs(1));
    assertEquals(61_100_840L, cost.parameters());
  }

  @Test
  void vgg16MatchesTorchvision() {
    NetworkCost cost = NetworkCost.of(Network.parse(VGG16), Phase.INFERENCE);
    assertEquals(15_470_264_320L, cost.macs(1));
    assertEquals(138_357_544L, cost.parameters());
  }

  @Test
  void mnistMlp() {
    NetworkCost cost = NetworkCost.of(Network.parse("input(784) dense(128) relu dense(10) softmax"), Phase.INFERENCE);
    assertEquals(101_632, cost.macs(1)); // 784*128 + 128*10
    // softmax over 10 outputs costs what the model's composition says, once per element
    assertEquals(10 * ArithmeticModel.cmos().tos(Op.SOFTMAX, io.github.toenergy.model.Format.FP32),
        cost.layers().get(3).perSample().tos(ArithmeticModel.cmos(), io.github.toenergy.model.Format.FP32));
  }

  @Test
  void adaptivePoolingDownsamplesWithPyTorchWindows() {
    // 5 -> 2 along each axis: windows [0,3) and [2,5), 3 wide; 4 windows of 9 values: 4 * 8 adds, 4 scalings
    NetworkCost cost = NetworkCost.of(Network.parse("input(1,5,5) adaptiveavgpool(2)"), Phase.INFERENCE);
    assertEquals(32, cost.ops(1).get(Op.ADD));
    assertEquals(4, cost.ops(1).get(Op.MULTIPLY));
  }

  @Test
  void adaptivePoolingUpsamplingCopiesWithoutArithmetic() {
    // torchvision AlexNet at 64x64: sides 64 -> 15 -> 7 -> 7 -> 3 -> 3 -> 1, so the features (layer 13) end at 256x1x1 and adaptiveavgpool(6) repeats each value
    Network alexNet64 = Network.parse(ALEXNET.replace("input(3,224,224)", "input(3,64,64)"));
    assertEquals("256x1x1", alexNet64.outputShapes().get(12).toString());
    NetworkCost cost = NetworkCost.of(alexNet64, Phase.INFERENCE);
    LayerCost pool = cost.layers().get(13);
    assertEquals("adaptiveavgpool_1", pool.name());
    assertTrue(pool.perSample().isZero());
    assertEquals("256x6x6", pool.output().toString());
  }

  @Test
  void residualBlocksAreOpenedIntoTheirLayersAndTheSum() {
    Network net = Network.parse("input(64,8,8) residual(conv2d(64,k=3,p=1,bias=false) batchnorm relu"
        + " conv2d(128,k=3,s=2,p=1,bias=false) batchnorm | conv2d(128,k=1,s=2,bias=false) batchnorm) relu");
    NetworkCost cost = NetworkCost.of(net, Phase.INFERENCE);
    assertEquals(java.util.List.of("residual_1/conv2d_1", "residual_1/batchnorm_1", "residual_1/relu_1",
        "residual_1/conv2d_2", "residual_1/batchnorm_2", "residual_1/shortcut/conv2d_1",
        "residual_1/shortcut/batchnorm_1", "residual_1/add", "relu_1"),
        cost.layers().stream().map(LayerCost::name).toList());
    // body: 64*8*8*64*9 + 128*4*4*64*9; shortcut: 128*4*4*64
    assertEquals(2_359_296 + 1_179_648 + 131_072, cost.macs(1));
    // the sum adds 128x4x4 values
    assertEquals(2048, cost.layers().get(7).perSample().get(Op.ADD));
  }

  @Test
  void countsThatExceedALongAreReportedWithTheLayer() {
    NetworkCost cost = NetworkCost.of(Network.parse("input(512,4096,4096) conv2d(512,k=11,p=5)"), Phase.INFERENCE);
    CountOverflowException e = assertThrows(CountOverflowException.class,
        () -> cost.tos(ArithmeticModel.cmos(), Integer.MAX_VALUE));
    assertTrue(e.getMessage().contains("conv2d_1"), e.getMessage());
  }
}
