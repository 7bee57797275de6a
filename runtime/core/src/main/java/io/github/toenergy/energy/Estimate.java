package io.github.toenergy.energy;

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
  private final long tos;
  private final long macs;
  private final boolean outsideFittedRange;
  private final boolean calibrated;
  private final Supplier<List<LayerEstimate>> layerSource;
  private volatile List<LayerEstimate> layers;

  Estimate(String profile, Workload workload, EnergyModel.Prediction prediction, long tos, long macs,
      boolean outsideFittedRange, boolean calibrated, Supplier<List<LayerEstimate>> layers) {
    this.profile = profile;
    this.workload = workload;
    this.joules = prediction.joules();
    this.low = prediction.low();
    this.high = prediction.high();
    this.tos = tos;
    this.macs = macs;
    this.outsideFittedRange = outsideFittedRange;
    this.calibrated = calibrated;
    this.layerSource = layers;
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

  /** Transistor operations of the whole workload. */
  public long tos() {
    return tos;
  }

  /** Multiply-accumulates of the whole workload. */
  public long macs() {
    return macs;
  }

  /** True when the workload lies outside the range the profile was fitted on: trust it less. */
  public boolean outsideFittedRange() {
    return outsideFittedRange;
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
        outsideFittedRange ? " (outside fitted range)" : "");
  }
}
