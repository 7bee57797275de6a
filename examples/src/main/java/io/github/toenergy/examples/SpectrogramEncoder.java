package io.github.toenergy.examples;

import static io.github.toenergy.annotations.ActivationFunction.HARDTANH;

import io.github.toenergy.annotations.Activation;
import io.github.toenergy.annotations.BatchNorm;
import io.github.toenergy.annotations.Columns;
import io.github.toenergy.annotations.Conv2d;
import io.github.toenergy.annotations.Dense;
import io.github.toenergy.annotations.Lstm;
import io.github.toenergy.annotations.Network;

/**
 * DeepSpeech2's shape on one second of audio: a spectrogram of 161 frequency bins by 100 frames (an image
 * of one channel), a strided convolution over frequency and time, then {@code @Columns} turns each of
 * the 50 time steps into one position of 32 x 81 features for a bidirectional LSTM, and a per-step
 * classifier over 29 characters; {@code HARDTANH} is its Hardtanh(0, 20), a clamp.
 */
@Network(input = {1, 161, 100}, name = "spectrogram-encoder")
public class SpectrogramEncoder {
  @Conv2d(filters = 32, kernelSize = {41, 11}, stride = 2, paddingSize = {20, 5})
  Object conv;

  @BatchNorm
  Object norm;

  @Activation(HARDTANH)
  Object clamp;

  @Columns
  Object steps;

  @Lstm(hidden = 256, bidirectional = true)
  Object lstm;

  @Dense(units = 29)
  Object characters;
}
