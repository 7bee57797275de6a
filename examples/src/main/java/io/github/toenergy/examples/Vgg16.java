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
import io.github.toenergy.annotations.Repeat;

/**
 * VGG-16 (configuration "D" of Simonyan and Zisserman 2014) as {@code torchvision.models.vgg16}:
 * thirteen 3 x 3 convolutions in five stages, three dense layers, logits out.
 * 15,470,264,320 MACs and 138,357,544 parameters.
 *
 * <p>Each stage's convolutions are one field: {@link Repeat} puts the convolution and its ReLU into
 * the network two or three times (the first of a stage takes the previous stage's channels, the
 * others its own; the annotation is the same).
 */
@Network(input = {3, 224, 224}, name = "vgg16")
public class Vgg16 {
  @Conv2d(filters = 64, kernel = 3, padding = 1) @Activation(RELU) @Repeat(2) Object conv1;
  @MaxPool2d(kernel = 2, stride = 2) Object pool1;
  @Conv2d(filters = 128, kernel = 3, padding = 1) @Activation(RELU) @Repeat(2) Object conv2;
  @MaxPool2d(kernel = 2, stride = 2) Object pool2;
  @Conv2d(filters = 256, kernel = 3, padding = 1) @Activation(RELU) @Repeat(3) Object conv3;
  @MaxPool2d(kernel = 2, stride = 2) Object pool3;
  @Conv2d(filters = 512, kernel = 3, padding = 1) @Activation(RELU) @Repeat(3) Object conv4;
  @MaxPool2d(kernel = 2, stride = 2) Object pool4;
  @Conv2d(filters = 512, kernel = 3, padding = 1) @Activation(RELU) @Repeat(3) Object conv5;
  @MaxPool2d(kernel = 2, stride = 2) Object pool5;
  @AdaptiveAvgPool2d(output = 7) Object avgpool;
  @Flatten Object flatten;

  @Dense(units = 4096) @Activation(RELU) Object fc6;
  @Dropout Object drop6;
  @Dense(units = 4096) @Activation(RELU) Object fc7;
  @Dropout Object drop7;
  @Dense(units = 1000) Object fc8;
}
