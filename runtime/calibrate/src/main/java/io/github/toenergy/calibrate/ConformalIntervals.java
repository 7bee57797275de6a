package io.github.toenergy.calibrate;

/**
 * Split-conformal calibration of multiplicative intervals {@code [p/k, p*k]} on held-out ratios
 * measured/predicted: the factor {@code k} whose interval covers 90% of the k-fold held-out ratios
 * (each kind of the calibrating rows alike, {@link ConformalQuantile}) is the one a profile ships; each
 * held-out row's own interval uses the factor computed without its own fold (k-fold) or group
 * (leave-one-group-out), so that no coverage figure is circular.
 */
final class ConformalIntervals {
  private final Design design;
  private final ConformalQuantile quantile;

  /** Calibrates on the ratios of the k-fold held-out predictions {@code crossValidation}. */
  ConformalIntervals(Design design, Calibrator.Validation crossValidation) {
    this.design = design;
    this.quantile = new ConformalQuantile(logRatios(design.joules, crossValidation), design.kindIndex,
        design.intervalRows);
  }

  /** The factor from every calibrating row: what the profile ships. */
  double factor() {
    return factor(quantile.quantile(new int[0]));
  }

  /** The interval factor {@code exp(q)} of a quantile of {@code |ln(E/p)|}; 1 when there is none. */
  static double factor(double q) {
    double k = Math.exp(q);
    return Double.isFinite(k) && k >= 1 ? k : Double.isNaN(q) || q < 0 ? 1 : Double.MAX_VALUE / 4;
  }

  /** {@code |ln(E/p)|} of each held-out measurement; +infinity for a prediction of 0, NaN for none. */
  static double[] logRatios(double[] joules, Calibrator.Validation v) {
    double[] r = new double[joules.length];
    for (int i = 0; i < joules.length; i++) {
      double p = v.predicted()[i];
      r[i] = Double.isNaN(p) ? Double.NaN : p > 0 ? Math.abs(StrictMath.log(joules[i] / p)) : Double.POSITIVE_INFINITY;
    }
    return r;
  }

  /**
   * {@code v} with each part's intervals {@code [p/k, p*k]}, {@code k} computed without that part.
   *
   * @param partOf the part (fold or group) of each row
   */
  Calibrator.Validation rescale(Calibrator.Validation v, int[] partOf, int parts) {
    int[][] rowsOf = design.rowsOfParts(partOf, parts);
    double[] low = v.low().clone();
    double[] high = v.high().clone();
    for (int[] rows : rowsOf) {
      if (rows.length == 0) continue;
      double k = factor(quantile.quantile(rows));
      for (int i : rows) {
        double pred = v.predicted()[i];
        if (Double.isNaN(pred)) continue;
        low[i] = pred / k;
        high[i] = pred * k;
      }
    }
    return Calibrator.Validation.of(design.joules, v.predicted(), low, high);
  }
}
