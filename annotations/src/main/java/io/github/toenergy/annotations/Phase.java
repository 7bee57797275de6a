package io.github.toenergy.annotations;

/** What one step of a workload does. */
public enum Phase {
  /** One forward pass. */
  INFERENCE,
  /** One optimizer step: forward pass, backward pass (inputs and weights), SGD-style update. */
  TRAINING,
  /**
   * Generation, first phase: a decoder's forward pass over the whole prompt at once, writing the
   * prompt's keys and values into the key/value cache.
   */
  PREFILL,
  /**
   * Generation, second phase: one new token per sequence per step, each attending over the context
   * so far by reading the key/value cache; estimates are per generated token too.
   */
  DECODE;

  /** Whether this is a generation phase (prefill or decode), whose workload has prompt and token lengths. */
  public boolean generation() {
    return this == PREFILL || this == DECODE;
  }
}
