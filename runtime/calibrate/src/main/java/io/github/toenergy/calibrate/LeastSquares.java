package io.github.toenergy.calibrate;

import io.github.toenergy.energy.EnergyModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Solves a candidate's {@link NormalEquations}: ordinary least squares for a log-log candidate, and for a
 * linear one non-negative least squares (Lawson-Hanson on the normal equations), so that no price is
 * negative. The system is solved on columns scaled to a unit diagonal with a Commons Math Cholesky
 * decomposition; a (near-)singular system is an error that names the candidate's features.
 */
final class LeastSquares {
  /** Smallest pivot of the unit-diagonal normal matrix before it counts as singular (condition ~1e10). */
  static final double SINGULAR_PIVOT = 1e-10;

  private LeastSquares() {}

  /**
   * A solved problem, in the scaled space of the normal equations.
   *
   * @param beta coefficient per column, 0 for a column out of the model
   * @param active the columns in the model
   * @param rss residual sum of squares
   * @param dof degrees of freedom of the residuals: rows minus active columns
   * @param inverse {@code (Z'Z)^-1} on the active columns, 0 elsewhere
   * @param removed the columns left out and why, for the report
   */
  record Solution(double[] beta, boolean[] active, double rss, int dof, double[][] inverse, List<String> removed) {}

  /**
   * Solves {@code s} for candidate {@code c}. Empty columns are left out. A linear model is fitted under
   * the constraint that every coefficient is {@code >= 0}: when the unconstrained optimum has a negative
   * coefficient, the constrained optimum sets one or more features to exactly 0 and they leave the model.
   *
   * @throws CalibrationException when no column is left, there are too few rows, or the system is singular
   */
  static Solution solve(Candidate c, NormalEquations s) {
    int p = s.columns();
    boolean[] usable = new boolean[p];
    List<String> removed = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      usable[j] = s.g[j][j] > 0;
      if (!usable[j]) removed.add(columnName(c, j) + " (absent from the data)");
    }
    Solution free = unconstrained(c, s, usable, removed);
    if (c.form() != EnergyModel.Form.LINEAR) {
      return free;
    }
    boolean negative = false;
    for (int j = 0; j < p; j++) negative |= usable[j] && free.beta()[j] < 0;
    if (!negative) {
      return free;
    }
    boolean[] passive = new boolean[p];
    double[] beta = new double[p];
    double tolerance = 1e-12 * Math.max(1, s.n);
    for (int iteration = 0; iteration < 10 * p; iteration++) {
      int t = -1;
      double best = tolerance;
      for (int j = 0; j < p; j++) {
        if (!usable[j] || passive[j]) continue;
        double w = s.h[j];
        for (int k = 0; k < p; k++) w -= s.gram(j, k) * beta[k];
        if (w > best) {
          best = w;
          t = j;
        }
      }
      if (t < 0) break;
      passive[t] = true;
      while (true) {
        double[] u = unconstrained(c, s, passive, removed).beta();
        boolean allPositive = true;
        for (int j = 0; j < p; j++) allPositive &= !passive[j] || u[j] > 0;
        if (allPositive) {
          beta = u;
          break;
        }
        double alpha = 1;
        for (int j = 0; j < p; j++) {
          if (passive[j] && u[j] <= 0) alpha = Math.min(alpha, beta[j] / (beta[j] - u[j]));
        }
        for (int j = 0; j < p; j++) {
          if (!passive[j]) continue;
          beta[j] += alpha * (u[j] - beta[j]);
          if (beta[j] <= 0) {
            beta[j] = 0;
            passive[j] = false;
          }
        }
      }
    }
    for (int j = 0; j < p; j++) {
      if (usable[j] && !passive[j]) {
        removed.add(columnName(c, j) + " (held at 0: a negative coefficient would fit better)");
      }
    }
    return unconstrained(c, s, passive, removed);
  }

  /** The unconstrained least-squares solution on the {@code active} columns. */
  private static Solution unconstrained(Candidate c, NormalEquations s, boolean[] active, List<String> removed) {
    int p = s.columns();
    int[] idx = indices(active);
    int k = idx.length;
    if (k == 0) {
      throw new CalibrationException(c.name() + ": no feature left to fit");
    }
    if (s.n - k < 1) {
      throw new CalibrationException(c.name() + ": too few measurements (" + s.n + ") for " + k + " coefficients");
    }
    double[] d = new double[k];
    for (int a = 0; a < k; a++) d[a] = 1 / Math.sqrt(s.g[idx[a]][idx[a]]);
    RealMatrix m = new Array2DRowRealMatrix(k, k);
    double[] rhs = new double[k];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        m.setEntry(a, b, s.gram(idx[a], idx[b]) * d[a] * d[b]);
      }
      rhs[a] = s.h[idx[a]] * d[a];
    }
    DecompositionSolver solver;
    try {
      solver = new CholeskyDecomposition(m, 1e-9, SINGULAR_PIVOT).getSolver();
    } catch (NonPositiveDefiniteMatrixException e) {
      throw new CalibrationException(c.name() + ": the features " + columnNames(c, idx) + " are linearly dependent"
          + " in these measurements, so their prices cannot be told apart (singular; e.g. steps and layers when"
          + " every measurement is one step of a one-layer network, or TOs and bytes of too few networks)");
    }
    double[] u = solver.solve(new ArrayRealVector(rhs, false)).toArray();
    double[] beta = new double[p];
    for (int a = 0; a < k; a++) beta[idx[a]] = u[a] * d[a];
    double[][] inv = solver.getInverse().getData();
    double[][] inverse = new double[p][p];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) inverse[idx[a]][idx[b]] = inv[a][b] * d[a] * d[b];
    }
    double rss = s.q;
    for (int a = 0; a < p; a++) {
      if (!active[a]) continue;
      rss -= 2 * beta[a] * s.h[a];
      for (int b = 0; b < p; b++) {
        if (active[b]) rss += beta[a] * beta[b] * s.gram(a, b);
      }
    }
    return new Solution(beta, active.clone(), Math.max(rss, 0), s.n - k, inverse, List.copyOf(removed));
  }

  /** The feature key of a column of {@code c} (log-log has the intercept first). */
  static String columnName(Candidate c, int column) {
    int f = c.form() == EnergyModel.Form.LOG_LOG ? column - 1 : column;
    return f < 0 ? "intercept" : c.features().get(f).key();
  }

  private static String columnNames(Candidate c, int[] idx) {
    return Arrays.stream(idx).mapToObj(j -> columnName(c, j)).collect(Collectors.joining(", "));
  }

  /** The indices of the true entries of {@code active}, ascending. */
  static int[] indices(boolean[] active) {
    int k = 0;
    for (boolean a : active) if (a) k++;
    int[] idx = new int[k];
    int j = 0;
    for (int a = 0; a < active.length; a++) if (active[a]) idx[j++] = a;
    return idx;
  }
}
