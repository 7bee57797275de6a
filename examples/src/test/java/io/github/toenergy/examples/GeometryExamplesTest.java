package io.github.toenergy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.toenergy.model.Shape;
import org.junit.jupiter.api.Test;

/**
 * The examples of issue 11's geometry against PyTorch: the parameters and MACs (FlopCounterMode's
 * FLOPs / 2) that scripts/torch-geometry-check.py prints for the same modules in torch 2.13.
 */
class GeometryExamplesTest {

  /*
   * GoogLeNet's stem, by hand: conv1 64 x 112 x 112 x (3*49) = 118,013,952; conv2 64 x 56 x 56 x 64
   * = 12,845,056; conv3 192 x 56 x 56 x (64*9) = 346,816,512; total 477,675,520. Parameters:
   * 9,408 + 4,096 + 110,592 weights and 2 x (64 + 64 + 192) batch-norm = 124,736.
   */
  @Test
  void googLeNetStemRoundsItsPoolsUp() {
    assertEquals(477_675_520L, GoogLeNetStemEnergy.TOTAL_MACS);
    assertEquals(124_736L, GoogLeNetStemEnergy.PARAMETERS);
    // ceil mode: 112 -> 56 -> 28 (floor mode would give 55 and 27)
    assertEquals(Shape.of(192, 28, 28), GoogLeNetStemEnergy.network().output());
  }

  /*
   * Mixed_6b's double 7 x 7 branch on 17 x 17 (289 positions): 1 x 1 768 -> 128 is 289 x 128 x 768;
   * the three 7 x 1 / 1 x 7 of 128 -> 128 are 289 x 128 x 128 x 7 each; the last 128 -> 192 is
   * 289 x 192 x 128 x 7: 28,409,856 + 3 x 33,144,832 + 49,717,248 = 177,561,600.
   */
  @Test
  void inceptionBranchWithNonSquareKernels() {
    assertEquals(177_561_600L, InceptionV3BranchEnergy.TOTAL_MACS);
    assertEquals(615_808L, InceptionV3BranchEnergy.PARAMETERS);
    assertEquals(Shape.of(192, 17, 17), InceptionV3BranchEnergy.network().output());
  }

  /*
   * The decoder: up1 512 x 24 x 32 inputs x 256 x 4 = 402,653,184; conv1 256 x 48 x 64 x 2,304 =
   * 1,811,939,328; up2 256 x 48 x 64 x 128 x 4 = 402,653,184; conv2 128 x 96 x 128 x 1,152 =
   * 1,811,939,328; conv3 64 x 192 x 256 x 1,152 = 3,623,878,656; classes 2 x 384 x 512 x 64 =
   * 25,165,824; the upsamplings and the pooling none: 8,078,229,504.
   */
  @Test
  void uNetDecoderCountsTransposedConvolutionsAndNoUpsamplingMacs() {
    assertEquals(8_078_229_504L, UNetDecoderEnergy.TOTAL_MACS);
    assertEquals(1_467_330L, UNetDecoderEnergy.PARAMETERS);
    assertEquals(Shape.of(2, 3, 4), UNetDecoderEnergy.network().output());
  }
}
