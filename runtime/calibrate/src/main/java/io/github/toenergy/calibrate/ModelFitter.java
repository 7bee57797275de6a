package io.github.toenergy.calibrate;

import io.github.toenergy.energy.EnergyModel;
import io.github.toenergy.energy.Feature;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits a {@link Candidate} to a {@link Design}: builds its normal equations, solves them
 * ({@link LeastSquares}) and turns the solution into the runtime's {@link EnergyModel} in original
 * units, with the covariance {@code s^2 (Z'Z)^-1} its intervals come from.
 */
final class ModelFitter {
  private ModelFitter() {}

  /** Fits {@code c} to every row of {@code design}. @throws CalibrationException when it cannot */
  static Calibrator.Fit fit(Design design, Candidate c) {
    check(c);
    int n = design.n;
    int[] cols = Design.columns(c);
    double[] scale = design.scales(c, cols);
    NormalEquations all = new NormalEquations(cols.length);
    double[] z = new double[cols.length];
    double[] y = new double[1];
    for (int i = 0; i < n; i++) {
      design.row(c, cols, scale, i, z, y);
      all.add(z, y[0]);
    }
    LeastSquares.Solution sol = LeastSquares.solve(c, all);
    // the residual sum of squares once more, row by row, for accuracy
    double rss = 0;
    for (int i = 0; i < n; i++) {
      design.row(c, cols, scale, i, z, y);
      double fitted = 0;
      for (int j = 0; j < cols.length; j++) fitted += sol.beta()[j] * z[j];
      rss += (y[0] - fitted) * (y[0] - fitted);
    }
    EnergyModel model = model(design, c, sol, scale, rss);
    double[] lnE = new double[n];
    double[] lnP = new double[n];
    for (int i = 0; i < n; i++) {
      lnE[i] = StrictMath.log(design.joules[i]);
      lnP[i] = StrictMath.log(Math.max(model.predict(design.featuresOf(model, i), design.steps[i]).joules(),
          Double.MIN_NORMAL));
    }
    return new Calibrator.Fit(c, model, sol.removed(), Stats.r2(lnE, lnP), n);
  }

  /** Refuses a candidate the model forms cannot express. */
  static void check(Candidate c) {
    if (c.form() == EnergyModel.Form.LOG_LOG) {
      for (Feature f : c.features()) {
        if (f == Feature.RUN || f == Feature.STEPS || f.runOnly()) {
          throw new CalibrationException(c.name() + ": a log-log model takes per-step features only, not " + f.key());
        }
      }
    }
  }

  /**
   * The runtime model of a solution, in original units.
   *
   * @param rssOverride the residual sum of squares to use, NaN for the solution's own
   */
  static EnergyModel model(Design design, Candidate c, LeastSquares.Solution sol, double[] scale, double rssOverride) {
    boolean log = c.form() == EnergyModel.Form.LOG_LOG;
    int[] idx = LeastSquares.indices(sol.active());
    if (log && (idx.length == 0 || idx[0] != 0)) {
      throw new CalibrationException(c.name() + ": the log-log intercept cannot be estimated");
    }
    double s2 = (Double.isNaN(rssOverride) ? sol.rss() : rssOverride) / sol.dof();
    double[] coef = new double[idx.length];
    double[][] cov = new double[idx.length][idx.length];
    List<Feature> features = new ArrayList<>();
    for (int a = 0; a < idx.length; a++) {
      coef[a] = sol.beta()[idx[a]] / scale[idx[a]];
      for (int b = 0; b < idx.length; b++) {
        cov[a][b] = s2 * sol.inverse()[idx[a]][idx[b]] / (scale[idx[a]] * scale[idx[b]]);
      }
      int f = log ? idx[a] - 1 : idx[a];
      if (f >= 0) features.add(c.features().get(f));
    }
    return new EnergyModel(c.form(), features, coef, cov, s2, sol.dof(), StudentT.quantile(sol.dof()), design.minTos,
        design.maxTos);
  }
}
