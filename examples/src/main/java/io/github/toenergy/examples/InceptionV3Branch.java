package io.github.toenergy.examples;

import static io.github.toenergy.annotations.ActivationFunction.RELU;

import io.github.toenergy.annotations.Activation;
import io.github.toenergy.annotations.BatchNorm;
import io.github.toenergy.annotations.Conv2d;
import io.github.toenergy.annotations.Network;

/**
 * The double 7 x 7 branch of torchvision's Inception-v3 block Mixed_6b, on its 768 x 17 x 17
 * input: each 7 x 7 convolution factorised into a 7 x 1 and a 1 x 7 one, padded so that the
 * 17 x 17 grid stays. A size the same on both sides is one number ({@code kernel = 1}); a
 * non-square one is the {@code ...Size} array {@code {height, width}}. 177,561,600 MACs and 615,808
 * parameters, as PyTorch counts them (scripts/torch-geometry-check.py).
 */
@Network(input = {768, 17, 17}, name = "inception_v3_mixed_6b_7x7dbl")
public class InceptionV3Branch {
  @Conv2d(filters = 128, kernel = 1, bias = false)
  Object conv1;

  @BatchNorm
  Object bn1;

  @Activation(RELU)
  Object relu1;

  @Conv2d(filters = 128, kernelSize = {7, 1}, paddingSize = {3, 0}, bias = false)
  Object conv2;

  @BatchNorm
  Object bn2;

  @Activation(RELU)
  Object relu2;

  @Conv2d(filters = 128, kernelSize = {1, 7}, paddingSize = {0, 3}, bias = false)
  Object conv3;

  @BatchNorm
  Object bn3;

  @Activation(RELU)
  Object relu3;

  @Conv2d(filters = 128, kernelSize = {7, 1}, paddingSize = {3, 0}, bias = false)
  Object conv4;

  @BatchNorm
  Object bn4;

  @Activation(RELU)
  Object relu4;

  @Conv2d(filters = 192, kernelSize = {1, 7}, paddingSize = {0, 3}, bias = false)
  Object conv5;

  @BatchNorm
  Object bn5;

  @Activation(RELU)
  Object relu5;
}
