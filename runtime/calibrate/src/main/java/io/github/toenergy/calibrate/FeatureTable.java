package io.github.toenergy.calibrate;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.ArithmeticModel;
import io.github.toenergy.cost.LayerCost;
import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.energy.Estimator;
import io.github.toenergy.energy.Feature;
import io.github.toenergy.energy.Workload;
import io.github.toenergy.model.Format;
import io.github.toenergy.model.Network;

/**
 * Every {@link Feature} of one network in one phase, split into a per-sample and a per-step part,
 * summed over layers exactly as {@link io.github.toenergy.energy.Estimator} does, so that a model
 * fitted on these values predicts through the runtime's estimator unchanged.
 */
final class FeatureTable {
  static final Feature[] ALL = Feature.values();

  private final double[] perSample = new double[ALL.length];
  private final double[] perStep = new double[ALL.length];
  private final NetworkCost cost;

  FeatureTable(Network network, Phase phase, ArithmeticModel arithmetic) {
    this(network, new Workload(phase, 1, 0), arithmetic);
  }

  /** The table of {@code workload}: its phase, a generation counted at its prompt, tokens and precision on its GPUs. */
  FeatureTable(Network network, Workload workload, ArithmeticModel arithmetic) {
    this(count(network, workload), arithmetic, workload.gpus());
  }

  private static NetworkCost count(Network network, Workload workload) {
    Phase phase = workload.phase();
    try {
      return phase.generation() ? Estimator.generationCost(network, workload) : NetworkCost.of(network, phase);
    } catch (ArithmeticException e) {
      throw new CalibrationException(phase.name().toLowerCase(java.util.Locale.ROOT) + ", " + e.getMessage());
    }
  }

  /**
   * The features of a counted table, a generation's ({@code NetworkCost.generation}) included, on a
   * replica of {@code gpus} GPUs: the network-level features as {@link io.github.toenergy.energy.Estimator}
   * sets them ({@code tokens} per sequence, {@code gpu_steps} per batch).
   */
  FeatureTable(NetworkCost cost, ArithmeticModel arithmetic, int gpus) {
    this.cost = cost;
    Phase phase = cost.phase();
    Format format = cost.format();
    for (LayerCost layer : cost.layers()) {
      for (Feature f : ALL) {
        double step;
        double sample;
        try {
          step = featureAt(f, layer, 0, arithmetic, format);
          sample = featureAt(f, layer, 1, arithmetic, format);
        } catch (ArithmeticException e) {
          throw new CalibrationException(phase.name().toLowerCase(java.util.Locale.ROOT) + ", layer " + layer.name()
              + " (" + io.github.toenergy.text.InputText.excerpt(layer.notation()) + "): its " + f.key()
              + " of one sample exceed 2^63-1 (9.2e18), more than any measurement can hold");
        }
        perStep[f.ordinal()] += step;
        perSample[f.ordinal()] += sample - step;
      }
    }
    for (Feature f : ALL) { // steps, layers, tokens and GPUs, as the estimator sets them
      double step = f.ofNetwork(cost, gpus, 0);
      perStep[f.ordinal()] += step;
      perSample[f.ordinal()] += f.ofNetwork(cost, gpus, 1) - step;
    }
  }

  private static double featureAt(Feature f, LayerCost layer, long batch, ArithmeticModel arithmetic, Format format) {
    return f.ofLayer(layer, arithmetic, format, batch);
  }

  /**
   * Feature {@code f} of a workload of {@code samples} samples in {@code steps} steps; RUN is 1 for a whole run;
   * ROUTED_WEIGHT_BYTES, not linear in the batch, at {@code samples / steps} (a measured mean batch).
   */
  double value(Feature f, double samples, long steps, boolean run) {
    if (f == Feature.RUN) {
      return run ? 1 : 0;
    }
    if (f.runOnly() && !run) {
      return 0;
    }
    if (f == Feature.ROUTED_WEIGHT_BYTES) {
      return cost.routedWeightBytes(samples / steps) * steps;
    }
    return perSample[f.ordinal()] * samples + perStep[f.ordinal()] * steps;
  }

  /** TOs of one step of {@code samplesPerStep} samples: what a profile's fitted range is stated in. */
  double tosPerStep(double samplesPerStep) {
    return perSample[Feature.TOS.ordinal()] * samplesPerStep + perStep[Feature.TOS.ordinal()];
  }
}
