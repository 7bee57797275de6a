package io.github.toenergy.examples;

import static io.github.toenergy.annotations.ActivationFunction.RELU;

import io.github.toenergy.annotations.Activation;
import io.github.toenergy.annotations.AdaptiveAvgPool2d;
import io.github.toenergy.annotations.BatchNorm;
import io.github.toenergy.annotations.Conv2d;
import io.github.toenergy.annotations.Dense;
import io.github.toenergy.annotations.Flatten;
import io.github.toenergy.annotations.MaxPool2d;
import io.github.toenergy.annotations.Network;
import io.github.toenergy.annotations.Residual;
import io.github.toenergy.annotations.Shortcut;

/**
 * ResNet-18 (He et al. 2016) as {@code torchvision.models.resnet18}: a 7 x 7 stem, four stages of
 * two basic blocks, global average pooling and one dense layer. The first block of stages 2-4
 * halves the resolution and projects its shortcut with a 1 x 1 convolution and batch norm
 * (torchvision's {@code downsample}). 1,814,073,344 MACs and 11,689,512 parameters.
 *
 * <p>Each kind of block is a nested type annotated {@link Residual.Block}; a field of that type
 * annotated {@link Residual} puts one block into the network, with the ReLU that follows the sum.
 */
@Network(input = {3, 224, 224}, name = "resnet18")
public class ResNet18 {
  @Conv2d(filters = 64, kernel = 7, stride = 2, padding = 3, bias = false) Object conv1;
  @BatchNorm Object bn1;
  @Activation(RELU) Object relu;
  @MaxPool2d(kernel = 3, stride = 2, padding = 1) Object maxpool;

  @Residual(after = RELU) Stage1Block layer1Block1;
  @Residual(after = RELU) Stage1Block layer1Block2;
  @Residual(after = RELU) Stage2Downsample layer2Block1;
  @Residual(after = RELU) Stage2Block layer2Block2;
  @Residual(after = RELU) Stage3Downsample layer3Block1;
  @Residual(after = RELU) Stage3Block layer3Block2;
  @Residual(after = RELU) Stage4Downsample layer4Block1;
  @Residual(after = RELU) Stage4Block layer4Block2;

  @AdaptiveAvgPool2d(output = 1) Object avgpool;
  @Flatten Object flatten;
  @Dense(units = 1000) Object fc;

  /** Basic block, 64 channels, identity shortcut. */
  @Residual.Block
  static class Stage1Block {
    @Conv2d(filters = 64, kernel = 3, padding = 1, bias = false) Object conv1;
    @BatchNorm Object bn1;
    @Activation(RELU) Object relu;
    @Conv2d(filters = 64, kernel = 3, padding = 1, bias = false) Object conv2;
    @BatchNorm Object bn2;
  }

  /** Basic block, 64 -> 128 channels, stride 2, projection shortcut. */
  @Residual.Block
  static class Stage2Downsample {
    @Conv2d(filters = 128, kernel = 3, stride = 2, padding = 1, bias = false) Object conv1;
    @BatchNorm Object bn1;
    @Activation(RELU) Object relu;
    @Conv2d(filters = 128, kernel = 3, padding = 1, bias = false) Object conv2;
    @BatchNorm Object bn2;
    @Shortcut @Conv2d(filters = 128, kernel = 1, stride = 2, bias = false) Object downsample;
    @Shortcut @BatchNorm Object downsampleBn;
  }

  /** Basic block, 128 channels, identity shortcut. */
  @Residual.Block
  static class Stage2Block {
    @Conv2d(filters = 128, kernel = 3, padding = 1, bias = false) Object conv1;
    @BatchNorm Object bn1;
    @Activation(RELU) Object relu;
    @Conv2d(filters = 128, kernel = 3, padding = 1, bias = false) Object conv2;
    @BatchNorm Object bn2;
  }

  /** Basic block, 128 -> 256 channels, stride 2, projection shortcut. */
  @Residual.Block
  static class Stage3Downsample {
    @Conv2d(filters = 256, kernel = 3, stride = 2, padding = 1, bias = false) Object conv1;
    @BatchNorm Object bn1;
    @Activation(RELU) Object relu;
    @Conv2d(filters = 256, kernel = 3, padding = 1, bias = false) Object conv2;
    @BatchNorm Object bn2;
    @Shortcut @Conv2d(filters = 256, kernel = 1, stride = 2, bias = false) Object downsample;
    @Shortcut @BatchNorm Object downsampleBn;
  }

  /** Basic block, 256 channels, identity shortcut. */
  @Residual.Block
  static class Stage3Block {
    @Conv2d(filters = 256, kernel = 3, padding = 1, bias = false) Object conv1;
    @BatchNorm Object bn1;
    @Activation(RELU) Object relu;
    @Conv2d(filters = 256, kernel = 3, padding = 1, bias = false) Object conv2;
    @BatchNorm Object bn2;
  }

  /** Basic block, 256 -> 512 channels, stride 2, projection shortcut. */
  @Residual.Block
  static class Stage4Downsample {
    @Conv2d(filters = 512, kernel = 3, stride = 2, padding = 1, bias = false) Object conv1;
    @BatchNorm Object bn1;
    @Activation(RELU) Object relu;
    @Conv2d(filters = 512, kernel = 3, padding = 1, bias = false) Object conv2;
    @BatchNorm Object bn2;
    @Shortcut @Conv2d(filters = 512, kernel = 1, stride = 2, bias = false) Object downsample;
    @Shortcut @BatchNorm Object downsampleBn;
  }

  /** Basic block, 512 channels, identity shortcut. */
  @Residual.Block
  static class Stage4Block {
    @Conv2d(filters = 512, kernel = 3, padding = 1, bias = false) Object conv1;
    @BatchNorm Object bn1;
    @Activation(RELU) Object relu;
    @Conv2d(filters = 512, kernel = 3, padding = 1, bias = false) Object conv2;
    @BatchNorm Object bn2;
  }
}
