package io.github.toenergy.examples;

import static io.github.toenergy.annotations.ActivationFunction.RELU6;

import io.github.toenergy.annotations.Activation;
import io.github.toenergy.annotations.AdaptiveAvgPool2d;
import io.github.toenergy.annotations.BatchNorm;
import io.github.toenergy.annotations.Conv2d;
import io.github.toenergy.annotations.Dense;
import io.github.toenergy.annotations.Dropout;
import io.github.toenergy.annotations.Flatten;
import io.github.toenergy.annotations.Network;
import io.github.toenergy.annotations.Residual;

/**
 * MobileNetV2 (Sandler et al. 2018) as {@code torchvision.models.mobilenet_v2}, width 1.0: a
 * stem, seventeen inverted residual blocks (1 x 1 expansion, 3 x 3 depthwise, 1 x 1 linear
 * projection, ReLU6) and a 1280-channel head. Only blocks with stride 1 and as many channels out
 * as in add their input back, and no activation follows the sum; the others are written out
 * layer by layer. 300,774,272 MACs and 3,504,872 parameters.
 *
 * <p>Field names follow torchvision's {@code features[i]} numbering.
 */
@Network(input = {3, 224, 224}, name = "mobilenet-v2")
public class MobileNetV2 {
  // features[0]: 3 x 224 x 224 -> 32 x 112 x 112
  @Conv2d(filters = 32, kernel = 3, stride = 2, padding = 1, bias = false) Object stem;
  @BatchNorm Object stemBn;
  @Activation(RELU6) Object stemRelu;
  // features[1]: 32 x 112 x 112 -> 16 x 112 x 112, expansion 1, no shortcut
  @Conv2d(filters = 32, kernel = 3, padding = 1, groups = 32, bias = false) Object block1Depthwise;
  @BatchNorm Object block1DepthwiseBn;
  @Activation(RELU6) Object block1DepthwiseRelu;
  @Conv2d(filters = 16, kernel = 1, bias = false) Object block1Project;
  @BatchNorm Object block1ProjectBn;
  // features[2]: 16 x 112 x 112 -> 24 x 56 x 56, expansion 6, no shortcut
  @Conv2d(filters = 96, kernel = 1, bias = false) Object block2Expand;
  @BatchNorm Object block2ExpandBn;
  @Activation(RELU6) Object block2ExpandRelu;
  @Conv2d(filters = 96, kernel = 3, stride = 2, padding = 1, groups = 96, bias = false) Object block2Depthwise;
  @BatchNorm Object block2DepthwiseBn;
  @Activation(RELU6) Object block2DepthwiseRelu;
  @Conv2d(filters = 24, kernel = 1, bias = false) Object block2Project;
  @BatchNorm Object block2ProjectBn;
  // features[3]: 24 x 56 x 56, residual
  @Residual Block24 block3;
  // features[4]: 24 x 56 x 56 -> 32 x 28 x 28, expansion 6, no shortcut
  @Conv2d(filters = 144, kernel = 1, bias = false) Object block4Expand;
  @BatchNorm Object block4ExpandBn;
  @Activation(RELU6) Object block4ExpandRelu;
  @Conv2d(filters = 144, kernel = 3, stride = 2, padding = 1, groups = 144, bias = false) Object block4Depthwise;
  @BatchNorm Object block4DepthwiseBn;
  @Activation(RELU6) Object block4DepthwiseRelu;
  @Conv2d(filters = 32, kernel = 1, bias = false) Object block4Project;
  @BatchNorm Object block4ProjectBn;
  // features[5]: 32 x 28 x 28, residual
  @Residual Block32 block5;
  // features[6]: 32 x 28 x 28, residual
  @Residual Block32 block6;
  // features[7]: 32 x 28 x 28 -> 64 x 14 x 14, expansion 6, no shortcut
  @Conv2d(filters = 192, kernel = 1, bias = false) Object block7Expand;
  @BatchNorm Object block7ExpandBn;
  @Activation(RELU6) Object block7ExpandRelu;
  @Conv2d(filters = 192, kernel = 3, stride = 2, padding = 1, groups = 192, bias = false) Object block7Depthwise;
  @BatchNorm Object block7DepthwiseBn;
  @Activation(RELU6) Object block7DepthwiseRelu;
  @Conv2d(filters = 64, kernel = 1, bias = false) Object block7Project;
  @BatchNorm Object block7ProjectBn;
  // features[8]: 64 x 14 x 14, residual
  @Residual Block64 block8;
  // features[9]: 64 x 14 x 14, residual
  @Residual Block64 block9;
  // features[10]: 64 x 14 x 14, residual
  @Residual Block64 block10;
  // features[11]: 64 x 14 x 14 -> 96 x 14 x 14, expansion 6, no shortcut
  @Conv2d(filters = 384, kernel = 1, bias = false) Object block11Expand;
  @BatchNorm Object block11ExpandBn;
  @Activation(RELU6) Object block11ExpandRelu;
  @Conv2d(filters = 384, kernel = 3, padding = 1, groups = 384, bias = false) Object block11Depthwise;
  @BatchNorm Object block11DepthwiseBn;
  @Activation(RELU6) Object block11DepthwiseRelu;
  @Conv2d(filters = 96, kernel = 1, bias = false) Object block11Project;
  @BatchNorm Object block11ProjectBn;
  // features[12]: 96 x 14 x 14, residual
  @Residual Block96 block12;
  // features[13]: 96 x 14 x 14, residual
  @Residual Block96 block13;
  // features[14]: 96 x 14 x 14 -> 160 x 7 x 7, expansion 6, no shortcut
  @Conv2d(filters = 576, kernel = 1, bias = false) Object block14Expand;
  @BatchNorm Object block14ExpandBn;
  @Activation(RELU6) Object block14ExpandRelu;
  @Conv2d(filters = 576, kernel = 3, stride = 2, padding = 1, groups = 576, bias = false) Object block14Depthwise;
  @BatchNorm Object block14DepthwiseBn;
  @Activation(RELU6) Object block14DepthwiseRelu;
  @Conv2d(filters = 160, kernel = 1, bias = false) Object block14Project;
  @BatchNorm Object block14ProjectBn;
  // features[15]: 160 x 7 x 7, residual
  @Residual Block160 block15;
  // features[16]: 160 x 7 x 7, residual
  @Residual Block160 block16;
  // features[17]: 160 x 7 x 7 -> 320 x 7 x 7, expansion 6, no shortcut
  @Conv2d(filters = 960, kernel = 1, bias = false) Object block17Expand;
  @BatchNorm Object block17ExpandBn;
  @Activation(RELU6) Object block17ExpandRelu;
  @Conv2d(filters = 960, kernel = 3, padding = 1, groups = 960, bias = false) Object block17Depthwise;
  @BatchNorm Object block17DepthwiseBn;
  @Activation(RELU6) Object block17DepthwiseRelu;
  @Conv2d(filters = 320, kernel = 1, bias = false) Object block17Project;
  @BatchNorm Object block17ProjectBn;
  // features[18]: 320 x 7 x 7 -> 1280 x 7 x 7
  @Conv2d(filters = 1280, kernel = 1, bias = false) Object head;
  @BatchNorm Object headBn;
  @Activation(RELU6) Object headRelu;
  @AdaptiveAvgPool2d(output = 1) Object avgpool;
  @Flatten Object flatten;
  // classifier
  @Dropout(rate = 0.2) Object dropout;
  @Dense(units = 1000) Object classifier;

  /** Inverted residual block, 24 channels expanded to 144, stride 1, identity shortcut. */
  @Residual.Block
  static class Block24 {
    @Conv2d(filters = 144, kernel = 1, bias = false) Object expand;
    @BatchNorm Object expandBn;
    @Activation(RELU6) Object expandRelu;
    @Conv2d(filters = 144, kernel = 3, padding = 1, groups = 144, bias = false) Object depthwise;
    @BatchNorm Object depthwiseBn;
    @Activation(RELU6) Object depthwiseRelu;
    @Conv2d(filters = 24, kernel = 1, bias = false) Object project;
    @BatchNorm Object projectBn;
  }

  /** Inverted residual block, 32 channels expanded to 192, stride 1, identity shortcut. */
  @Residual.Block
  static class Block32 {
    @Conv2d(filters = 192, kernel = 1, bias = false) Object expand;
    @BatchNorm Object expandBn;
    @Activation(RELU6) Object expandRelu;
    @Conv2d(filters = 192, kernel = 3, padding = 1, groups = 192, bias = false) Object depthwise;
    @BatchNorm Object depthwiseBn;
    @Activation(RELU6) Object depthwiseRelu;
    @Conv2d(filters = 32, kernel = 1, bias = false) Object project;
    @BatchNorm Object projectBn;
  }

  /** Inverted residual block, 64 channels expanded to 384, stride 1, identity shortcut. */
  @Residual.Block
  static class Block64 {
    @Conv2d(filters = 384, kernel = 1, bias = false) Object expand;
    @BatchNorm Object expandBn;
    @Activation(RELU6) Object expandRelu;
    @Conv2d(filters = 384, kernel = 3, padding = 1, groups = 384, bias = false) Object depthwise;
    @BatchNorm Object depthwiseBn;
    @Activation(RELU6) Object depthwiseRelu;
    @Conv2d(filters = 64, kernel = 1, bias = false) Object project;
    @BatchNorm Object projectBn;
  }

  /** Inverted residual block, 96 channels expanded to 576, stride 1, identity shortcut. */
  @Residual.Block
  static class Block96 {
    @Conv2d(filters = 576, kernel = 1, bias = false) Object expand;
    @BatchNorm Object expandBn;
    @Activation(RELU6) Object expandRelu;
    @Conv2d(filters = 576, kernel = 3, padding = 1, groups = 576, bias = false) Object depthwise;
    @BatchNorm Object depthwiseBn;
    @Activation(RELU6) Object depthwiseRelu;
    @Conv2d(filters = 96, kernel = 1, bias = false) Object project;
    @BatchNorm Object projectBn;
  }

  /** Inverted residual block, 160 channels expanded to 960, stride 1, identity shortcut. */
  @Residual.Block
  static class Block160 {
    @Conv2d(filters = 960, kernel = 1, bias = false) Object expand;
    @BatchNorm Object expandBn;
    @Activation(RELU6) Object expandRelu;
    @Conv2d(filters = 960, kernel = 3, padding = 1, groups = 960, bias = false) Object depthwise;
    @BatchNorm Object depthwiseBn;
    @Activation(RELU6) Object depthwiseRelu;
    @Conv2d(filters = 160, kernel = 1, bias = false) Object project;
    @BatchNorm Object projectBn;
  }
}
