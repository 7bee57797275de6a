package io.github.toenergy.examples;

import static io.github.toenergy.annotations.ActivationFunction.RELU;

import io.github.toenergy.annotations.Activation;
import io.github.toenergy.annotations.BatchNorm;
import io.github.toenergy.annotations.Conv2d;
import io.github.toenergy.annotations.MaxPool2d;
import io.github.toenergy.annotations.Network;

/**
 * The stem of torchvision's GoogLeNet (conv1 to maxpool2): its pools round up ({@code
 * ceil_mode=True}), so 112 becomes 56 and 56 becomes 28 where floor mode gives 55 and 27.
 * 477,675,520 MACs and 124,736 parameters, as PyTorch counts them (scripts/torch-geometry-check.py).
 */
@Network(input = {3, 224, 224}, name = "googlenet_stem")
public class GoogLeNetStem {
  @Conv2d(filters = 64, kernel = 7, stride = 2, padding = 3, bias = false)
  Object conv1;

  @BatchNorm
  Object bn1;

  @Activation(RELU)
  Object relu1;

  @MaxPool2d(kernel = 3, stride = 2, ceil = true)
  Object maxpool1;

  @Conv2d(filters = 64, kernel = 1, bias = false)
  Object conv2;

  @BatchNorm
  Object bn2;

  @Activation(RELU)
  Object relu2;

  @Conv2d(filters = 192, kernel = 3, padding = 1, bias = false)
  Object conv3;

  @BatchNorm
  Object bn3;

  @Activation(RELU)
  Object relu3;

  @MaxPool2d(kernel = 3, stride = 2, ceil = true)
  Object maxpool2;
}
