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
 * VGG-16 (configuration "D" of Simonyan and Zisserman 2014) as {@code torchvision.models.vgg16}:
 * thirteen 3 x 3 convolutions in five stages, three dense layers, logits out.
 * 15,470,264,320 MACs and 138,357,544 parameters.
 */
@Network(input = {3, 224, 224}, name = "vgg16")
public class Vgg16 {
  @Conv2d(filters = 64, kernel = 3, padding = 1) @Activation(RELU) Object conv1a;
  @Conv2d(filters = 64, kernel = 3, padding = 1) @Activation(RELU) Object conv1b;
  @MaxPool2d(kernel = 2, stride = 2) Object pool1;
  @Conv2d(filters = 128, kernel = 3, padding = 1) @Activation(RELU) Object conv2a;
  @Conv2d(filters = 128, kernel = 3, padding = 1) @Activation(RELU) Object conv2b;
  @MaxPool2d(kernel = 2, stride = 2) Object pool2;
  @Conv2d(filters = 256, kernel = 3, padding = 1) @Activation(RELU) Object conv3a;
  @Conv2d(filters = 256, kernel = 3, padding = 1) @Activation(RELU) Object conv3b;
  @Conv2d(filters = 256, kernel = 3, padding = 1) @Activation(RELU) Object conv3c;
  @MaxPool2d(kernel = 2, stride = 2) Object pool3;
  @Conv2d(filters = 512, kernel = 3, padding = 1) @Activation(RELU) Object conv4a;
  @Conv2d(filters = 512, kernel = 3, padding = 1) @Activation(RELU) Object conv4b;
  @Conv2d(filters = 512, kernel = 3, padding = 1) @Activation(RELU) Object conv4c;
  @MaxPool2d(kernel = 2, stride = 2) Object pool4;
  @Conv2d(filters = 512, kernel = 3, padding = 1) @Activation(RELU) Object conv5a;
  @Conv2d(filters = 512, kernel = 3, padding = 1) @Activation(RELU) Object conv5b;
  @Conv2d(filters = 512, kernel = 3, padding = 1) @Activation(RELU) Object conv5c;
  @MaxPool2d(kernel = 2, stride = 2) Object pool5;
  @AdaptiveAvgPool2d(output = 7) Object avgpool;
  @Flatten Object flatten;

  @Dense(units = 4096) @Activation(RELU) Object fc6;
  @Dropout Object drop6;
  @Dense(units = 4096) @Activation(RELU) Object fc7;
  @Dropout Object drop7;
  @Dense(units = 1000) Object fc8;
}
