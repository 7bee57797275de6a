package io.github.toenergy.examples;

import static io.github.toenergy.annotations.ActivationFunction.SIGMOID;
import static io.github.toenergy.annotations.ActivationFunction.SILU;

import io.github.toenergy.annotations.Activation;
import io.github.toenergy.annotations.AdaptiveAvgPool2d;
import io.github.toenergy.annotations.BatchNorm;
import io.github.toenergy.annotations.Conv2d;
import io.github.toenergy.annotations.Gate;
import io.github.toenergy.annotations.Network;
import io.github.toenergy.annotations.Residual;

/**
 * The 24-channel stage of EfficientNet-B0 ({@code torchvision.models.efficientnet_b0().features[2]})
 * on its 16 x 112 x 112 input: two MBConv blocks of expansion 6 with squeeze-excitation
 * (torchvision's {@code SqueezeExcitation}: pool, reduce to a quarter of the block's input
 * channels, SiLU, expand, sigmoid, multiply). The first halves the side; the second adds its
 * input back. 16,714 parameters and 54,945,216 MACs, as PyTorch counts them; the gates' products
 * are multiplies, not MACs.
 */
@Network(input = {16, 112, 112}, name = "efficientnet-b0-stage3")
public class EfficientNetStage {
  // MBConv 16 -> 24, stride 2: expand to 96, depthwise, squeeze-excite (96 -> 4 -> 96), project
  @Conv2d(filters = 96, kernel = 1, bias = false) Object expand;
  @BatchNorm Object expandBn;
  @Activation(SILU) Object expandAct;
  @Conv2d(filters = 96, kernel = 3, stride = 2, padding = 1, groups = 96, bias = false) Object depthwise;
  @BatchNorm Object depthwiseBn;
  @Activation(SILU) Object depthwiseAct;
  @Gate Excite96 se;
  @Conv2d(filters = 24, kernel = 1, bias = false) Object project;
  @BatchNorm Object projectBn;
  // MBConv 24 -> 24, stride 1, with its input added back
  @Residual Block24 block2;

  /** Squeeze-excitation of 96 channels, squeezed to 16 / 4 = 4. */
  @Gate.Block
  static class Excite96 {
    @AdaptiveAvgPool2d Object squeeze;
    @Conv2d(filters = 4, kernel = 1) @Activation(SILU) Object reduce;
    @Conv2d(filters = 96, kernel = 1) @Activation(SIGMOID) Object expand;
  }

  /** The second block: expand to 144, depthwise, squeeze-excite (144 -> 6 -> 144), project to 24. */
  @Residual.Block
  static class Block24 {
    @Conv2d(filters = 144, kernel = 1, bias = false) Object expand;
    @BatchNorm Object expandBn;
    @Activation(SILU) Object expandAct;
    @Conv2d(filters = 144, kernel = 3, padding = 1, groups = 144, bias = false) Object depthwise;
    @BatchNorm Object depthwiseBn;
    @Activation(SILU) Object depthwiseAct;
    @Gate Excite144 se;
    @Conv2d(filters = 24, kernel = 1, bias = false) Object project;
    @BatchNorm Object projectBn;
  }

  /** Squeeze-excitation of 144 channels, squeezed to 24 / 4 = 6. */
  @Gate.Block
  static class Excite144 {
    @AdaptiveAvgPool2d Object squeeze;
    @Conv2d(filters = 6, kernel = 1) @Activation(SILU) Object reduce;
    @Conv2d(filters = 144, kernel = 1) @Activation(SIGMOID) Object expand;
  }
}
