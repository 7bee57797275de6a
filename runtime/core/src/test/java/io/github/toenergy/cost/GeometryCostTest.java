package io.github.toenergy.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.model.Network;
import io.github.toenergy.model.Shape;
import org.junit.jupiter.api.Test;

/**
 * Non-square convolutions and pools, ceil-mode pooling, non-square adaptive pooling, transposed
 * convolution and upsampling. Output shapes, parameters and MACs are PyTorch's: printed by
 * scripts/torch-geometry-check.py (torch 2.13 CPU; FlopCounterMode counts 2 FLOPs per MAC), each
 * also derived by hand in its comment. Pool windows: the script sums PyTorch's avg_pool2d divisors
 * (count_include_pad: each window cut at the end of the padded input), the elements each window reads.
 */
class GeometryCostTest {

  private static NetworkCost inference(String notation) {
    return NetworkCost.of(Network.parse(notation), Phase.INFERENCE);
  }

  private static NetworkCost training(String notation) {
    return NetworkCost.of(Network.parse(notation), Phase.TRAINING);
  }

  @Test
  void inceptionOneBySevenConvolution() {
    // Inception-v3 Mixed_6b branch7x7_2: 17x17 kept by p=(0,3); 192*17*17 outputs x 768*1*7 taps
    NetworkCost cost = inference("input(768,17,17) conv2d(192,k=(1,7),p=(0,3))");
    assertEquals(Shape.of(192, 17, 17), cost.layers().get(0).output());
    assertEquals(298_303_488L, cost.macs(1)); // 55,488 x 5,376
    assertEquals(1_032_384L, cost.parameters()); // 192 x 768 x 7 + 192
    NetworkCost column = inference("input(192,17,17) conv2d(192,k=(7,1),p=(3,0),bias=false)");
    assertEquals(74_575_872L, column.macs(1)); // 55,488 x 192 x 7
    assertEquals(258_048L, column.parameters());
  }

  @Test
  void nonSquareStrideAndPadding() {
    // height: (9 + 2 - 3) / 2 + 1 = 5; width: (6 - 1) / 1 + 1 = 6; 240 outputs x 4*3 taps
    NetworkCost cost = inference("input(4,9,6) conv2d(8,k=(3,1),s=(2,1),p=(1,0))");
    assertEquals(Shape.of(8, 5, 6), cost.layers().get(0).output());
    assertEquals(2_880, cost.macs(1));
    assertEquals(104, cost.parameters()); // 8 x 4 x 3 + 8
  }

  @Test
  void googLeNetCeilModeMaxPoolKeepsTheWindowThatHangsOver() {
    // floor((112 - 3) / 2) + 1 = 55 windows; ceil mode keeps a 56th, starting at 110 inside the
    // input, cut to 2 rows: 55 x 3 + 2 = 167 rows (and columns) read; PyTorch: 1,784,896 taps
    NetworkCost cost = inference("input(64,112,112) maxpool(3,s=2,ceil=true)");
    assertEquals(Shape.of(64, 56, 56), cost.layers().get(0).output());
    long taps = 64L * 167 * 167;
    assertEquals(1_784_896L, taps);
    assertEquals(taps - 64L * 56 * 56, cost.ops(1).get(Op.COMPARE)); // window - 1 compares each
    // floor mode, the same input: 55 whole windows, 8 compares each
    assertEquals(64L * 55 * 55 * 8, inference("input(64,112,112) maxpool(3,s=2)").ops(1).get(Op.COMPARE));
  }

  @Test
  void squeezeNetCeilModeMaxPool() {
    // SqueezeNet 1.0 after fire4: 54 -> 27 (floor mode: 26); 26 x 3 + 2 = 80 rows read; PyTorch 1,638,400
    NetworkCost cost = inference("input(256,54,54) maxpool(3,s=2,ceil=true)");
    assertEquals(Shape.of(256, 27, 27), cost.layers().get(0).output());
    assertEquals(1_638_400L - 256L * 27 * 27, cost.ops(1).get(Op.COMPARE));
  }

  @Test
  void ceilModeDropsALastWindowThatWouldStartInTheRightPadding() {
    // 5 + 2 padded, k=2, s=2: rounded up, 4 windows; the 4th would start at 6 >= 5 + 1: dropped (PyTorch 3x3)
    assertEquals(Shape.of(1, 3, 3), Network.parse("input(1,5,5) maxpool(2,s=2,p=1,ceil=true)").output());
  }

  @Test
  void ceilModeAvgPoolDividesByTheWindowCutAtThePaddedInput() {
    // 6 + 2 padded, k=3, s=2: 4 windows per side (floor: 3), sizes 3, 3, 3, 2 = 11; PyTorch's divisors sum to 121
    NetworkCost cost = inference("input(1,6,6) avgpool(3,s=2,p=1,ceil=true)");
    assertEquals(Shape.of(1, 4, 4), cost.layers().get(0).output());
    assertEquals(121 - 16, cost.ops(1).get(Op.ADD)); // window - 1 adds per output
    assertEquals(16, cost.ops(1).get(Op.MULTIPLY)); // one multiply by 1 / window per output
    // training adds the spread of each gradient over its window, one multiply per output
    NetworkCost step = training("input(1,6,6) avgpool(3,s=2,p=1,ceil=true)");
    assertEquals(121 - 16 + 121, step.ops(1).get(Op.ADD));
    assertEquals(32, step.ops(1).get(Op.MULTIPLY));
  }

  @Test
  void nonSquareCeilModeAvgPool() {
    // height 8 + 2, k=3, s=2: 5 windows (3, 3, 3, 3, 2 rows = 14); width 5, k=1: 5 columns of 1; PyTorch 140
    NetworkCost cost = inference("input(2,8,5) avgpool(k=(3,1),s=(2,1),p=(1,0),ceil=true)");
    assertEquals(Shape.of(2, 5, 5), cost.layers().get(0).output());
    assertEquals(140 - 50, cost.ops(1).get(Op.ADD));
  }

  @Test
  void nonSquareAdaptivePooling() {
    // PyTorch windows on 13 rows to 6: [0,3) [2,5) [4,7) [6,9) [8,11) [10,13): 18 rows;
    // 13 columns to 7: [0,2) [1,4) [3,6) [5,8) [7,10) [9,12) [11,13): 19 columns
    NetworkCost cost = inference("input(3,13,13) adaptiveavgpool(6,7)");
    assertEquals(Shape.of(3, 6, 7), cost.layers().get(0).output());
    assertEquals(3L * (18 * 19 - 42), cost.ops(1).get(Op.ADD));
    assertEquals(3L * 42, cost.ops(1).get(Op.MULTIPLY)); // no window of one element
  }

  @Test
  void uNetUpConvolution() {
    // U-Net's up-convolution: (28 - 1) x 2 + (2 - 1) + 1 = 56; every input element meets
    // 64 x 2 x 2 weights: 128 x 28 x 28 x 256 MACs, as torch's FlopCounterMode and fvcore count
    NetworkCost cost = inference("input(128,28,28) convtranspose2d(64,k=2,s=2)");
    assertEquals(Shape.of(64, 56, 56), cost.layers().get(0).output());
    assertEquals(25_690_112L, cost.macs(1));
    assertEquals(32_832L, cost.parameters()); // 128 x 64 x 2 x 2 + 64
    assertEquals(64L * 56 * 56, cost.ops(1).get(Op.ADD)); // the bias, once per output
    // training: forward, dX and dW, then one SGD update MAC per parameter
    assertEquals(3 * 25_690_112L + 32_832L, training("input(128,28,28) convtranspose2d(64,k=2,s=2)").macs(1));
  }

  @Test
  void transposedConvolutionWithEveryOption() {
    // height (8 - 1) x 2 - 2 + (3 - 1) + 1 + 1 = 16, width (8 - 1) x 2 + (2 - 1) + 1 + 1 = 17;
    // 256 inputs x 3 filters per group x 6 taps = 4,608 MACs; weight 4 x 3 x 3 x 2 + 6 biases
    NetworkCost cost = inference("input(4,8,8) convtranspose2d(6,k=(3,2),s=2,p=(1,0),op=1,g=2)");
    assertEquals(Shape.of(6, 16, 17), cost.layers().get(0).output());
    assertEquals(4_608, cost.macs(1));
    assertEquals(78, cost.parameters());
    // dilation 2: height (5 - 1) x 2 - 2 + 2 x 2 + 1 + 1 = 12, width (4 - 1) - 2 + 4 + 0 + 1 = 6; 40 x 3 x 9
    NetworkCost dilated = inference("input(2,5,4) convtranspose2d(3,k=3,s=(2,1),p=1,op=(1,0),d=2,bias=false)");
    assertEquals(Shape.of(3, 12, 6), dilated.layers().get(0).output());
    assertEquals(1_080, dilated.macs(1));
    assertEquals(54, dilated.parameters());
  }

  @Test
  void nearestUpsamplingOnlyMovesData() {
    NetworkCost cost = inference("input(3,5,7) upsample(2)");
    assertEquals(Shape.of(3, 10, 14), cost.layers().get(0).output());
    assertEquals(OpCounts.builder().build(), cost.ops(1));
    assertEquals((105 + 420) * 4, cost.bytes(1)); // read 3x5x7, write 3x10x14, 4 bytes each
    // backward: each input's gradient sums its 4 copies' gradients: 3 adds x 105 inputs
    assertEquals(315, training("input(3,5,7) upsample(2)").ops(1).get(Op.ADD));
  }

  @Test
  void bilinearUpsamplingInterpolatesWithMultipliesAndAddsNotMacs() {
    // 3 x 15 x 21 = 945 outputs; PyTorch's kernel: (x00 wx0 + x01 wx1) wy0 + (x10 wx0 + x11 wx1) wy1
    NetworkCost cost = inference("input(3,5,7) upsample(3,mode=bilinear)");
    assertEquals(Shape.of(3, 15, 21), cost.layers().get(0).output());
    assertEquals(0, cost.macs(1));
    assertEquals(6 * 945, cost.ops(1).get(Op.MULTIPLY));
    assertEquals(3 * 945, cost.ops(1).get(Op.ADD));
  }
}
