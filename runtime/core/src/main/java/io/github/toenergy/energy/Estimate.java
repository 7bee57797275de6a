package io.github.toenergy.energy;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.CountOverflowException;
import java.math.BigInteger;
import java.util.List;
import java.util.function.Supplier;

/**
 * A predicted energy: joules with a 90% prediction interval, the exact counts behind it, and a
 * per-layer breakdown (computed when first asked for, so that a plain estimate stays cheap).
 */
public final class Estimate {
  private final String profile;
  private final Workload workload;
  private final double joules;
  private final double low;
  private final double high;
  private final BigInteger tos;
  private final BigInteger macs;
  private final long weightBytes;
  private final long cacheBytes;
  private final boolean outsideFittedRange;
  private final boolean outsideFittedPhase;
  private final boolean calibrated;
  private final Supplier<List<LayerEstimate>> layerSource;
  /** The network and workload, e.g. {@code llama, decode batch 64}, for a count beyond a long. */
  private final Supplier<String> where;
  private volatile List<LayerEstimate> layers;

  Estimate(String profile, Workload workload, EnergyModel.Prediction prediction, BigInteger tos, BigInteger macs,
      long weightBytes, long cacheBytes, boolean outsideFittedSize, boolean outsideFittedPhase, boolean calibrated,
      Supplier<List<LayerEstimate>> layers, Supplier<String> where) {
    this.profile = profile;
    this.workload = workload;
    this.joules = prediction.joules();
    this.low = prediction.low();
    this.high = prediction.high();
    this.tos = tos;
    this.macs = macs;
    this.weightBytes = weightBytes;
    this.cacheBytes = cacheBytes;
    this.outsideFittedRange = outsideFittedSize || outsideFittedPhase;
    this.outsideFittedPhase = outsideFittedPhase;
    this.calibrated = calibrated;
    this.layerSource = layers;
    this.where = where;
  }

  /** Id of the profile that produced this estimate. */
  public String profile() {
    return profile;
  }

  public Workload workload() {
    return workload;
  }

  /** Predicted joules; never negative. */
  public double joules() {
    return joules;
  }

  /** Lower bound of the 90% prediction interval. */
  public double low() {
    return low;
  }

  /** Upper bound of the 90% prediction interval. */
  public double high() {
    return high;
  }

  /**
   * Transistor operations of the whole workload, exact: a prefill or decode of a large model at a serving
   * batch can exceed 2^63-1 (Llama-3.1-70B decoding 64 x 870 tokens in bf16: about 1.8e19).
   */
  public BigInteger tosExact() {
    return tos;
  }

  /** Multiply-accumulates of the whole workload, exact (see {@link #tosExact()}). */
  public BigInteger macsExact() {
    return macs;
  }

  /**
   * {@link #tosExact()} as a long.
   *
   * @throws CountOverflowException naming the network when the total exceeds 2^63-1 (only a prefill or decode
   *     can: an inference or training workload that large is refused by the estimator)
   */
  public long tos() {
    return CountOverflowException.exact(tos, where.get(), "tosExact()");
  }

  /**
   * {@link #macsExact()} as a long.
   *
   * @throws CountOverflowException naming the network when the total exceeds 2^63-1, as {@link #tos()}
   */
  public long macs() {
    return CountOverflowException.exact(macs, where.get(), "macsExact()");
  }

  /** Bytes of weights read from main memory (decode: once per step, shared by the batch). */
  public long weightBytes() {
    return weightBytes;
  }

  /** Bytes of the generation cache (key/value, latent, state) read and written; 0 outside prefill and decode. */
  public long cacheBytes() {
    return cacheBytes;
  }

  /** Whether this estimate has a per-token figure: a generation workload (prefill or decode). */
  public boolean perToken() {
    return workload.phase().generation();
  }

  /**
   * Joules per token: per generated token for decode ({@link #joules()} / (batch x tokens)), per prompt
   * token for prefill ({@link #joules()} / (batch x prompt)).
   *
   * @throws IllegalStateException for inference and training, which have no per-token figure
   */
  public double joulesPerToken() {
    return joules / tokens();
  }

  /** Lower bound of the 90% interval of {@link #joulesPerToken()}. */
  public double joulesPerTokenLow() {
    return low / tokens();
  }

  /** Upper bound of the 90% interval of {@link #joulesPerToken()}. */
  public double joulesPerTokenHigh() {
    return high / tokens();
  }

  private double tokens() {
    if (!perToken()) {
      throw new IllegalStateException("a per-token figure needs a prefill or decode workload, not "
          + workload.phase().name().toLowerCase(java.util.Locale.ROOT));
    }
    // generated tokens of all sequences (decode), or their prompt tokens (prefill)
    return (double) workload.batch() * (workload.phase() == Phase.DECODE ? workload.tokens() : workload.prompt());
  }

  /**
   * True when the workload lies outside what the profile was fitted on, in size (TOs per step) or in
   * phase ({@link #outsideFittedPhase()}): an extrapolation, to be trusted less.
   */
  public boolean outsideFittedRange() {
    return outsideFittedRange;
  }

  /**
   * True when the profile was not measured for the workload's phase, e.g. an inference estimated on a
   * profile fitted on training epochs only: its joules were never compared with a measurement of that phase.
   */
  public boolean outsideFittedPhase() {
    return outsideFittedPhase;
  }

  /**
   * Why this estimate is out of range, for every output to print the same words: empty when it is in
   * range, {@code "outside the fitted range: inference not measured"} when its phase was not measured,
   * otherwise {@code "outside the fitted range"} (its size).
   */
  public String rangeNote() {
    if (outsideFittedPhase) {
      return "outside the fitted range: " + workload.phase().name().toLowerCase(java.util.Locale.ROOT) + " not measured";
    }
    return outsideFittedRange ? "outside the fitted range" : "";
  }

  /** False for a placeholder profile whose coefficients were not fitted to measurements. */
  public boolean calibrated() {
    return calibrated;
  }

  /** Per-layer breakdown; the joules of the layers add up to {@link #joules()}. */
  public List<LayerEstimate> layers() {
    List<LayerEstimate> result = layers;
    if (result == null) {
      result = List.copyOf(layerSource.get());
      layers = result;
    }
    return result;
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "%.6g J [%.6g, %.6g] on %s%s", joules, low, high, profile,
        outsideFittedRange ? " (" + rangeNote() + ")" : "");
  }
}
