package io.github.toenergy.examples;

import static io.github.toenergy.annotations.ActivationFunction.RELU;

import io.github.toenergy.annotations.Activation;
import io.github.toenergy.annotations.AdaptiveAvgPool2d;
import io.github.toenergy.annotations.BatchNorm;
import io.github.toenergy.annotations.Bind;
import io.github.toenergy.annotations.Conv2d;
import io.github.toenergy.annotations.Dense;
import io.github.toenergy.annotations.Flatten;
import io.github.toenergy.annotations.MaxPool2d;
import io.github.toenergy.annotations.Network;
import io.github.toenergy.annotations.Repeat;
import io.github.toenergy.annotations.Residual;
import io.github.toenergy.annotations.Shortcut;

/**
 * ResNet-18 (He et al. 2016) as {@code torchvision.models.resnet18}: a 7 x 7 stem, four stages of
 * two basic blocks, global average pooling and one dense layer. The first block of stages 2-4
 * halves the resolution and projects its shortcut with a 1 x 1 convolution and batch norm
 * (torchvision's {@code downsample}). 1,814,073,344 MACs and 11,689,512 parameters.
 *
 * <p>Two block types serve all four stages, as torchvision's {@code BasicBlock(planes, stride,
 * downsample)} does: each declares its width as a parameter ({@link Residual.Block#params()}), its
 * convolutions take their filters from it ({@link Bind}), and each {@link Residual} field gives the
 * stage's width ({@link Residual#with()}). {@link Repeat} puts stage 1's two blocks in one field.
 */
@Network(input = {3, 224, 224}, name = "resnet18")
public class ResNet18 {
  @Conv2d(filters = 64, kernel = 7, stride = 2, padding = 3, bias = false) Object conv1;
  @BatchNorm Object bn1;
  @Activation(RELU) Object relu;
  @MaxPool2d(kernel = 3, stride = 2, padding = 1) Object maxpool;

  @Residual(after = RELU, with = "width = 64") @Repeat(2) BasicBlock layer1;
  @Residual(after = RELU, with = "width = 128") DownsampleBlock layer2Block1;
  @Residual(after = RELU, with = "width = 128") BasicBlock layer2Block2;
  @Residual(after = RELU, with = "width = 256") DownsampleBlock layer3Block1;
  @Residual(after = RELU, with = "width = 256") BasicBlock layer3Block2;
  @Residual(after = RELU, with = "width = 512") DownsampleBlock layer4Block1;
  @Residual(after = RELU, with = "width = 512") BasicBlock layer4Block2;

  @AdaptiveAvgPool2d(output = 1) Object avgpool;
  @Flatten Object flatten;
  @Dense(units = 1000) Object fc;

  /** Basic block: two 3 x 3 convolutions of {@code width} filters, identity shortcut. */
  @Residual.Block(params = "width")
  static class BasicBlock {
    @Conv2d(filters = 0, kernel = 3, padding = 1, bias = false) @Bind("filters = width") Object conv1;
    @BatchNorm Object bn1;
    @Activation(RELU) Object relu;
    @Conv2d(filters = 0, kernel = 3, padding = 1, bias = false) @Bind("filters = width") Object conv2;
    @BatchNorm Object bn2;
  }

  /** Basic block widening to {@code width} channels at stride 2, projection shortcut. */
  @Residual.Block(params = "width")
  static class DownsampleBlock {
    @Conv2d(filters = 0, kernel = 3, stride = 2, padding = 1, bias = false) @Bind("filters = width") Object conv1;
    @BatchNorm Object bn1;
    @Activation(RELU) Object relu;
    @Conv2d(filters = 0, kernel = 3, padding = 1, bias = false) @Bind("filters = width") Object conv2;
    @BatchNorm Object bn2;
    @Shortcut @Conv2d(filters = 0, kernel = 1, stride = 2, bias = false) @Bind("filters = width") Object downsample;
    @Shortcut @BatchNorm Object downsampleBn;
  }
}
