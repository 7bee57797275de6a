package io.github.toenergy.examples;

import static io.github.toenergy.annotations.ActivationFunction.RELU;

import io.github.toenergy.annotations.Activation;
import io.github.toenergy.annotations.AdaptiveAvgPool2d;
import io.github.toenergy.annotations.Conv2d;
import io.github.toenergy.annotations.Dense;
import io.github.toenergy.annotations.Dropout;
import io.github.toenergy.annotations.Flatten;
import io.github.toenergy.annotations.MaxPool2d;
import io.github.toenergy.annotations.Network;

/**
 * AlexNet as torchvision defines it ({@code torchvision.models.alexnet}, the one-GPU variant of
 * Krizhevsky et al. 2012 with 64/192/384/256/256 filters). Its output is the 1000 logits, as in
 * torchvision; no softmax. 714,188,480 MACs and 61,100,840 parameters.
 */
@Network(input = {3, 224, 224}, name = "alexnet")
public class AlexNet {
  // features
  @Conv2d(filters = 64, kernel = 11, stride = 4, padding = 2) @Activation(RELU) Object conv1;
  @MaxPool2d(kernel = 3, stride = 2) Object pool1;
  @Conv2d(filters = 192, kernel = 5, padding = 2) @Activation(RELU) Object conv2;
  @MaxPool2d(kernel = 3, stride = 2) Object pool2;
  @Conv2d(filters = 384, kernel = 3, padding = 1) @Activation(RELU) Object conv3;
  @Conv2d(filters = 256, kernel = 3, padding = 1) @Activation(RELU) Object conv4;
  @Conv2d(filters = 256, kernel = 3, padding = 1) @Activation(RELU) Object conv5;
  @MaxPool2d(kernel = 3, stride = 2) Object pool5;
  @AdaptiveAvgPool2d(output = 6) Object avgpool;
  @Flatten Object flatten;

  // classifier
  @Dropout Object drop6;
  @Dense(units = 4096) @Activation(RELU) Object fc6;
  @Dropout Object drop7;
  @Dense(units = 4096) @Activation(RELU) Object fc7;
  @Dense(units = 1000) Object fc8;
}
