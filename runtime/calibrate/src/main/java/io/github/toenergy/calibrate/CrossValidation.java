package io.github.toenergy.calibrate;

import io.github.toenergy.energy.EnergyModel;
import java.util.Arrays;

/**
 * Held-out predictions of a candidate: k-fold cross-validation (folds hold whole workloads) and
 * leave-one-group-out (each group predicted by a fit on all the others). Each held-out part goes through
 * the same refit as the full fit, non-negativity included, so the error is that of the whole procedure.
 * The refits reuse per-part {@link NormalEquations}: one pass over the rows, then one small solve per
 * part, so leave-one-group-out costs time linear in the rows and groups.
 */
final class CrossValidation {
  private final Design design;
  private final Candidate candidate;
  private final int[] cols;
  private final double[] scale;
  private final NormalEquations all;
  private final NormalEquations[] byFold;
  private final NormalEquations[] byGroup;

  CrossValidation(Design design, Candidate candidate) {
    this.design = design;
    this.candidate = candidate;
    cols = Design.columns(candidate);
    scale = design.scales(candidate, cols);
    all = new NormalEquations(cols.length);
    byFold = new NormalEquations[design.foldCount];
    byGroup = new NormalEquations[design.groupCount];
    for (int f = 0; f < byFold.length; f++) byFold[f] = new NormalEquations(cols.length);
    for (int g = 0; g < byGroup.length; g++) byGroup[g] = new NormalEquations(cols.length);
    double[] z = new double[cols.length];
    double[] y = new double[1];
    for (int i = 0; i < design.n; i++) {
      design.row(candidate, cols, scale, i, z, y);
      byFold[design.fold[i]].add(z, y[0]);
      byGroup[design.group[i]].add(z, y[0]);
      all.add(z, y[0]);
    }
  }

  /** k-fold held-out predictions: each fold predicted by a fit on the other folds. */
  Calibrator.Validation kFold() {
    return validate(design.fold, byFold.length, f -> {
      NormalEquations s = new NormalEquations(cols.length);
      for (int other = 0; other < byFold.length; other++) if (other != f) s.addAll(byFold[other]);
      return s;
    });
  }

  /** Leave-one-group-out held-out predictions; null with fewer than 2 groups. */
  Calibrator.@org.jspecify.annotations.Nullable Validation leaveOneGroupOut() {
    return byGroup.length < 2 ? null : validate(design.group, byGroup.length, g -> all.minus(byGroup[g]));
  }

  /** Held-out predictions: for each part, fit on the rest (given by {@code training}) and predict the part. */
  private Calibrator.Validation validate(int[] partOf, int parts, java.util.function.IntFunction<NormalEquations> training) {
    int n = design.n;
    double[] pred = new double[n];
    double[] low = new double[n];
    double[] high = new double[n];
    Arrays.fill(pred, Double.NaN);
    Arrays.fill(low, Double.NaN);
    Arrays.fill(high, Double.NaN);
    int[][] rowsOf = design.rowsOfParts(partOf, parts);
    for (int p = 0; p < parts; p++) {
      if (rowsOf[p].length == 0) continue;
      EnergyModel model;
      try {
        model = ModelFitter.model(design, candidate, LeastSquares.solve(candidate, training.apply(p)), scale,
            Double.NaN);
      } catch (IllegalArgumentException e) {
        continue; // this part stays unpredicted (NaN) and out of the error
      }
      for (int i : rowsOf[p]) {
        EnergyModel.Prediction e = model.predict(design.featuresOf(model, i), design.steps[i]);
        pred[i] = e.joules();
        low[i] = e.low();
        high[i] = e.high();
      }
    }
    return Calibrator.Validation.of(design.joules, pred, low, high);
  }
}
