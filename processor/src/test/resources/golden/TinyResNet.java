package com.example;

import io.github.toenergy.annotations.*;
import static io.github.toenergy.annotations.ActivationFunction.*;

/** A small CNN with one residual block: the network of the golden generated source. */
@Network(input = {1, 8, 8}, profiles = "test-cpu")
public class TinyResNet {
  @Conv2d(filters = 4, kernel = 3, padding = 1) @Activation(RELU) Object stem;
  @Residual(after = RELU) Block block;
  @MaxPool2d(kernel = 2) Object pool;
  @Flatten Object flatten;
  @Dense(units = 10) @Activation(SOFTMAX) Object classifier;

  @Residual.Block
  static class Block {
    @Conv2d(filters = 4, kernel = 3, padding = 1, bias = false) Object conv;
    @BatchNorm Object norm;
  }
}
