package io.github.toenergy.energy;

import java.util.Arrays;
import java.util.List;

/**
 * A fitted regression from workload features to joules, with what a prediction interval needs.
 *
 * <ul>
 *   <li>{@link Form#LINEAR}: {@code E = sum_i b_i x_i}, fitted by least squares weighted by
 *       {@code 1/E^2} so that relative error is minimised; the residual variance is that of the
 *       relative residual, so a prediction's variance is {@code s^2 E^2 + x' C x}.
 *   <li>{@link Form#LOG_LOG}: the paper's scaling law, {@code ln(E/steps) = b_0 + sum_i b_i
 *       ln(x_i/steps)}; the interval is symmetric in log space.
 * </ul>
 *
 * How the 90% interval is formed:
 *
 * <ul>
 *   <li><b>Multiplicative</b> ({@link #multiplicativeInterval()}; what the shipped profiles use): the
 *       interval is {@code [E / intervalLow, E * intervalHigh]} around the point estimate {@code E},
 *       with both factors {@code >= 1}. A linear model fitted by relative error has residuals
 *       proportional to {@code E}, so its error is a ratio measured/predicted; the calibrator sets the
 *       factors split-conformally, as the 90% quantile of the cross-validated held-out
 *       {@code |ln(measured/predicted)|} (each kind of measurement weighing alike), so that the
 *       interval covers 90% of them. It never reaches 0 while {@code E > 0}.
 *   <li><b>Additive</b> (the default, and every profile without {@code model.interval}): the
 *       half-width from the residual variance and the coefficients' covariance above, multiplied by
 *       {@link #intervalScale()} (1 unless the fit set it), clipped at 0 from below (linear).
 * </ul>
 *
 * Immutable and thread-safe.
 */
public final class EnergyModel {
  /** The two-sided coverage of the intervals every estimate carries. */
  public static final double CONFIDENCE = 0.90;

  /** The model's functional form. */
  public enum Form {
    LINEAR("linear"),
    LOG_LOG("log-log");

    private final String key;

    Form(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }

    public static Form byKey(String key) {
      for (Form f : values()) {
        if (f.key.equals(key)) return f;
      }
      throw new IllegalArgumentException("unknown model form '" + key + "', expected linear or log-log");
    }
  }

  private final Form form;
  private final List<Feature> features;
  private final double[] coefficients;
  private final double[][] covariance;
  private final double residualVariance;
  private final int degreesOfFreedom;
  private final double minTosPerStep;
  private final double maxTosPerStep;
  private final double tQuantile;
  private final double intervalScale;
  /** Factors of a multiplicative interval, NaN for the additive one. */
  private final double intervalLow;
  private final double intervalHigh;

  /** A model whose intervals are not rescaled ({@link #intervalScale()} 1). */
  public EnergyModel(Form form, List<Feature> features, double[] coefficients, double[][] covariance,
      double residualVariance, int degreesOfFreedom, double tQuantile, double minTosPerStep, double maxTosPerStep) {
    this(form, features, coefficients, covariance, residualVariance, degreesOfFreedom, tQuantile, minTosPerStep,
        maxTosPerStep, 1.0);
  }

  /**
   * @param coefficients one per feature (LINEAR) or an intercept then one per feature (LOG_LOG)
   * @param covariance the coefficients' covariance matrix, square, same size
   * @param residualVariance variance of the relative (LINEAR) or log (LOG_LOG) residuals
   * @param degreesOfFreedom rows minus coefficients of the fit, at least 1
   * @param tQuantile the Student-t quantile of {@code 0.5 + CONFIDENCE / 2} at {@code degreesOfFreedom}, computed
   *     when the model is fitted (so that the runtime needs no statistics library); NaN where only a
   *     multiplicative interval is used
   * @param minTosPerStep smallest TOs per step in the fitted data
   * @param maxTosPerStep largest TOs per step in the fitted data
   * @param intervalScale factor on the half-width of every prediction interval (linear) or of its
   *     log (log-log), positive and finite; 1 keeps the interval of the fit's residual variance
   */
  public EnergyModel(Form form, List<Feature> features, double[] coefficients, double[][] covariance,
      double residualVariance, int degreesOfFreedom, double tQuantile, double minTosPerStep, double maxTosPerStep,
      double intervalScale) {
    this(form, features, coefficients, covariance, residualVariance, degreesOfFreedom, tQuantile, minTosPerStep,
        maxTosPerStep, intervalScale, Double.NaN, Double.NaN);
  }

  private EnergyModel(Form form, List<Feature> features, double[] coefficients, double[][] covariance,
      double residualVariance, int degreesOfFreedom, double tQuantile, double minTosPerStep, double maxTosPerStep,
      double intervalScale, double intervalLow, double intervalHigh) {
    this.form = form;
    this.features = List.copyOf(features);
    int n = form == Form.LINEAR ? features.size() : features.size() + 1;
    if (coefficients.length != n) {
      throw new IllegalArgumentException("expected " + n + " coefficients for " + features.size()
          + " features in a " + form.key() + " model, got " + coefficients.length);
    }
    if (covariance.length != n || Arrays.stream(covariance).anyMatch(row -> row.length != n)) {
      throw new IllegalArgumentException("covariance must be " + n + "x" + n);
    }
    if (form == Form.LOG_LOG && features.stream().anyMatch(f -> f == Feature.RUN || f == Feature.STEPS || f.runOnly())) {
      throw new IllegalArgumentException("a log-log model takes per-step features only, not run or steps");
    }
    requireFinite("coefficients", coefficients);
    for (double[] row : covariance) requireFinite("covariance", row);
    requireFinite("residual variance", new double[] {residualVariance, minTosPerStep, maxTosPerStep});
    if (residualVariance < 0 || degreesOfFreedom < 1) {
      throw new IllegalArgumentException("residual variance must be >= 0 and degrees of freedom >= 1");
    }
    this.coefficients = coefficients.clone();
    this.covariance = Arrays.stream(covariance).map(double[]::clone).toArray(double[][]::new);
    this.residualVariance = residualVariance;
    this.degreesOfFreedom = degreesOfFreedom;
    this.minTosPerStep = minTosPerStep;
    this.maxTosPerStep = maxTosPerStep;
    if (!(intervalScale > 0) || !Double.isFinite(intervalScale)) {
      throw new IllegalArgumentException("interval scale must be positive and finite, got " + intervalScale);
    }
    this.intervalScale = intervalScale;
    if (!Double.isNaN(intervalLow) || !Double.isNaN(intervalHigh)) {
      if (!(intervalLow >= 1) || !(intervalHigh >= 1) || !Double.isFinite(intervalLow)
          || !Double.isFinite(intervalHigh)) {
        throw new IllegalArgumentException("multiplicative interval factors must be finite and >= 1, got "
            + intervalLow + " and " + intervalHigh);
      }
    }
    this.intervalLow = intervalLow;
    this.intervalHigh = intervalHigh;
    if (!Double.isNaN(tQuantile) && !(tQuantile > 0 && Double.isFinite(tQuantile))) {
      throw new IllegalArgumentException("the t quantile must be positive and finite (or NaN when unused), got "
          + tQuantile);
    }
    this.tQuantile = tQuantile;
  }

  /** This model with its intervals' half-widths scaled by {@code scale} instead. */
  public EnergyModel withIntervalScale(double scale) {
    return new EnergyModel(form, features, coefficients, covariance, residualVariance, degreesOfFreedom, tQuantile,
        minTosPerStep, maxTosPerStep, scale);
  }

  /**
   * This model with the multiplicative interval {@code [E / low, E * high]} instead of the additive one.
   *
   * @param low factor below the estimate, finite and {@code >= 1}
   * @param high factor above the estimate, finite and {@code >= 1}
   */
  public EnergyModel withMultiplicativeInterval(double low, double high) {
    if (Double.isNaN(low) || Double.isNaN(high)) {
      throw new IllegalArgumentException("multiplicative interval factors must be finite and >= 1, got "
          + low + " and " + high);
    }
    return new EnergyModel(form, features, coefficients, covariance, residualVariance, degreesOfFreedom, tQuantile,
        minTosPerStep, maxTosPerStep, 1.0, low, high);
  }

  private static void requireFinite(String what, double[] values) {
    for (double v : values) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(what + " must be finite, got " + v);
      }
    }
  }

  /** Point estimate and 90% interval for feature values {@code x} (in {@link #features()} order) of a workload of {@code steps} steps. */
  public Prediction predict(double[] x, long steps) {
    return form == Form.LINEAR ? predictLinear(x) : predictLogLog(x, steps);
  }

  private Prediction predictLinear(double[] x) {
    double mean = 0;
    for (int i = 0; i < x.length; i++) {
      mean += coefficients[i] * x[i];
    }
    if (multiplicativeInterval()) {
      double joules = Math.max(mean, 0);
      return new Prediction(joules, joules / intervalLow, joules * intervalHigh);
    }
    double variance = residualVariance * mean * mean + quadratic(x);
    double half = intervalScale * tQuantile * Math.sqrt(Math.max(variance, 0));
    double joules = Math.max(mean, 0);
    return new Prediction(joules, Math.max(mean - half, 0), Math.max(mean + half, 0));
  }

  private Prediction predictLogLog(double[] x, long steps) {
    double[] z = new double[x.length + 1];
    z[0] = 1;
    double log = coefficients[0];
    for (int i = 0; i < x.length; i++) {
      z[i + 1] = Math.log(Math.max(x[i] / steps, Double.MIN_NORMAL));
      log += coefficients[i + 1] * z[i + 1];
    }
    if (multiplicativeInterval()) {
      double joules = steps * Math.exp(log);
      return new Prediction(joules, joules / intervalLow, joules * intervalHigh);
    }
    double half = intervalScale * tQuantile * Math.sqrt(residualVariance + quadratic(z));
    return new Prediction(steps * Math.exp(log), steps * Math.exp(log - half), steps * Math.exp(log + half));
  }

  private double quadratic(double[] z) {
    double q = 0;
    for (int i = 0; i < z.length; i++) {
      double row = 0;
      for (int j = 0; j < z.length; j++) {
        row += covariance[i][j] * z[j];
      }
      q += z[i] * row;
    }
    return q;
  }

  /** Whether {@code tosPerStep} lies outside what the model was fitted on (with 10% slack). */
  public boolean outsideFittedRange(double tosPerStep) {
    return tosPerStep < minTosPerStep / 1.1 || tosPerStep > maxTosPerStep * 1.1;
  }

  public Form form() {
    return form;
  }

  public List<Feature> features() {
    return features;
  }

  public double[] coefficients() {
    return coefficients.clone();
  }

  public double[][] covariance() {
    return Arrays.stream(covariance).map(double[]::clone).toArray(double[][]::new);
  }

  public double residualVariance() {
    return residualVariance;
  }

  /** The factor on every additive interval's half-width (1: the fit's own residual variance alone). */
  public double intervalScale() {
    return intervalScale;
  }

  /** Whether the interval is {@code [E / intervalLow, E * intervalHigh]} rather than additive. */
  public boolean multiplicativeInterval() {
    return !Double.isNaN(intervalLow);
  }

  /** The factor below the estimate of a multiplicative interval; NaN for an additive one. */
  public double intervalLow() {
    return intervalLow;
  }

  /** The factor above the estimate of a multiplicative interval; NaN for an additive one. */
  public double intervalHigh() {
    return intervalHigh;
  }

  public int degreesOfFreedom() {
    return degreesOfFreedom;
  }

  /** The Student-t quantile the additive interval uses, fixed when the model was fitted; NaN when unused. */
  public double tQuantile() {
    return tQuantile;
  }

  public double minTosPerStep() {
    return minTosPerStep;
  }

  public double maxTosPerStep() {
    return maxTosPerStep;
  }

  /** Joules with the bounds of the 90% prediction interval; never negative. */
  public record Prediction(double joules, double low, double high) {}
}
