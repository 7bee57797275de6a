package io.github.toenergy.examples;

import static io.github.toenergy.annotations.ActivationFunction.RELU;
import static io.github.toenergy.annotations.ActivationFunction.SOFTMAX;

import io.github.toenergy.annotations.Activation;
import io.github.toenergy.annotations.Dense;
import io.github.toenergy.annotations.Network;

/**
 * The smallest useful MNIST classifier, {@code input(784) dense(128) relu dense(10) softmax}: a
 * flat 28 x 28 image, one hidden layer of 128 units. 101,632 MACs and 101,770 parameters.
 */
@Network(input = 784, name = "mnist-mlp")
public class MnistMlp {
  @Dense(units = 128)
  @Activation(RELU)
  Object hidden;

  @Dense(units = 10)
  @Activation(SOFTMAX)
  Object output;
}
