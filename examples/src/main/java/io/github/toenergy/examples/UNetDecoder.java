package io.github.toenergy.examples;

import static io.github.toenergy.annotations.ActivationFunction.RELU;

import io.github.toenergy.annotations.Activation;
import io.github.toenergy.annotations.AdaptiveAvgPool2d;
import io.github.toenergy.annotations.Conv2d;
import io.github.toenergy.annotations.ConvTranspose2d;
import io.github.toenergy.annotations.Network;
import io.github.toenergy.annotations.Upsample;
import io.github.toenergy.annotations.UpsampleMode;

/**
 * A U-Net style decoder (without the skip connections) from a 512 x 24 x 32 feature map, a
 * 384 x 512 image at 1/16: two transposed-convolution steps, as U-Net's up-convolutions, then a
 * bilinear and a nearest upsampling, each followed by a 3 x 3 convolution; a 1 x 1 convolution
 * gives two class maps, pooled to a 3 x 4 grid of region scores. Bilinear interpolation is
 * counted as multiplies and adds, nearest as data movement only: neither adds MACs.
 * 8,078,229,504 MACs and 1,467,330 parameters, as PyTorch counts them
 * (scripts/torch-geometry-check.py).
 */
@Network(input = {512, 24, 32}, name = "unet_decoder")
public class UNetDecoder {
  @ConvTranspose2d(filters = 256, kernel = 2, stride = 2)
  Object up1;

  @Conv2d(filters = 256, kernel = 3, padding = 1)
  @Activation(RELU)
  Object conv1;

  @ConvTranspose2d(filters = 128, kernel = 2, stride = 2)
  Object up2;

  @Conv2d(filters = 128, kernel = 3, padding = 1)
  @Activation(RELU)
  Object conv2;

  @Upsample(factor = 2, mode = UpsampleMode.BILINEAR)
  Object up3;

  @Conv2d(filters = 64, kernel = 3, padding = 1)
  @Activation(RELU)
  Object conv3;

  @Upsample(factor = 2)
  Object up4;

  @Conv2d(filters = 2, kernel = 1)
  Object classes;

  @AdaptiveAvgPool2d(outputSize = {3, 4})
  Object regions;
}
