package io.github.toenergy.examples;

import io.github.toenergy.annotations.Dense;
import io.github.toenergy.annotations.Lstm;
import io.github.toenergy.annotations.Network;

/**
 * The core of PyTorch's word-language-model example, {@code input(35,128) lstm(256,layers=2)
 * dense(10000)}: 35 tokens (one BPTT window) of 128-dimensional embeddings, a two-layer LSTM of 256
 * units and the decoder to a 10,000-word vocabulary at every position. 3,491,600 parameters
 * ({@code nn.LSTM(128, 256, 2)}: 921,600; {@code nn.Linear(256, 10000)}: 2,570,000) and 121,712,640 MACs.
 */
@Network(input = {35, 128}, name = "word-language-model")
public class WordLanguageModel {
  @Lstm(hidden = 256, layers = 2)
  Object rnn;

  @Dense(units = 10_000)
  Object decoder;
}
