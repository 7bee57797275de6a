package io.github.toenergy.energy;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.model.Format;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What is run: a phase, a batch size and, for a whole run, the number of batches; for generation
 * (prefill and decode) also the prompt length, the generated tokens, the GPUs of the replica and the
 * number format of weights, activations and key/value cache.
 *
 * <p>Generation counts a decoder's sequence from these lengths, not from the network's own input
 * length: {@link #prefill} runs the {@code prompt} positions at once; {@link #decode} runs
 * {@code tokens} steps of one position per sequence, step {@code i} (from 0) attending over the
 * {@code prompt + i + 1} positions in the cache (the prompt, the {@code i} tokens before it, itself).
 *
 * @param phase inference (one forward pass per batch), training (one optimizer step per batch),
 *     prefill or decode (one batch of {@code batch} sequences)
 * @param batch samples per batch, or sequences prefilled or decoded together, positive
 * @param batches batches in a whole run; 0 for one batch without per-run overhead
 * @param prompt prompt positions per sequence (generation); 0 for inference and training
 * @param tokens tokens generated per sequence (decode); 0 otherwise
 * @param gpus GPUs the replica runs on (generation), positive; 1 otherwise
 * @param precision the number format counted in place of the network's own, or null for the network's
 */
public record Workload(Phase phase, int batch, long batches, int prompt, int tokens, int gpus,
    @Nullable Format precision) {
  public Workload {
    Objects.requireNonNull(phase, "phase");
    if (batch <= 0) {
      throw new IllegalArgumentException("batch must be positive, got " + batch);
    }
    if (batches < 0) {
      throw new IllegalArgumentException("batches must not be negative, got " + batches);
    }
    if (gpus <= 0) {
      throw new IllegalArgumentException("gpus must be positive, got " + gpus);
    }
    if (phase.generation()) {
      if (batches != 0) {
        throw new IllegalArgumentException("batches must be 0 for " + phase + ", got " + batches);
      }
      if (prompt <= 0) {
        throw new IllegalArgumentException("prompt must be positive, got " + prompt);
      }
      if (phase == Phase.DECODE ? tokens <= 0 : tokens != 0) {
        throw new IllegalArgumentException("tokens must be " + (phase == Phase.DECODE ? "positive" : "0 for prefill")
            + ", got " + tokens);
      }
    } else if (prompt != 0 || tokens != 0 || gpus != 1 || precision != null) {
      throw new IllegalArgumentException("prompt, tokens, gpus and precision are for prefill and decode");
    }
  }

  /** A workload of inference or training, without generation lengths. */
  public Workload(Phase phase, int batch, long batches) {
    this(phase, batch, batches, 0, 0, 1, null);
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

  /** The prefill of {@code batch} sequences of {@code prompt} positions each, on one GPU, in the network's format. */
  public static Workload prefill(int batch, int prompt) {
    return new Workload(Phase.PREFILL, batch, 0, prompt, 0, 1, null);
  }

  /**
   * The decode of {@code tokens} tokens for each of {@code batch} sequences decoded together after a
   * prompt of {@code prompt} positions, on one GPU, in the network's format.
   */
  public static Workload decode(int batch, int prompt, int tokens) {
    return new Workload(Phase.DECODE, batch, 0, prompt, tokens, 1, null);
  }

  /** This generation workload on a replica of {@code gpus} GPUs. */
  public Workload withGpus(int gpus) {
    return new Workload(phase, batch, batches, prompt, tokens, gpus, precision);
  }

  /** This generation workload counted in {@code precision} instead of the network's format. */
  public Workload withPrecision(Format precision) {
    return new Workload(phase, batch, batches, prompt, tokens, gpus, Objects.requireNonNull(precision, "precision"));
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
