package io.github.toenergy.examples;

import static io.github.toenergy.annotations.ActivationFunction.RELU6;

import io.github.toenergy.annotations.Activation;
import io.github.toenergy.annotations.AdaptiveAvgPool2d;
import io.github.toenergy.annotations.BatchNorm;
import io.github.toenergy.annotations.Bind;
import io.github.toenergy.annotations.Conv2d;
import io.github.toenergy.annotations.Dense;
import io.github.toenergy.annotations.Dropout;
import io.github.toenergy.annotations.Flatten;
import io.github.toenergy.annotations.Network;
import io.github.toenergy.annotations.Repeat;
import io.github.toenergy.annotations.Residual;

/**
 * MobileNetV2 (Sandler et al. 2018) as {@code torchvision.models.mobilenet_v2}, width 1.0: a
 * stem, seventeen inverted residual blocks (1 x 1 expansion, 3 x 3 depthwise, 1 x 1 linear
 * projection, ReLU6) and a 1280-channel head. Only blocks with stride 1 and as many channels out
 * as in add their input back, and no activation follows the sum; the others are written out
 * layer by layer. 300,774,272 MACs and 3,504,872 parameters.
 *
 * <p>The ten residual blocks share one block type, {@link InvertedResidual}, whose channel count is
 * a parameter (the expansion, six times it, a parameter with a default); runs of equal blocks are
 * one field with {@link Repeat}. Field names follow torchvision's {@code features[i]} numbering.
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
  @Residual(with = "channels = 24") InvertedResidual block3;
  // features[4]: 24 x 56 x 56 -> 32 x 28 x 28, expansion 6, no shortcut
  @Conv2d(filters = 144, kernel = 1, bias = false) Object block4Expand;
  @BatchNorm Object block4ExpandBn;
  @Activation(RELU6) Object block4ExpandRelu;
  @Conv2d(filters = 144, kernel = 3, stride = 2, padding = 1, groups = 144, bias = false) Object block4Depthwise;
  @BatchNorm Object block4DepthwiseBn;
  @Activation(RELU6) Object block4DepthwiseRelu;
  @Conv2d(filters = 32, kernel = 1, bias = false) Object block4Project;
  @BatchNorm Object block4ProjectBn;
  // features[5-6]: 32 x 28 x 28, residual
  @Residual(with = "channels = 32") @Repeat(2) InvertedResidual blocks5To6;
  // features[7]: 32 x 28 x 28 -> 64 x 14 x 14, expansion 6, no shortcut
  @Conv2d(filters = 192, kernel = 1, bias = false) Object block7Expand;
  @BatchNorm Object block7ExpandBn;
  @Activation(RELU6) Object block7ExpandRelu;
  @Conv2d(filters = 192, kernel = 3, stride = 2, padding = 1, groups = 192, bias = false) Object block7Depthwise;
  @BatchNorm Object block7DepthwiseBn;
  @Activation(RELU6) Object block7DepthwiseRelu;
  @Conv2d(filters = 64, kernel = 1, bias = false) Object block7Project;
  @BatchNorm Object block7ProjectBn;
  // features[8-10]: 64 x 14 x 14, residual
  @Residual(with = "channels = 64") @Repeat(3) InvertedResidual blocks8To10;
  // features[11]: 64 x 14 x 14 -> 96 x 14 x 14, expansion 6, no shortcut
  @Conv2d(filters = 384, kernel = 1, bias = false) Object block11Expand;
  @BatchNorm Object block11ExpandBn;
  @Activation(RELU6) Object block11ExpandRelu;
  @Conv2d(filters = 384, kernel = 3, padding = 1, groups = 384, bias = false) Object block11Depthwise;
  @BatchNorm Object block11DepthwiseBn;
  @Activation(RELU6) Object block11DepthwiseRelu;
  @Conv2d(filters = 96, kernel = 1, bias = false) Object block11Project;
  @BatchNorm Object block11ProjectBn;
  // features[12-13]: 96 x 14 x 14, residual
  @Residual(with = "channels = 96") @Repeat(2) InvertedResidual blocks12To13;
  // features[14]: 96 x 14 x 14 -> 160 x 7 x 7, expansion 6, no shortcut
  @Conv2d(filters = 576, kernel = 1, bias = false) Object block14Expand;
  @BatchNorm Object block14ExpandBn;
  @Activation(RELU6) Object block14ExpandRelu;
  @Conv2d(filters = 576, kernel = 3, stride = 2, padding = 1, groups = 576, bias = false) Object block14Depthwise;
  @BatchNorm Object block14DepthwiseBn;
  @Activation(RELU6) Object block14DepthwiseRelu;
  @Conv2d(filters = 160, kernel = 1, bias = false) Object block14Project;
  @BatchNorm Object block14ProjectBn;
  // features[15-16]: 160 x 7 x 7, residual
  @Residual(with = "channels = 160") @Repeat(2) InvertedResidual blocks15To16;
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

  /** Inverted residual block: {@code channels} expanded six times, stride 1, identity shortcut. */
  @Residual.Block(params = {"channels", "hidden = channels * 6"})
  static class InvertedResidual {
    @Conv2d(filters = 0, kernel = 1, bias = false) @Bind("filters = hidden") Object expand;
    @BatchNorm Object expandBn;
    @Activation(RELU6) Object expandRelu;
    @Conv2d(filters = 0, kernel = 3, padding = 1, bias = false) @Bind({"filters = hidden", "groups = hidden"})
    Object depthwise;
    @BatchNorm Object depthwiseBn;
    @Activation(RELU6) Object depthwiseRelu;
    @Conv2d(filters = 0, kernel = 1, bias = false) @Bind("filters = channels") Object project;
    @BatchNorm Object projectBn;
  }
}
