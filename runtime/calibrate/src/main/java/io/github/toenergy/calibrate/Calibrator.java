package io.github.toenergy.calibrate;

import io.github.toenergy.cost.ArithmeticModel;
import io.github.toenergy.energy.EnergyModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Fits {@link EnergyModel}s to {@link Measurement}s and validates them.
 *
 * <ul>
 *   <li><b>Linear</b> candidates: weighted least squares with weights {@code 1/E^2}, i.e. the sum of
 *       squared <em>relative</em> errors {@code ((E - x'b)/E)^2} is minimised. There is no separate
 *       intercept: the {@code steps}, {@code layers} and {@code run} features are the fixed terms.
 *       The coefficients are constrained to be {@code >= 0} (non-negative least squares): a feature
 *       held at 0 leaves the model, so, with non-negative features, no prediction is negative. The
 *       residual variance is that of the relative residuals and the covariance
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
 * The parts, one class each: {@link Design} (the measurements' features, groups, folds and weights,
 * computed once), {@link ModelFitter} (a candidate's fit and its runtime model), {@link LeastSquares}
 * (the normal equations solved with Commons Math's Cholesky decomposition, non-negative for linear
 * models; a (near-)singular system is an error that names the candidate's features),
 * {@link CrossValidation} (k-fold and leave-one-group-out refits from per-part {@link NormalEquations},
 * so leave-one-group-out over thousands of groups costs a few small solves each) and
 * {@link ConformalIntervals} (the interval factor). This class holds the settings, runs them for every
 * candidate and chooses. Deterministic: the same input gives bit-identical output.
 */
public final class Calibrator {
  /** Folds of k-fold cross-validation. */
  public static final int DEFAULT_FOLDS = 10;
  /** Seed of the fold assignment (the paper's arXiv number). */
  public static final long DEFAULT_SEED = 2205_15062L;
  /** Fewest measurements a calibration accepts. */
  public static final int MIN_MEASUREMENTS = 5;

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

    /** The validation of held-out {@code predicted} joules and intervals, with its errors over every row. */
    static Validation of(double[] joules, double[] predicted, double[] low, double[] high) {
      boolean[] every = new boolean[joules.length];
      Arrays.fill(every, true);
      Validation v = new Validation(0, 0, 0, predicted, low, high);
      return new Validation(v.mape(joules, every), v.medianApe(joules, every), v.coverage(joules, every), predicted,
          low, high);
    }

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
    return ModelFitter.fit(new Design(measurements, arithmetic, folds, seed, false), candidate);
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
    Design design = new Design(measurements, arithmetic, folds, seed, true);
    if (balanceKinds) design.balance(measurements.stream().map(kindOf).toList());
    design.intervalKinds(measurements.stream().map(kindOf).toList(), intervalKinds);
    if (design.keyCount < 2) {
      throw new CalibrationException("all " + measurements.size() + " measurements are one workload (network, batch,"
          + " batches): cross-validation needs at least 2 different ones");
    }
    List<Result> results = new ArrayList<>();
    for (Candidate c : candidates) {
      results.add(evaluate(design, c));
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

  /** Fits and validates one candidate: the fit on all rows, k-fold and leave-one-group-out, conformal intervals. */
  private static Result evaluate(Design design, Candidate c) {
    Fit fit;
    try {
      fit = ModelFitter.fit(design, c);
    } catch (IllegalArgumentException e) {
      return new Result(c, null, e.getMessage(), null, null);
    }
    CrossValidation validation = new CrossValidation(design, c);
    Validation cv = validation.kFold();
    Validation lono = validation.leaveOneGroupOut();
    ConformalIntervals intervals = new ConformalIntervals(design, cv);
    double k = intervals.factor();
    Validation cvScaled = intervals.rescale(cv, design.fold, design.foldCount);
    Validation lonoScaled = lono == null ? null : intervals.rescale(lono, design.group, design.groupCount);
    Fit scaled = new Fit(fit.candidate(), fit.model().withMultiplicativeInterval(k, k), fit.removed(), fit.r2(),
        fit.rows());
    return new Result(c, scaled, null, cvScaled, lonoScaled);
  }
}
