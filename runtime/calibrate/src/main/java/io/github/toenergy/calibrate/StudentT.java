package io.github.toenergy.calibrate;

import io.github.toenergy.energy.EnergyModel;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The Student-t quantile an additive prediction interval needs. It is computed when a model is fitted
 * and stored in the profile ({@code model.tQuantile}), so that the runtime needs no statistics library.
 */
final class StudentT {
  /** Inverting the t distribution costs far more than a prediction, and validation refits ask often. */
  private static final ConcurrentHashMap<Integer, Double> QUANTILES = new ConcurrentHashMap<>();

  private StudentT() {}

  /** The two-sided {@link EnergyModel#CONFIDENCE} quantile, {@code t(0.5 + CONFIDENCE / 2; dof)}. */
  static double quantile(int degreesOfFreedom) {
    return QUANTILES.computeIfAbsent(degreesOfFreedom, dof ->
        // no random generator: the distribution is only asked for a quantile, and seeding the default one
        // (a Well19937c) would cost more than the rest of a fit's validation refit
        new TDistribution(null, dof, TDistribution.DEFAULT_INVERSE_ABSOLUTE_ACCURACY)
            .inverseCumulativeProbability(0.5 + EnergyModel.CONFIDENCE / 2));
  }
}
