package io.github.toenergy.examples;

import static io.github.toenergy.annotations.ActivationFunction.GELU;

import io.github.toenergy.annotations.Activation;
import io.github.toenergy.annotations.BatchNorm;
import io.github.toenergy.annotations.Conv2d;
import io.github.toenergy.annotations.LayerScale;
import io.github.toenergy.annotations.Network;
import io.github.toenergy.annotations.Residual;

/**
 * A ConvNeXt-style block with layer scale, at the size of ConvNeXt-T's first stage (96 x 56 x 56):
 * a 7 x 7 depthwise convolution, a normalisation, an inverted bottleneck (1 x 1 to 384, GELU, 1 x 1
 * back to 96) and {@code @LayerScale}, one trained factor per channel, before the input is added
 * back. torchvision's {@code CNBlock} normalises with a layer norm and writes the 1 x 1 convolutions
 * as linear layers over channels; a batch norm has as many parameters and the convolutions the
 * same MACs, so the counts are CNBlock's: 79,296 parameters and 245,962,752 MACs.
 */
@Network(input = {96, 56, 56}, name = "convnext-style-block")
public class ConvNeXtStyleBlock {
  @Residual Block block;

  /** Depthwise 7 x 7, normalisation, inverted bottleneck, layer scale. */
  @Residual.Block
  static class Block {
    @Conv2d(filters = 96, kernel = 7, padding = 3, groups = 96) Object depthwise;
    @BatchNorm Object norm;
    @Conv2d(filters = 384, kernel = 1) @Activation(GELU) Object expand;
    @Conv2d(filters = 96, kernel = 1) Object project;
    @LayerScale Object gamma;
  }
}
