package io.github.toenergy.examples;

import static io.github.toenergy.annotations.ActivationFunction.SOFTMAX;
import static io.github.toenergy.annotations.ActivationFunction.TANH;

import io.github.toenergy.annotations.Activation;
import io.github.toenergy.annotations.AvgPool2d;
import io.github.toenergy.annotations.Conv2d;
import io.github.toenergy.annotations.Dense;
import io.github.toenergy.annotations.EnergyBudget;
import io.github.toenergy.annotations.Flatten;
import io.github.toenergy.annotations.Network;

/**
 * LeNet-5 (LeCun et al., 1998) in its common modern form: a 1 x 32 x 32 input, two 5 x 5
 * convolutions with tanh, 2 x 2 average pooling (the paper's "subsampling" without its trained
 * coefficients), and three dense layers. 416,520 MACs and 61,706 parameters.
 *
 * <p>This example also carries an energy budget: compilation fails if one inference on the Xeon
 * Gold 5120 profile is predicted to cost more than 1 J. It passes by a wide margin (on that
 * machine a small PyTorch layer alone costs a few millijoules per pass); see
 * {@code docs/examples.md} for the error an over-budget network gets.
 */
@Network(input = {1, 32, 32}, name = "lenet5")
@EnergyBudget(joules = 1.0, profile = "xeon-gold-5120", batch = 1)
public class LeNet5 {
  @Conv2d(filters = 6, kernel = 5)
  @Activation(TANH)
  Object c1;

  @AvgPool2d(kernel = 2)
  Object s2;

  @Conv2d(filters = 16, kernel = 5)
  @Activation(TANH)
  Object c3;

  @AvgPool2d(kernel = 2)
  Object s4;

  @Flatten
  Object flatten;

  @Dense(units = 120)
  @Activation(TANH)
  Object c5;

  @Dense(units = 84)
  @Activation(TANH)
  Object f6;

  @Dense(units = 10)
  @Activation(SOFTMAX)
  Object output;
}
