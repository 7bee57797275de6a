package io.github.toenergy.examples;

import static io.github.toenergy.annotations.ActivationFunction.RELU;

import io.github.toenergy.annotations.Activation;
import io.github.toenergy.annotations.AdaptiveAvgPool2d;
import io.github.toenergy.annotations.BatchNorm;
import io.github.toenergy.annotations.ChannelShuffle;
import io.github.toenergy.annotations.Chunk;
import io.github.toenergy.annotations.Concat;
import io.github.toenergy.annotations.Conv2d;
import io.github.toenergy.annotations.Dense;
import io.github.toenergy.annotations.Flatten;
import io.github.toenergy.annotations.MaxPool2d;
import io.github.toenergy.annotations.Network;

/**
 * ShuffleNetV2 x0.5 (Ma et al. 2018) as {@code torchvision.models.shufflenet_v2_x0_5}: a stem, three
 * stages of 4, 8 and 4 units (48, 96 and 192 channels) and a 1024-channel head. A unit of stride 2
 * joins two convolved branches with {@code @Concat}; a unit of stride 1 splits its input with
 * {@code @Chunk}, passes one half and convolves the other; both end in {@code @ChannelShuffle}.
 * 1,366,792 parameters (torchvision's figure) and 40,476,448 MACs (its 0.04 GFLOPS).
 */
@Network(input = {3, 224, 224}, name = "shufflenet-v2-x0.5")
public class ShuffleNetV2 {
  // conv1 and maxpool: 3 x 224 x 224 -> 24 x 56 x 56
  @Conv2d(filters = 24, kernel = 3, stride = 2, padding = 1, bias = false) Object conv1;
  @BatchNorm Object conv1Bn;
  @Activation(RELU) Object conv1Relu;
  @MaxPool2d(kernel = 3, stride = 2, padding = 1) Object maxpool;
  // stage2: 24 -> 48 channels, halving the side
  @Concat(branches = {Down2Left.class, Down2Right.class}) Object stage2Down;
  @ChannelShuffle(groups = 2) Object stage2DownShuffle;
  @Concat(branches = {Half.class, Unit48.class}) Object stage2Unit1;
  @ChannelShuffle(groups = 2) Object stage2Unit1Shuffle;
  @Concat(branches = {Half.class, Unit48.class}) Object stage2Unit2;
  @ChannelShuffle(groups = 2) Object stage2Unit2Shuffle;
  @Concat(branches = {Half.class, Unit48.class}) Object stage2Unit3;
  @ChannelShuffle(groups = 2) Object stage2Unit3Shuffle;
  // stage3: 48 -> 96 channels, halving the side
  @Concat(branches = {Down3Left.class, Down3Right.class}) Object stage3Down;
  @ChannelShuffle(groups = 2) Object stage3DownShuffle;
  @Concat(branches = {Half.class, Unit96.class}) Object stage3Unit1;
  @ChannelShuffle(groups = 2) Object stage3Unit1Shuffle;
  @Concat(branches = {Half.class, Unit96.class}) Object stage3Unit2;
  @ChannelShuffle(groups = 2) Object stage3Unit2Shuffle;
  @Concat(branches = {Half.class, Unit96.class}) Object stage3Unit3;
  @ChannelShuffle(groups = 2) Object stage3Unit3Shuffle;
  @Concat(branches = {Half.class, Unit96.class}) Object stage3Unit4;
  @ChannelShuffle(groups = 2) Object stage3Unit4Shuffle;
  @Concat(branches = {Half.class, Unit96.class}) Object stage3Unit5;
  @ChannelShuffle(groups = 2) Object stage3Unit5Shuffle;
  @Concat(branches = {Half.class, Unit96.class}) Object stage3Unit6;
  @ChannelShuffle(groups = 2) Object stage3Unit6Shuffle;
  @Concat(branches = {Half.class, Unit96.class}) Object stage3Unit7;
  @ChannelShuffle(groups = 2) Object stage3Unit7Shuffle;
  // stage4: 96 -> 192 channels, halving the side
  @Concat(branches = {Down4Left.class, Down4Right.class}) Object stage4Down;
  @ChannelShuffle(groups = 2) Object stage4DownShuffle;
  @Concat(branches = {Half.class, Unit192.class}) Object stage4Unit1;
  @ChannelShuffle(groups = 2) Object stage4Unit1Shuffle;
  @Concat(branches = {Half.class, Unit192.class}) Object stage4Unit2;
  @ChannelShuffle(groups = 2) Object stage4Unit2Shuffle;
  @Concat(branches = {Half.class, Unit192.class}) Object stage4Unit3;
  @ChannelShuffle(groups = 2) Object stage4Unit3Shuffle;
  // conv5 and the classifier
  @Conv2d(filters = 1024, kernel = 1, bias = false) Object conv5;
  @BatchNorm Object conv5Bn;
  @Activation(RELU) Object conv5Relu;
  @AdaptiveAvgPool2d Object pool;
  @Flatten Object flatten;
  @Dense(units = 1000) Object fc;

  /** The half a unit of stride 1 passes on unchanged. */
  @Concat.Branch
  static class Half {
    @Chunk(chunks = 2, part = 0) Object first;
  }

  /** Stage 2's first unit, left branch: depthwise 3 x 3 of stride 2, then 1 x 1 to 24 channels. */
  @Concat.Branch
  static class Down2Left {
    @Conv2d(filters = 24, kernel = 3, stride = 2, padding = 1, groups = 24, bias = false) Object depthwise;
    @BatchNorm Object depthwiseBn;
    @Conv2d(filters = 24, kernel = 1, bias = false) Object pointwise;
    @BatchNorm Object pointwiseBn;
    @Activation(RELU) Object relu;
  }

  /** Stage 2's first unit, right branch: 1 x 1, depthwise 3 x 3 of stride 2, 1 x 1, to 24 channels. */
  @Concat.Branch
  static class Down2Right {
    @Conv2d(filters = 24, kernel = 1, bias = false) Object pointwise1;
    @BatchNorm Object pointwise1Bn;
    @Activation(RELU) Object relu1;
    @Conv2d(filters = 24, kernel = 3, stride = 2, padding = 1, groups = 24, bias = false) Object depthwise;
    @BatchNorm Object depthwiseBn;
    @Conv2d(filters = 24, kernel = 1, bias = false) Object pointwise2;
    @BatchNorm Object pointwise2Bn;
    @Activation(RELU) Object relu2;
  }

  /** A unit of stride 1 on 48 channels: the second half, convolved. */
  @Concat.Branch
  static class Unit48 {
    @Chunk(chunks = 2, part = 1) Object second;
    @Conv2d(filters = 24, kernel = 1, bias = false) Object pointwise1;
    @BatchNorm Object pointwise1Bn;
    @Activation(RELU) Object relu1;
    @Conv2d(filters = 24, kernel = 3, padding = 1, groups = 24, bias = false) Object depthwise;
    @BatchNorm Object depthwiseBn;
    @Conv2d(filters = 24, kernel = 1, bias = false) Object pointwise2;
    @BatchNorm Object pointwise2Bn;
    @Activation(RELU) Object relu2;
  }

  /** Stage 3's first unit, left branch: depthwise 3 x 3 of stride 2, then 1 x 1 to 48 channels. */
  @Concat.Branch
  static class Down3Left {
    @Conv2d(filters = 48, kernel = 3, stride = 2, padding = 1, groups = 48, bias = false) Object depthwise;
    @BatchNorm Object depthwiseBn;
    @Conv2d(filters = 48, kernel = 1, bias = false) Object pointwise;
    @BatchNorm Object pointwiseBn;
    @Activation(RELU) Object relu;
  }

  /** Stage 3's first unit, right branch: 1 x 1, depthwise 3 x 3 of stride 2, 1 x 1, to 48 channels. */
  @Concat.Branch
  static class Down3Right {
    @Conv2d(filters = 48, kernel = 1, bias = false) Object pointwise1;
    @BatchNorm Object pointwise1Bn;
    @Activation(RELU) Object relu1;
    @Conv2d(filters = 48, kernel = 3, stride = 2, padding = 1, groups = 48, bias = false) Object depthwise;
    @BatchNorm Object depthwiseBn;
    @Conv2d(filters = 48, kernel = 1, bias = false) Object pointwise2;
    @BatchNorm Object pointwise2Bn;
    @Activation(RELU) Object relu2;
  }

  /** A unit of stride 1 on 96 channels: the second half, convolved. */
  @Concat.Branch
  static class Unit96 {
    @Chunk(chunks = 2, part = 1) Object second;
    @Conv2d(filters = 48, kernel = 1, bias = false) Object pointwise1;
    @BatchNorm Object pointwise1Bn;
    @Activation(RELU) Object relu1;
    @Conv2d(filters = 48, kernel = 3, padding = 1, groups = 48, bias = false) Object depthwise;
    @BatchNorm Object depthwiseBn;
    @Conv2d(filters = 48, kernel = 1, bias = false) Object pointwise2;
    @BatchNorm Object pointwise2Bn;
    @Activation(RELU) Object relu2;
  }

  /** Stage 4's first unit, left branch: depthwise 3 x 3 of stride 2, then 1 x 1 to 96 channels. */
  @Concat.Branch
  static class Down4Left {
    @Conv2d(filters = 96, kernel = 3, stride = 2, padding = 1, groups = 96, bias = false) Object depthwise;
    @BatchNorm Object depthwiseBn;
    @Conv2d(filters = 96, kernel = 1, bias = false) Object pointwise;
    @BatchNorm Object pointwiseBn;
    @Activation(RELU) Object relu;
  }

  /** Stage 4's first unit, right branch: 1 x 1, depthwise 3 x 3 of stride 2, 1 x 1, to 96 channels. */
  @Concat.Branch
  static class Down4Right {
    @Conv2d(filters = 96, kernel = 1, bias = false) Object pointwise1;
    @BatchNorm Object pointwise1Bn;
    @Activation(RELU) Object relu1;
    @Conv2d(filters = 96, kernel = 3, stride = 2, padding = 1, groups = 96, bias = false) Object depthwise;
    @BatchNorm Object depthwiseBn;
    @Conv2d(filters = 96, kernel = 1, bias = false) Object pointwise2;
    @BatchNorm Object pointwise2Bn;
    @Activation(RELU) Object relu2;
  }

  /** A unit of stride 1 on 192 channels: the second half, convolved. */
  @Concat.Branch
  static class Unit192 {
    @Chunk(chunks = 2, part = 1) Object second;
    @Conv2d(filters = 96, kernel = 1, bias = false) Object pointwise1;
    @BatchNorm Object pointwise1Bn;
    @Activation(RELU) Object relu1;
    @Conv2d(filters = 96, kernel = 3, padding = 1, groups = 96, bias = false) Object depthwise;
    @BatchNorm Object depthwiseBn;
    @Conv2d(filters = 96, kernel = 1, bias = false) Object pointwise2;
    @BatchNorm Object pointwise2Bn;
    @Activation(RELU) Object relu2;
  }
}
