package io.github.toenergy.examples;

import static io.github.toenergy.annotations.ActivationFunction.RELU;

import io.github.toenergy.annotations.Activation;
import io.github.toenergy.annotations.Conv1d;
import io.github.toenergy.annotations.Dense;
import io.github.toenergy.annotations.Network;

/**
 * A speech recogniser's convolutional front end on 200 frames of 80 mel features (a sequence input,
 * {@code {length, features}}): a 1-D convolution over time, a strided one that halves the frame
 * rate, and a per-frame classifier over 29 characters (as DeepSpeech's output layer).
 */
@Network(input = {200, 80}, name = "speech-front-end")
public class SpeechFrontEnd {
  @Conv1d(filters = 256, kernel = 5, padding = 2)
  Object conv1;

  @Activation(RELU)
  Object relu1;

  @Conv1d(filters = 256, kernel = 3, stride = 2, padding = 1)
  Object conv2;

  @Dense(units = 29)
  Object characters;
}
