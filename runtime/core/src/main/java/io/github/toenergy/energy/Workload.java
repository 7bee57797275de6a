package io.github.toenergy.energy;

import io.github.toenergy.annotations.Phase;

/**
 * What is run: a phase, a batch size and, for a whole run, the number of batches.
 *
 * @param phase inference (one forward pass per batch) or training (one optimizer step per batch)
 * @param batch samples per batch, positive
 * @param batches batches in a whole run; 0 for one batch without per-run overhead
 */
public record Workload(Phase phase, int batch, long batches) {
  public Workload {
    if (batch <= 0) {
      throw new IllegalArgumentException("batch must be positive, got " + batch);
    }
    if (batches < 0) {
      throw new IllegalArgumentException("batches must not be negative, got " + batches);
    }
  }

  /** One forward pass of {@code batch} samples. */
  public static Workload inference(int batch) {
    return new Workload(Phase.INFERENCE, batch, 0);
  }

  /** One optimizer step on {@code batch} samples. */
  public static Workload trainingStep(int batch) {
    return new Workload(Phase.TRAINING, batch, 0);
  }

  /** A whole training run of {@code batches} steps, per-run overhead included. */
  public static Workload trainingRun(int batch, long batches) {
    return new Workload(Phase.TRAINING, batch, batches);
  }

  /** True when this is a whole run whose fixed overhead is charged. */
  public boolean isRun() {
    return batches > 0;
  }

  /** Steps the per-step features are multiplied by. */
  public long steps() {
    return isRun() ? batches : 1;
  }
}
