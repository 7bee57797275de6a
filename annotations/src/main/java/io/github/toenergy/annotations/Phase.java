package io.github.toenergy.annotations;

/** What one step of a workload does. */
public enum Phase {
  /** One forward pass. */
  INFERENCE,
  /** One optimizer step: forward pass, backward pass (inputs and weights), SGD-style update. */
  TRAINING
}
