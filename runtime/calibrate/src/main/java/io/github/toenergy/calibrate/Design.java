package io.github.toenergy.calibrate;

import io.github.toenergy.cost.ArithmeticModel;
import io.github.toenergy.energy.EnergyModel;
import io.github.toenergy.energy.Feature;
import io.github.toenergy.energy.Workload;
import io.github.toenergy.model.Network;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The measurements as a regression design, computed once: every feature of every row, the measured
 * joules and steps, each row's group (for leave-one-group-out), fold (for k-fold), kind and weight, and
 * the scaled rows a candidate is fitted on.
 */
final class Design {
  final List<Measurement> measurements;
  final int n;
  /** Raw feature values, {@code x[row][feature ordinal]}. */
  final double[][] x;
  final double[] joules;
  final long[] steps;
  /** 0-based group of each row. */
  final int[] group;
  /** 0-based fold of each row (all 0 without folds). */
  final int[] fold;
  final int groupCount;
  final int foldCount;
  /** Distinct workloads (network, batch, batches, samples): what the folds are made of. */
  final int keyCount;
  /** The fitted range of TOs per step, stored in the model. */
  final double minTos;
  final double maxTos;
  /** Kind index of each row (all 0 unless {@link #intervalKinds} set them). */
  int[] kindIndex;
  /** Rows whose held-out ratios set the interval, null for all. */
  boolean @Nullable [] intervalRows;
  /** Square roots of the row weights, null for equal weights. */
  double @Nullable [] rootWeight;

  /**
   * @param folds the most folds of k-fold cross-validation
   * @param seed the seed of the fold assignment
   * @param assignFolds whether to assign cross-validation folds (a plain fit needs none)
   */
  Design(List<Measurement> measurements, ArithmeticModel arithmetic, int folds, long seed, boolean assignFolds) {
    this.measurements = measurements;
    n = measurements.size();
    x = new double[n][];
    joules = new double[n];
    steps = new long[n];
    double[] tosPerStep = new double[n];
    group = new int[n];
    fold = new int[n];
    kindIndex = new int[n];
    // per network, a table per phase, or per generation workload (its batch set to 1)
    Map<Network, Map<Object, FeatureTable>> tables = new HashMap<>();
    Map<String, Integer> groups = new LinkedHashMap<>();
    Map<String, Integer> keys = new LinkedHashMap<>();
    Map<Network, String> notation = new IdentityHashMap<>();
    int[] key = new int[n];
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (int i = 0; i < n; i++) {
      Measurement m = measurements.get(i);
      FeatureTable t;
      try {
        Workload w = m.workload();
        Object tableKey = m.generation() == null ? m.phase()
            : new Workload(w.phase(), 1, 0, w.prompt(), w.tokens(), w.gpus(), w.precision());
        t = tables.computeIfAbsent(m.network(), k -> new HashMap<>())
            .computeIfAbsent(tableKey, k -> new FeatureTable(m.network(), w, arithmetic));
      } catch (CalibrationException e) {
        throw new CalibrationException("measurement " + (i + 1) + " (" + io.github.toenergy.text.InputText.excerpt(
            m.group()) + "): " + e.getMessage());
      }
      x[i] = new double[FeatureTable.ALL.length];
      for (Feature f : FeatureTable.ALL) {
        x[i][f.ordinal()] = t.value(f, m.samples(), m.steps(), m.isRun());
      }
      joules[i] = m.joules();
      steps[i] = m.steps();
      tosPerStep[i] = t.tosPerStep(m.samples() / m.steps());
      if (tosPerStep[i] > 0) lo = Math.min(lo, tosPerStep[i]); // e.g. a dropout layer alone has none
      hi = Math.max(hi, tosPerStep[i]);
      group[i] = groups.computeIfAbsent(m.group(), g -> groups.size());
      if (assignFolds) {
        String k = m.group() + "|" + notation.computeIfAbsent(m.network(), Network::toNotation) + "|" + m.batch()
            + "|" + m.batches() + "|" + m.samples() + (m.generation() == null ? "" : "|" + m.generation());
        key[i] = keys.computeIfAbsent(k, s -> keys.size());
      }
    }
    minTos = Double.isInfinite(lo) ? 0 : lo;
    maxTos = hi;
    groupCount = groups.size();
    keyCount = keys.size();
    foldCount = Math.max(1, Math.min(folds, keyCount));
    List<Integer> order = new ArrayList<>();
    for (int k = 0; k < keyCount; k++) order.add(k);
    Collections.shuffle(order, new Random(seed));
    int[] foldOfKey = new int[keyCount];
    for (int j = 0; j < keyCount; j++) foldOfKey[order.get(j)] = j % foldCount;
    if (assignFolds) {
      for (int i = 0; i < n; i++) fold[i] = foldOfKey[key[i]];
    }
  }

  /**
   * Kinds of the rows, and which of them calibrate the intervals: those {@code calibrates} accepts,
   * or all when it accepts none.
   */
  void intervalKinds(List<String> kinds, Predicate<String> calibrates) {
    Map<String, Integer> index = new LinkedHashMap<>();
    kindIndex = new int[n];
    boolean[] rows = new boolean[n];
    boolean any = false;
    for (int i = 0; i < n; i++) {
      kindIndex[i] = index.computeIfAbsent(kinds.get(i), k -> index.size());
      rows[i] = calibrates.test(kinds.get(i));
      any |= rows[i];
    }
    intervalRows = any ? rows : null;
  }

  /** Weights each kind alike: row weight {@code n / (K n_kind)}, mean 1. */
  void balance(List<String> kinds) {
    Map<String, Integer> count = new HashMap<>();
    for (String k : kinds) count.merge(k, 1, Integer::sum);
    rootWeight = new double[n];
    for (int i = 0; i < n; i++) {
      rootWeight[i] = Math.sqrt((double) n / (count.size() * (double) count.get(kinds.get(i))));
    }
  }

  /** Columns of a candidate: feature indices, preceded by an intercept (-1) for log-log. */
  static int[] columns(Candidate c) {
    int p = c.features().size();
    boolean log = c.form() == EnergyModel.Form.LOG_LOG;
    int[] cols = new int[log ? p + 1 : p];
    int j = 0;
    if (log) cols[j++] = -1;
    for (Feature f : c.features()) cols[j++] = f.ordinal();
    return cols;
  }

  /** Scaled regressors and target of row {@code i}: z_j = x_j / (E s_j), y = 1; or the logs. */
  void row(Candidate c, int[] cols, double[] scale, int i, double[] z, double[] y) {
    double w = rootWeight == null ? 1 : rootWeight[i];
    if (c.form() == EnergyModel.Form.LINEAR) {
      for (int j = 0; j < cols.length; j++) z[j] = w * x[i][cols[j]] / joules[i] / scale[j];
      y[0] = w;
    } else {
      for (int j = 0; j < cols.length; j++) {
        z[j] = w * (cols[j] < 0 ? 1 : logPerStep(x[i][cols[j]], steps[i])) / scale[j];
      }
      y[0] = w * StrictMath.log(joules[i] / steps[i]);
    }
  }

  private static double logPerStep(double value, long s) {
    return StrictMath.log(Math.max(value / s, Double.MIN_NORMAL));
  }

  /** Root mean square of each column (1 where a column is all zero), so the normal matrix is well scaled. */
  double[] scales(Candidate c, int[] cols) {
    double[] scale = new double[cols.length];
    Arrays.fill(scale, 1);
    double[] z = new double[cols.length];
    double[] y = new double[1];
    double[] sum = new double[cols.length];
    for (int i = 0; i < n; i++) {
      row(c, cols, scale, i, z, y);
      for (int j = 0; j < cols.length; j++) sum[j] += z[j] * z[j];
    }
    for (int j = 0; j < cols.length; j++) {
      double rms = Math.sqrt(sum[j] / n);
      scale[j] = rms > 0 && Double.isFinite(rms) ? rms : 1;
    }
    return scale;
  }

  /** Raw feature values of row {@code i} in the order of {@code model}'s features. */
  double[] featuresOf(EnergyModel model, int i) {
    double[] v = new double[model.features().size()];
    for (int j = 0; j < v.length; j++) v[j] = x[i][model.features().get(j).ordinal()];
    return v;
  }

  /** The rows of each part (fold or group) {@code partOf} assigns, in row order. */
  int[][] rowsOfParts(int[] partOf, int parts) {
    int[] count = new int[parts];
    for (int i = 0; i < n; i++) count[partOf[i]]++;
    int[][] rows = new int[parts][];
    for (int p = 0; p < parts; p++) rows[p] = new int[count[p]];
    int[] next = new int[parts];
    for (int i = 0; i < n; i++) rows[partOf[i]][next[partOf[i]]++] = i;
    return rows;
  }
}
