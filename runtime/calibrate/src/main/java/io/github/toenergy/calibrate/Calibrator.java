package io.github.toenergy.calibrate;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.ArithmeticModel;
import io.github.toenergy.energy.EnergyModel;
import io.github.toenergy.energy.Feature;
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
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.jspecify.annotations.Nullable;

/**
 * Fits {@link EnergyModel}s to {@link Measurement}s and validates them.
 *
 * <ul>
 *   <li><b>Linear</b> candidates: weighted least squares with weights {@code 1/E^2}, i.e. the sum of
 *       squared <em>relative</em> errors {@code ((E - x'b)/E)^2} is minimised. There is no separate
 *       intercept: the {@code steps}, {@code layers} and {@code run} features are the fixed terms.
 *       The coefficients are constrained to be {@code >= 0} (non-negative least squares): a feature
 *       held at 0 leaves the model, so, with non-negative features, no prediction is negative. The residual variance is that of the relative residuals and the covariance
 *       {@code s^2 (X'WX)^-1}, which is what {@link EnergyModel} turns into 90% intervals.
 *   <li><b>Log-log</b> candidates (the paper's power law): ordinary least squares of
 *       {@code ln(E/steps)} on an intercept and {@code ln(x/steps)}.
 *   <li><b>Validation</b>: k-fold cross-validation whose folds hold whole workloads (all repeats of a
 *       network at a batch size, both phases, stay in one fold; fixed seed), and leave-one-group-out
 *       (each {@link Measurement#group()}, e.g. a network with its isolated layers, predicted by a fit
 *       on all the others). Every held-out prediction goes through the same refit, including the
 *       removal of negative coefficients, so the error is that of the whole procedure.
 * </ul>
 *
 * The normal equations are solved on columns scaled to unit root mean square with a Commons Math
 * Cholesky decomposition; a (near-)singular system is an error that names the candidate's features.
 * Validation refits reuse per-fold and per-group sums, so that leave-one-group-out over thousands of
 * groups costs a few small solves each. Deterministic: the same input gives bit-identical output.
 */
public final class Calibrator {
  /** Folds of k-fold cross-validation. */
  public static final int DEFAULT_FOLDS = 10;
  /** Seed of the fold assignment (the paper's arXiv number). */
  public static final long DEFAULT_SEED = 2205_15062L;
  /** Fewest measurements a calibration accepts. */
  public static final int MIN_MEASUREMENTS = 5;
  /** Smallest pivot of the unit-diagonal normal matrix before it counts as singular (condition ~1e10). */
  static final double SINGULAR_PIVOT = 1e-10;

  /** Which held-out error chooses the model. */
  public enum Criterion {
    /** k-fold cross-validated MAPE over all measurements. */
    CROSS_VALIDATION("k-fold CV MAPE"),
    /**
     * k-fold cross-validated MAPE averaged over kinds of measurement (each kind counts alike, however
     * many rows it has: a thousand random single layers do not outvote the whole networks).
     */
    BALANCED_CROSS_VALIDATION("k-fold CV MAPE averaged over kinds of measurement"),
    /** Leave-one-group-out MAPE (falls back to k-fold when there are fewer than 3 groups). */
    LEAVE_ONE_GROUP_OUT("leave-one-network-out MAPE"),
    /**
     * Leave-one-group-out median APE averaged over the kinds of measurement that are whole networks or
     * whole runs (what a profile exists to predict), each kind alike (the median, as in issue 4's goal,
     * so that a few small batches do not decide); falls back to
     * {@link #BALANCED_CROSS_VALIDATION} where there is no such kind or leave-one-group-out cannot
     * predict it (fewer than 3 groups).
     */
    WHOLE_WORKLOADS("leave-one-network-out median APE averaged over the kinds of whole network and whole run");

    private final String label;

    Criterion(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private final ArithmeticModel arithmetic;
  private final int folds;
  private final long seed;
  private final boolean balanceKinds;
  private final java.util.function.Predicate<String> intervalKinds;

  /** A calibrator with the default arithmetic model, 10 folds and the fixed seed. */
  public Calibrator() {
    this(ArithmeticModel.cmos(), DEFAULT_FOLDS, DEFAULT_SEED);
  }

  public Calibrator(ArithmeticModel arithmetic, int folds, long seed) {
    if (folds < 2) {
      throw new IllegalArgumentException("k-fold cross-validation needs at least 2 folds, got " + folds);
    }
    this.arithmetic = arithmetic;
    this.folds = folds;
    this.seed = seed;
    this.balanceKinds = false;
    this.intervalKinds = kind -> true;
  }

  private Calibrator(Calibrator base, boolean balanceKinds, java.util.function.Predicate<String> intervalKinds) {
    this.arithmetic = base.arithmetic;
    this.folds = base.folds;
    this.seed = base.seed;
    this.balanceKinds = balanceKinds;
    this.intervalKinds = intervalKinds;
  }

  /**
   * This calibrator, but setting the interval factor from the held-out ratios of the kinds of
   * measurement {@code kinds} accepts only (e.g. whole networks and runs, what a profile is for), or
   * from every kind where it accepts none. Coverage is still reported on every held-out measurement.
   */
  public Calibrator calibratingIntervalsOn(java.util.function.Predicate<String> kinds) {
    return new Calibrator(this, balanceKinds, kinds);
  }

  /**
   * This calibrator, but weighting each kind of measurement alike in every fit: each row's squared
   * relative error is weighted by {@code n / (K n_kind)} ({@code K} kinds, {@code n_kind} rows of its
   * kind), so that a thousand random single layers of one type weigh no more in the fitted prices than
   * the few whole networks next to them. Only {@link #calibrate(List, List, Criterion, Function,
   * java.util.function.Predicate)} and its overloads with kinds use it.
   */
  public Calibrator balancingKinds() {
    return new Calibrator(this, true, intervalKinds);
  }

  /** Whether fits weight each kind of measurement alike ({@link #balancingKinds()}). */
  public boolean balancesKinds() {
    return balanceKinds;
  }

  public ArithmeticModel arithmetic() {
    return arithmetic;
  }

  // ---- results -------------------------------------------------------------------------------

  /**
   * A model fitted to all measurements.
   *
   * @param candidate what was asked for
   * @param model the fitted model (its features are the candidate's minus {@code removed})
   * @param removed features left out: absent from the data, or refitted away for a negative coefficient
   * @param r2 coefficient of determination of ln(E) (in-sample), so that relative errors count alike
   * @param rows measurements fitted
   */
  public record Fit(Candidate candidate, EnergyModel model, List<String> removed, double r2, int rows) {}

  /**
   * Held-out predictions of one validation scheme, in measurement order (NaN where a fold could
   * not be fitted).
   *
   * @param mape mean absolute percentage error, in percent
   * @param medianApe median absolute percentage error, in percent
   * @param coverage fraction of held-out measurements inside their 90% interval
   * @param predicted held-out prediction per measurement
   */
  public record Validation(double mape, double medianApe, double coverage, double[] predicted, double[] low,
      double[] high) {

    /** MAPE (percent) over the measurements {@code include} selects. */
    public double mape(double[] joules, boolean[] include) {
      return Stats.mean(apes(joules, include));
    }

    /** Median APE (percent) over the measurements {@code include} selects. */
    public double medianApe(double[] joules, boolean[] include) {
      return Stats.median(apes(joules, include));
    }

    /** Fraction of the selected measurements inside their interval. */
    public double coverage(double[] joules, boolean[] include) {
      int in = 0;
      int n = 0;
      for (int i = 0; i < joules.length; i++) {
        if (include[i] && !Double.isNaN(predicted[i])) {
          n++;
          if (low[i] <= joules[i] && joules[i] <= high[i]) in++;
        }
      }
      return n == 0 ? Double.NaN : (double) in / n;
    }

    private double[] apes(double[] joules, boolean[] include) {
      return java.util.stream.IntStream.range(0, joules.length)
          .filter(i -> include[i] && !Double.isNaN(predicted[i]))
          .mapToDouble(i -> 100 * Math.abs(predicted[i] - joules[i]) / joules[i]).toArray();
    }
  }

  /**
   * One candidate's fit and validation.
   *
   * @param fit the fit on all measurements, null when it failed
   * @param failure why the candidate could not be fitted, null when it could
   * @param crossValidation k-fold held-out predictions, null when the fit failed
   * @param leaveOneGroupOut leave-one-group-out held-out predictions, null with fewer than 2 groups
   */
  public record Result(Candidate candidate, @Nullable Fit fit, @Nullable String failure,
      @Nullable Validation crossValidation, @Nullable Validation leaveOneGroupOut) {

    public boolean ok() {
      return fit != null;
    }

  }

  /**
   * A calibration: every candidate's result and the one chosen.
   *
   * @param measurements what was fitted, in the order the predictions arrays use
   * @param kinds the kind of each measurement (what {@link Criterion#BALANCED_CROSS_VALIDATION} balances)
   * @param criterion what chose the model
   * @param folds folds of the k-fold validation actually used
   * @param groups distinct groups (networks) of the leave-one-group-out validation
   * @param wholeKinds the kinds that are whole networks or runs ({@link Criterion#WHOLE_WORKLOADS})
   * @param intervalKinds the kinds whose held-out ratios set the interval factor
   */
  public record Report(List<Measurement> measurements, List<String> kinds, List<Result> results, Result chosen,
      Criterion criterion, int folds, long seed, int groups, java.util.Set<String> wholeKinds,
      java.util.Set<String> intervalKinds) {

    /** The result of candidate {@code name}. @throws IllegalArgumentException if there is none */
    public Result result(String name) {
      return results.stream().filter(r -> r.candidate().name().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no candidate '" + name + "'"));
    }

    /** Measured joules, in measurement order. */
    public double[] joules() {
      return measurements.stream().mapToDouble(Measurement::joules).toArray();
    }

    /** The held-out error (percent) {@code criterion} ranks {@code r} by; +infinity when it was not fitted. */
    public double score(Result r, Criterion criterion) {
      if (!r.ok()) return Double.POSITIVE_INFINITY;
      return switch (criterion) {
        case CROSS_VALIDATION -> r.crossValidation().mape();
        case LEAVE_ONE_GROUP_OUT -> r.leaveOneGroupOut() == null ? r.crossValidation().mape()
            : r.leaveOneGroupOut().mape();
        case WHOLE_WORKLOADS -> {
          double[] e = joules();
          double sum = 0;
          int count = 0;
          for (String kind : new java.util.TreeSet<>(wholeKinds)) {
            boolean[] s = new boolean[kinds.size()];
            for (int i = 0; i < s.length; i++) s[i] = kinds.get(i).equals(kind);
            double m = r.leaveOneGroupOut() == null ? Double.NaN : r.leaveOneGroupOut().medianApe(e, s);
            sum += Double.isNaN(m) ? Double.POSITIVE_INFINITY : m;
            count++;
          }
          yield count == 0 ? score(r, Criterion.BALANCED_CROSS_VALIDATION) : sum / count;
        }
        case BALANCED_CROSS_VALIDATION -> {
          double[] e = joules();
          Map<String, boolean[]> byKind = new LinkedHashMap<>();
          for (int i = 0; i < kinds.size(); i++) {
            byKind.computeIfAbsent(kinds.get(i), k -> new boolean[kinds.size()])[i] = true;
          }
          double sum = 0;
          for (boolean[] s : byKind.values()) {
            double m = r.crossValidation().mape(e, s);
            sum += Double.isNaN(m) ? Double.POSITIVE_INFINITY : m;
          }
          yield sum / byKind.size();
        }
      };
    }

    /** The score of the chosen model. */
    public double score() {
      return score(chosen, criterion);
    }
  }

  // ---- public operations -----------------------------------------------------------------------

  /** Fits {@code candidate} to all of {@code measurements}. @throws CalibrationException when it cannot */
  public Fit fit(List<Measurement> measurements, Candidate candidate) {
    Design design = new Design(measurements, false);
    return design.fitAll(candidate);
  }

  /**
   * Fits and validates every candidate and chooses, among those that are not controls, the one
   * with the lowest held-out MAPE by {@code criterion} (ties: the earlier candidate); kinds of
   * measurement are their groups.
   *
   * @throws CalibrationException when there are too few measurements or no candidate can be fitted
   */
  public Report calibrate(List<Measurement> measurements, List<Candidate> candidates, Criterion criterion) {
    return calibrate(measurements, candidates, criterion, Measurement::group);
  }

  /** As {@link #calibrate(List, List, Criterion)}, with the kinds {@code kindOf} assigns for a balanced criterion. */
  public Report calibrate(List<Measurement> measurements, List<Candidate> candidates, Criterion criterion,
      Function<Measurement, String> kindOf) {
    return calibrate(measurements, candidates, criterion, kindOf, kind -> false);
  }

  /**
   * As {@link #calibrate(List, List, Criterion, Function)}, with {@code whole} telling which kinds are
   * whole networks or runs, for {@link Criterion#WHOLE_WORKLOADS}.
   */
  public Report calibrate(List<Measurement> measurements, List<Candidate> candidates, Criterion criterion,
      Function<Measurement, String> kindOf, java.util.function.Predicate<String> whole) {
    if (measurements.size() < MIN_MEASUREMENTS) {
      throw new CalibrationException("too few measurements: " + measurements.size() + ", need at least "
          + MIN_MEASUREMENTS);
    }
    Design design = new Design(measurements, true);
    if (balanceKinds) design.balance(measurements.stream().map(kindOf).toList());
    design.intervalKinds(measurements.stream().map(kindOf).toList(), intervalKinds);
    if (design.keyCount < 2) {
      throw new CalibrationException("all " + measurements.size() + " measurements are one workload (network, batch,"
          + " batches): cross-validation needs at least 2 different ones");
    }
    List<Result> results = new ArrayList<>();
    for (Candidate c : candidates) {
      results.add(design.evaluate(c));
    }
    List<String> kinds = measurements.stream().map(kindOf).toList();
    java.util.Set<String> wholeKinds = new java.util.TreeSet<>();
    for (String k : kinds) if (whole.test(k)) wholeKinds.add(k);
    Criterion used = criterion == Criterion.LEAVE_ONE_GROUP_OUT && design.groupCount < 3
        ? Criterion.CROSS_VALIDATION
        : criterion == Criterion.WHOLE_WORKLOADS && (design.groupCount < 3 || wholeKinds.isEmpty())
        ? Criterion.BALANCED_CROSS_VALIDATION : criterion;
    java.util.Set<String> calibrating = new java.util.TreeSet<>();
    for (String k : kinds) if (intervalKinds.test(k)) calibrating.add(k);
    if (calibrating.isEmpty()) calibrating.addAll(kinds);
    Report draft = new Report(List.copyOf(measurements), kinds, List.copyOf(results), results.get(0), used,
        design.foldCount, seed, design.groupCount, java.util.Set.copyOf(wholeKinds), java.util.Set.copyOf(calibrating));
    Result best = null;
    for (Result r : results) {
      if (r.ok() && !r.candidate().control()
          && (best == null || draft.score(r, used) < draft.score(best, used))) {
        best = r;
      }
    }
    if (best == null) {
      throw new CalibrationException("no candidate model can be fitted: " + results.stream()
          .map(r -> r.candidate().name() + ": " + (r.ok() ? "a control, never chosen" : r.failure()))
          .collect(Collectors.joining("; ")));
    }
    return new Report(draft.measurements(), kinds, draft.results(), best, used, design.foldCount, seed,
        design.groupCount, draft.wholeKinds(), draft.intervalKinds());
  }

  // ---- the design: features of every measurement, computed once --------------------------------

  /** Sufficient statistics of a least-squares problem over some rows: Z'Z, Z'y, y'y, rows. */
  private static final class Sums {
    final double[][] g;
    final double[] h;
    double q;
    int n;

    Sums(int p) {
      g = new double[p][p];
      h = new double[p];
    }

    void add(double[] z, double y) {
      int p = h.length;
      for (int a = 0; a < p; a++) {
        double za = z[a];
        if (za == 0) continue;
        for (int b = 0; b <= a; b++) {
          g[a][b] += za * z[b];
        }
        h[a] += za * y;
      }
      q += y * y;
      n++;
    }

    /** This minus {@code other}. */
    Sums minus(Sums other) {
      Sums s = new Sums(h.length);
      for (int a = 0; a < h.length; a++) {
        for (int b = 0; b <= a; b++) s.g[a][b] = g[a][b] - other.g[a][b];
        s.h[a] = h[a] - other.h[a];
      }
      s.q = q - other.q;
      s.n = n - other.n;
      return s;
    }

    void addAll(Sums other) {
      for (int a = 0; a < h.length; a++) {
        for (int b = 0; b <= a; b++) g[a][b] += other.g[a][b];
        h[a] += other.h[a];
      }
      q += other.q;
      n += other.n;
    }
  }

  /** A solved least-squares problem in scaled space. */
  private record Solution(double[] beta, boolean[] active, double rss, int dof, double[][] inverse,
      List<String> removed) {}

  private final class Design {
    final List<Measurement> measurements;
    final int n;
    final double[][] x;
    final double[] joules;
    final long[] steps;
    final double[] tosPerStep;
    final int[] group;
    final int[] fold;
    final int groupCount;
    final int foldCount;
    final int keyCount;
    final double minTos;
    final double maxTos;

    /** @param folds whether to assign cross-validation folds (a plain fit needs none) */
    Design(List<Measurement> measurements, boolean folds) {
      this.measurements = measurements;
      n = measurements.size();
      x = new double[n][];
      joules = new double[n];
      steps = new long[n];
      tosPerStep = new double[n];
      group = new int[n];
      fold = new int[n];
      kindIndex = new int[n];
      Map<Network, Map<Phase, FeatureTable>> tables = new HashMap<>();
      Map<String, Integer> groups = new LinkedHashMap<>();
      Map<String, Integer> keys = new LinkedHashMap<>();
      Map<Network, String> notation = new IdentityHashMap<>();
      int[] key = new int[n];
      double lo = Double.POSITIVE_INFINITY;
      double hi = 0;
      for (int i = 0; i < n; i++) {
        Measurement m = measurements.get(i);
        FeatureTable t = tables.computeIfAbsent(m.network(), k -> new java.util.EnumMap<>(Phase.class))
            .computeIfAbsent(m.phase(), p -> new FeatureTable(m.network(), p, arithmetic));
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
        if (folds) {
          String k = m.group() + "|" + notation.computeIfAbsent(m.network(), Network::toNotation) + "|" + m.batch()
              + "|" + m.batches() + "|" + m.samples();
          key[i] = keys.computeIfAbsent(k, s -> keys.size());
        }
      }
      minTos = Double.isInfinite(lo) ? 0 : lo;
      maxTos = hi;
      groupCount = groups.size();
      keyCount = keys.size();
      foldCount = Math.max(1, Math.min(Calibrator.this.folds, keyCount));
      List<Integer> order = new ArrayList<>();
      for (int k = 0; k < keyCount; k++) order.add(k);
      Collections.shuffle(order, new Random(seed));
      int[] foldOfKey = new int[keyCount];
      for (int j = 0; j < keyCount; j++) foldOfKey[order.get(j)] = j % foldCount;
      if (folds) {
        for (int i = 0; i < n; i++) fold[i] = foldOfKey[key[i]];
      }
    }

    /** Columns of a candidate: feature indices, preceded by an intercept (-1) for log-log. */
    int[] columns(Candidate c) {
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

    /** Kind index of each row (all 0 unless {@link #intervalKinds} set them). */
    int[] kindIndex;
    /** Rows whose held-out ratios set the interval, null for all. */
    boolean @Nullable [] intervalRows;

    /**
     * Kinds of the rows, and which of them calibrate the intervals: those {@code calibrates} accepts,
     * or all when it accepts none.
     */
    void intervalKinds(List<String> kinds, java.util.function.Predicate<String> calibrates) {
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

    /** Square roots of the row weights, null for equal weights. */
    double @Nullable [] rootWeight;

    /** Weights each kind alike: row weight {@code n / (K n_kind)}, mean 1. */
    void balance(List<String> kinds) {
      Map<String, Integer> count = new HashMap<>();
      for (String k : kinds) count.merge(k, 1, Integer::sum);
      rootWeight = new double[n];
      for (int i = 0; i < n; i++) {
        rootWeight[i] = Math.sqrt((double) n / (count.size() * (double) count.get(kinds.get(i))));
      }
    }

    double logPerStep(double value, long s) {
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

    /**
     * Solves on {@code s}. Empty columns are left out. A linear model is fitted under the constraint
     * that every coefficient is {@code >= 0} (Lawson-Hanson non-negative least squares on the normal
     * equations): when the unconstrained optimum has a negative coefficient, the constrained optimum
     * sets one or more features to exactly 0 and they leave the model.
     */
    Solution solve(Candidate c, Sums s) {
      int p = s.h.length;
      boolean[] usable = new boolean[p];
      List<String> removed = new ArrayList<>();
      for (int j = 0; j < p; j++) {
        usable[j] = s.g[j][j] > 0;
        if (!usable[j]) removed.add(name(c, j) + " (absent from the data)");
      }
      Solution free = finish(c, s, usable, removed);
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
          for (int k = 0; k < p; k++) w -= s.g[Math.max(j, k)][Math.min(j, k)] * beta[k];
          if (w > best) {
            best = w;
            t = j;
          }
        }
        if (t < 0) break;
        passive[t] = true;
        while (true) {
          double[] u = finish(c, s, passive, removed).beta();
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
        if (usable[j] && !passive[j]) removed.add(name(c, j) + " (held at 0: a negative coefficient would fit better)");
      }
      return finish(c, s, passive, removed);
    }

    /** The unconstrained least-squares solution on the {@code active} columns. */
    private Solution finish(Candidate c, Sums s, boolean[] active, List<String> removed) {
      int p = s.h.length;
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
          m.setEntry(a, b, s.g[Math.max(idx[a], idx[b])][Math.min(idx[a], idx[b])] * d[a] * d[b]);
        }
        rhs[a] = s.h[idx[a]] * d[a];
      }
      DecompositionSolver solver;
      try {
        solver = new CholeskyDecomposition(m, 1e-9, SINGULAR_PIVOT).getSolver();
      } catch (NonPositiveDefiniteMatrixException e) {
        throw new CalibrationException(c.name() + ": the features " + features(c, idx) + " are linearly dependent"
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
          if (active[b]) rss += beta[a] * beta[b] * s.g[Math.max(a, b)][Math.min(a, b)];
        }
      }
      return new Solution(beta, active.clone(), Math.max(rss, 0), s.n - k, inverse, List.copyOf(removed));
    }

    private String name(Candidate c, int column) {
      int f = c.form() == EnergyModel.Form.LOG_LOG ? column - 1 : column;
      return f < 0 ? "intercept" : c.features().get(f).key();
    }

    private String features(Candidate c, int[] idx) {
      return Arrays.stream(idx).mapToObj(j -> name(c, j)).collect(Collectors.joining(", "));
    }

    private int[] indices(boolean[] active) {
      int k = 0;
      for (boolean a : active) if (a) k++;
      int[] idx = new int[k];
      int j = 0;
      for (int a = 0; a < active.length; a++) if (active[a]) idx[j++] = a;
      return idx;
    }

    /** The runtime model of a solution, in original units. */
    EnergyModel model(Candidate c, Solution sol, double[] scale, double rssOverride) {
      boolean log = c.form() == EnergyModel.Form.LOG_LOG;
      int[] idx = indices(sol.active());
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
      return new EnergyModel(c.form(), features, coef, cov, s2, sol.dof(), StudentT.quantile(sol.dof()), minTos,
          maxTos);
    }

    /** Raw feature values of row {@code i} in the order of {@code model}'s features. */
    double[] featuresOf(EnergyModel model, int i) {
      double[] v = new double[model.features().size()];
      for (int j = 0; j < v.length; j++) v[j] = x[i][model.features().get(j).ordinal()];
      return v;
    }

    Fit fitAll(Candidate c) {
      check(c);
      int[] cols = columns(c);
      double[] scale = scales(c, cols);
      Sums all = new Sums(cols.length);
      double[] z = new double[cols.length];
      double[] y = new double[1];
      for (int i = 0; i < n; i++) {
        row(c, cols, scale, i, z, y);
        all.add(z, y[0]);
      }
      Solution sol = solve(c, all);
      // the residual sum of squares once more, row by row, for accuracy
      double rss = 0;
      for (int i = 0; i < n; i++) {
        row(c, cols, scale, i, z, y);
        double fitted = 0;
        for (int j = 0; j < cols.length; j++) fitted += sol.beta()[j] * z[j];
        rss += (y[0] - fitted) * (y[0] - fitted);
      }
      EnergyModel model = model(c, sol, scale, rss);
      double[] lnE = new double[n];
      double[] lnP = new double[n];
      for (int i = 0; i < n; i++) {
        lnE[i] = StrictMath.log(joules[i]);
        lnP[i] = StrictMath.log(Math.max(model.predict(featuresOf(model, i), steps[i]).joules(), Double.MIN_NORMAL));
      }
      return new Fit(c, model, sol.removed(), Stats.r2(lnE, lnP), n);
    }

    void check(Candidate c) {
      if (c.form() == EnergyModel.Form.LOG_LOG) {
        for (Feature f : c.features()) {
          if (f == Feature.RUN || f == Feature.STEPS || f.runOnly()) {
            throw new CalibrationException(c.name() + ": a log-log model takes per-step features only, not " + f.key());
          }
        }
      }
    }

    Result evaluate(Candidate c) {
      Fit fit;
      try {
        fit = fitAll(c);
      } catch (IllegalArgumentException e) {
        return new Result(c, null, e.getMessage(), null, null);
      }
      int[] cols = columns(c);
      double[] scale = scales(c, cols);
      Sums[] byFold = new Sums[foldCount];
      Sums[] byGroup = new Sums[groupCount];
      Sums all = new Sums(cols.length);
      for (int f = 0; f < foldCount; f++) byFold[f] = new Sums(cols.length);
      for (int g = 0; g < groupCount; g++) byGroup[g] = new Sums(cols.length);
      double[] z = new double[cols.length];
      double[] y = new double[1];
      for (int i = 0; i < n; i++) {
        row(c, cols, scale, i, z, y);
        byFold[fold[i]].add(z, y[0]);
        byGroup[group[i]].add(z, y[0]);
        all.add(z, y[0]);
      }
      Validation cv = validate(c, scale, fold, foldCount, f -> {
        Sums s = new Sums(cols.length);
        for (int other = 0; other < foldCount; other++) if (other != f) s.addAll(byFold[other]);
        return s;
      });
      Validation lono = groupCount < 2 ? null : validate(c, scale, group, groupCount, g -> all.minus(byGroup[g]));
      // split-conformal calibration of multiplicative intervals on the k-fold held-out ratios
      // measured/predicted: the factor k whose interval [p/k, p*k] covers 90% of them (each kind of the
      // calibrating rows alike) goes into the shipped model; each held-out row's interval gets the factor
      // computed without its own fold (k-fold) or its own group (LONO), so no coverage is circular
      Conformal conformal = new Conformal(logRatios(cv), kindIndex, intervalRows);
      double k = factor(conformal.quantile(new int[0]));
      Validation cvScaled = rescale(cv, conformal, fold, foldCount);
      Validation lonoScaled = lono == null ? null : rescale(lono, conformal, group, groupCount);
      Fit scaled = new Fit(fit.candidate(), fit.model().withMultiplicativeInterval(k, k), fit.removed(), fit.r2(),
          fit.rows());
      return new Result(c, scaled, null, cvScaled, lonoScaled);
    }

    /** The interval factor {@code exp(q)} of a quantile of {@code |ln(E/p)|}; 1 when there is none. */
    double factor(double q) {
      double k = Math.exp(q);
      return Double.isFinite(k) && k >= 1 ? k : Double.isNaN(q) || q < 0 ? 1 : Double.MAX_VALUE / 4;
    }

    /** {@code |ln(E/p)|} of each held-out measurement; +infinity for a prediction of 0, NaN for none. */
    double[] logRatios(Validation v) {
      double[] r = new double[n];
      for (int i = 0; i < n; i++) {
        double p = v.predicted()[i];
        r[i] = Double.isNaN(p) ? Double.NaN : p > 0 ? Math.abs(StrictMath.log(joules[i] / p)) : Double.POSITIVE_INFINITY;
      }
      return r;
    }

    /** {@code v} with each part's intervals {@code [p/k, p*k]}, {@code k} computed without that part. */
    Validation rescale(Validation v, Conformal conformal, int[] partOf, int parts) {
      List<List<Integer>> rowsOf = new ArrayList<>();
      for (int p = 0; p < parts; p++) rowsOf.add(new ArrayList<>());
      for (int i = 0; i < n; i++) rowsOf.get(partOf[i]).add(i);
      double[] low = v.low().clone();
      double[] high = v.high().clone();
      for (int p = 0; p < parts; p++) {
        List<Integer> rows = rowsOf.get(p);
        if (rows.isEmpty()) continue;
        double k = factor(conformal.quantile(rows.stream().mapToInt(Integer::intValue).toArray()));
        for (int i : rows) {
          double pred = v.predicted()[i];
          if (Double.isNaN(pred)) continue;
          low[i] = pred / k;
          high[i] = pred * k;
        }
      }
      boolean[] every = new boolean[n];
      Arrays.fill(every, true);
      Validation draft = new Validation(v.mape(), v.medianApe(), 0, v.predicted(), low, high);
      return new Validation(v.mape(), v.medianApe(), draft.coverage(joules, every), v.predicted(), low, high);
    }

    /** Held-out predictions: for each part, fit on the rest (given by {@code training}) and predict the part. */
    Validation validate(Candidate c, double[] scale, int[] partOf, int parts,
        java.util.function.IntFunction<Sums> training) {
      double[] pred = new double[n];
      double[] low = new double[n];
      double[] high = new double[n];
      Arrays.fill(pred, Double.NaN);
      Arrays.fill(low, Double.NaN);
      Arrays.fill(high, Double.NaN);
      List<List<Integer>> rowsOf = new ArrayList<>();
      for (int p = 0; p < parts; p++) rowsOf.add(new ArrayList<>());
      for (int i = 0; i < n; i++) rowsOf.get(partOf[i]).add(i);
      for (int p = 0; p < parts; p++) {
        if (rowsOf.get(p).isEmpty()) continue;
        EnergyModel model;
        try {
          model = model(c, solve(c, training.apply(p)), scale, Double.NaN);
        } catch (IllegalArgumentException e) {
          continue; // this part stays unpredicted (NaN) and out of the error
        }
        for (int i : rowsOf.get(p)) {
          EnergyModel.Prediction e = model.predict(featuresOf(model, i), steps[i]);
          pred[i] = e.joules();
          low[i] = e.low();
          high[i] = e.high();
        }
      }
      boolean[] every = new boolean[n];
      Arrays.fill(every, true);
      Validation v = new Validation(0, 0, 0, pred, low, high);
      return new Validation(v.mape(joules, every), v.medianApe(joules, every), v.coverage(joules, every), pred, low,
          high);
    }
  }

  /**
   * Split-conformal quantile of held-out nonconformity scores (here {@code |ln(measured/predicted)|}),
   * weighting each kind of measurement alike, also with some rows left out (for a coverage that does
   * not judge a row by a quantile it helped to set).
   *
   * <p>Among the remaining calibration rows, a row of a kind with {@code n_k} of them weighs {@code 1/n_k},
   * so the {@code K} kinds weigh 1 each. The quantile is the smallest score whose cumulative weight, in
   * ascending order, reaches {@code min(1, 0.9 (1 + 1/m)) K}, where {@code m = K^2 / sum_k 1/n_k} is the
   * weights' effective sample size (Kish). With one kind of {@code m} rows this is the usual
   * {@code ceil((m + 1) 0.9)}-th smallest score, the finite-sample split-conformal quantile.
   */
  static final class Conformal {
    private final double[] sorted;
    private final int[] kindAt;
    private final int[] rank;
    private final int[] count;
    private final double all;

    /** One kind, every non-NaN score calibrating. */
    Conformal(double[] scores) {
      this(scores, new int[scores.length], null);
    }

    /**
     * @param scores per row, NaN where there is none (never calibrating)
     * @param kind per row, 0-based kind index
     * @param calibrating which rows set the quantile; null for all
     */
    Conformal(double[] scores, int[] kind, boolean @Nullable [] calibrating) {
      Integer[] order = java.util.stream.IntStream.range(0, scores.length)
          .filter(i -> !Double.isNaN(scores[i]) && (calibrating == null || calibrating[i]))
          .boxed().toArray(Integer[]::new);
      Arrays.sort(order, (a, b) -> {
        int cmp = Double.compare(scores[a], scores[b]);
        return cmp != 0 ? cmp : Integer.compare(a, b);
      });
      int kinds = Arrays.stream(kind).max().orElse(-1) + 1;
      sorted = new double[order.length];
      kindAt = new int[order.length];
      count = new int[kinds];
      rank = new int[scores.length];
      Arrays.fill(rank, -1);
      for (int j = 0; j < order.length; j++) {
        sorted[j] = scores[order[j]];
        kindAt[j] = kind[order[j]];
        count[kindAt[j]]++;
        rank[order[j]] = j;
      }
      all = compute(new int[0]);
    }

    /** The quantile from every calibration row except rows {@code without}; NaN when none is left. */
    double quantile(int[] without) {
      boolean any = false;
      for (int i : without) any |= rank[i] >= 0;
      return any ? compute(without) : all;
    }

    private double compute(int[] without) {
      int[] left = count.clone();
      boolean[] gone = new boolean[sorted.length];
      for (int i : without) {
        if (rank[i] >= 0 && !gone[rank[i]]) {
          gone[rank[i]] = true;
          left[kindAt[rank[i]]]--;
        }
      }
      int kinds = 0;
      double inverseSum = 0;
      for (int l : left) {
        if (l > 0) {
          kinds++;
          inverseSum += 1.0 / l;
        }
      }
      if (kinds == 0) return Double.NaN;
      double effective = kinds * (double) kinds / inverseSum;
      double target = Math.min(1, EnergyModel.CONFIDENCE * (1 + 1 / effective)) * kinds;
      double cumulative = 0;
      double last = Double.NaN;
      for (int j = 0; j < sorted.length; j++) {
        if (gone[j]) continue;
        cumulative += 1.0 / left[kindAt[j]];
        last = sorted[j];
        if (cumulative >= target * (1 - 1e-12)) return sorted[j];
      }
      return last;
    }
  }

  /** Small statistics helpers. */
  static final class Stats {
    private Stats() {}

    static double mean(double[] v) {
      if (v.length == 0) return Double.NaN;
      double s = 0;
      for (double d : v) s += d;
      return s / v.length;
    }

    static double median(double[] v) {
      if (v.length == 0) return Double.NaN;
      double[] s = v.clone();
      Arrays.sort(s);
      int k = s.length;
      return k % 2 == 1 ? s[k / 2] : (s[k / 2 - 1] + s[k / 2]) / 2;
    }

    /** 1 - SS_res / SS_tot of {@code fitted} against {@code observed}. */
    static double r2(double[] observed, double[] fitted) {
      double m = mean(observed);
      double res = 0;
      double tot = 0;
      for (int i = 0; i < observed.length; i++) {
        res += (observed[i] - fitted[i]) * (observed[i] - fitted[i]);
        tot += (observed[i] - m) * (observed[i] - m);
      }
      return tot == 0 ? Double.NaN : 1 - res / tot;
    }
  }
}
