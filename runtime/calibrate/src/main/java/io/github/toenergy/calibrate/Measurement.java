package io.github.toenergy.calibrate;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.energy.Workload;
import io.github.toenergy.model.Network;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One measured energy: a network run in a phase, how much of it, and the joules it took.
 *
 * @param network the network, in the runtime model
 * @param phase inference (forward passes) or training (optimizer steps)
 * @param batch nominal samples per batch
 * @param batches batches of a whole run, whose fixed per-run overhead is in the joules; 0 for one
 *     batch (a step) without per-run overhead, as in {@link Workload}
 * @param samples samples processed in the whole measurement; {@code batch * steps} unless the last
 *     batch of an epoch is partial (e.g. 50,000 images in batches of 8,192) or the value is a
 *     per-batch mean over such an epoch
 * @param joules measured energy, positive
 * @param group what the measurement belongs to for leave-one-group-out validation: the network
 *     (e.g. {@code alexnet}, whose isolated layers belong to it too) or the single-layer config
 * @param generation the prefill or decode workload measured (prompt, tokens, GPUs, precision), whose
 *     {@code samples} are the sequences of its batch; null for inference and training
 */
public record Measurement(Network network, Phase phase, int batch, long batches, double samples, double joules,
    String group, @Nullable Workload generation) {

  public Measurement {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(group, "group");
    if (batch <= 0) {
      throw new IllegalArgumentException("batch must be positive, got " + batch);
    }
    if (batches < 0) {
      throw new IllegalArgumentException("batches must not be negative, got " + batches);
    }
    if (!(samples > 0) || !Double.isFinite(samples)) {
      throw new IllegalArgumentException("samples must be positive and finite, got " + samples);
    }
    if (!(joules > 0) || !Double.isFinite(joules)) {
      throw new IllegalArgumentException("joules must be positive and finite, got " + joules);
    }
    if (phase.generation() != (generation != null)
        || generation != null && (generation.phase() != phase || generation.batch() != batch || batches != 0)) {
      throw new IllegalArgumentException("a prefill or decode measurement needs its generation workload, of its"
          + " phase and batch and without batches; inference and training none");
    }
  }

  /** A measurement of inference or training. */
  public Measurement(Network network, Phase phase, int batch, long batches, double samples, double joules,
      String group) {
    this(network, phase, batch, batches, samples, joules, group, null);
  }

  /**
   * A measured generation {@code workload} (prefill or decode) of {@code sequences} sequences decoded
   * together: the mean batch a server ran, which need not be whole ({@code workload.batch()} is it rounded).
   */
  public static Measurement generation(Network network, Workload workload, double sequences, double joules,
      String group) {
    return new Measurement(network, workload.phase(), workload.batch(), 0, sequences, joules, group, workload);
  }

  /** A measurement of {@code batch * steps} samples, grouped by the network's name. */
  public static Measurement of(Network network, Phase phase, int batch, long batches, double joules) {
    return of(network, phase, batch, batches, joules, network.name());
  }

  /** A measurement of {@code batch * steps} samples. */
  public static Measurement of(Network network, Phase phase, int batch, long batches, double joules, String group) {
    return new Measurement(network, phase, batch, batches, (double) batch * (batches > 0 ? batches : 1), joules, group);
  }

  /** Steps (batches) the per-step cost is paid for: {@code batches}, or 1 for a single step. */
  public long steps() {
    return batches > 0 ? batches : 1;
  }

  /** True for a whole run that includes the fixed per-run overhead. */
  public boolean isRun() {
    return batches > 0;
  }

  /** The nominal workload, as {@code estimate} would be asked for it. */
  public Workload workload() {
    return generation != null ? generation : new Workload(phase, batch, batches);
  }
}
