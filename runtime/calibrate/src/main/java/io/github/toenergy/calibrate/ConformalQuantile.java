package io.github.toenergy.calibrate;

import io.github.toenergy.energy.EnergyModel;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

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
 *
 * <p>A quantile without some rows costs {@code O(r log n + a log^2 n)} for {@code r} rows left out of
 * {@code a} kinds, not {@code O(n)}: the cumulative weight of every kind untouched by the removal is
 * precomputed once, and the quantile is found by bisection. Leaving out each of {@code G} groups in turn
 * (leave-one-group-out) therefore costs {@code O(n log^2 n)} in all, not {@code O(G n)}.
 */
final class ConformalQuantile {
  private final double[] sorted;
  private final int[] kindAt;
  /** Position in {@link #sorted} of each row, -1 for a row that does not calibrate. */
  private final int[] rank;
  /** Calibrating rows of each kind. */
  private final int[] count;
  /** Positions in {@link #sorted} of each kind, ascending. */
  private final int[][] positionsOfKind;
  /** Cumulative weight up to each position with no row left out, summed in ascending order. */
  private final double[] cumulative;
  private final int kinds;
  private final double inverseSum;
  private final double all;

  /** One kind, every non-NaN score calibrating. */
  ConformalQuantile(double[] scores) {
    this(scores, new int[scores.length], null);
  }

  /**
   * @param scores per row, NaN where there is none (never calibrating)
   * @param kind per row, 0-based kind index
   * @param calibrating which rows set the quantile; null for all
   */
  ConformalQuantile(double[] scores, int[] kind, boolean @Nullable [] calibrating) {
    Integer[] order = java.util.stream.IntStream.range(0, scores.length)
        .filter(i -> !Double.isNaN(scores[i]) && (calibrating == null || calibrating[i]))
        .boxed().toArray(Integer[]::new);
    Arrays.sort(order, (a, b) -> {
      int cmp = Double.compare(scores[a], scores[b]);
      return cmp != 0 ? cmp : Integer.compare(a, b);
    });
    int kindCount = Arrays.stream(kind).max().orElse(-1) + 1;
    sorted = new double[order.length];
    kindAt = new int[order.length];
    count = new int[kindCount];
    rank = new int[scores.length];
    Arrays.fill(rank, -1);
    for (int j = 0; j < order.length; j++) {
      sorted[j] = scores[order[j]];
      kindAt[j] = kind[order[j]];
      count[kindAt[j]]++;
      rank[order[j]] = j;
    }
    positionsOfKind = new int[kindCount][];
    for (int k = 0; k < kindCount; k++) positionsOfKind[k] = new int[count[k]];
    int[] next = new int[kindCount];
    cumulative = new double[sorted.length];
    double sum = 0;
    for (int j = 0; j < sorted.length; j++) {
      positionsOfKind[kindAt[j]][next[kindAt[j]]++] = j;
      sum += 1.0 / count[kindAt[j]];
      cumulative[j] = sum;
    }
    int present = 0;
    double inverse = 0;
    for (int c : count) {
      if (c > 0) {
        present++;
        inverse += 1.0 / c;
      }
    }
    kinds = present;
    inverseSum = inverse;
    all = present == 0 ? Double.NaN : firstReaching(target(present, inverse), Map.of());
  }

  /** The quantile from every calibration row except rows {@code without}; NaN when none is left. */
  double quantile(int[] without) {
    // the positions left out, by kind, ascending
    Map<Integer, int[]> gone = new LinkedHashMap<>();
    int[] positions = Arrays.stream(without).map(i -> rank[i]).filter(j -> j >= 0).distinct().sorted().toArray();
    if (positions.length == 0) {
      return all;
    }
    Map<Integer, Integer> goneCount = new LinkedHashMap<>();
    for (int j : positions) goneCount.merge(kindAt[j], 1, Integer::sum);
    Map<Integer, Integer> filled = new LinkedHashMap<>();
    for (int j : positions) {
      int k = kindAt[j];
      int[] list = gone.computeIfAbsent(k, key -> new int[goneCount.get(key)]);
      int at = filled.merge(k, 1, Integer::sum) - 1;
      list[at] = j;
    }
    int present = kinds;
    double inverse = inverseSum;
    for (Map.Entry<Integer, int[]> e : gone.entrySet()) {
      int k = e.getKey();
      int left = count[k] - e.getValue().length;
      inverse -= 1.0 / count[k];
      if (left > 0) {
        inverse += 1.0 / left;
      } else {
        present--;
      }
    }
    if (present == 0) {
      return Double.NaN;
    }
    return firstReaching(target(present, inverse), gone);
  }

  /** The cumulative weight {@code min(1, 0.9 (1 + 1/m)) K} the quantile must reach. */
  private static double target(int kinds, double inverseSum) {
    double effective = kinds * (double) kinds / inverseSum;
    return Math.min(1, EnergyModel.CONFIDENCE * (1 + 1 / effective)) * kinds;
  }

  /**
   * The smallest remaining score whose cumulative weight reaches {@code target} (up to rounding), or the
   * largest remaining score when none does.
   *
   * @param gone the positions left out, by kind, ascending
   */
  private double firstReaching(double target, Map<Integer, int[]> gone) {
    double threshold = target * (1 - 1e-12);
    int lo = 0;
    int hi = sorted.length - 1;
    if (sorted.length == 0 || weightUpTo(hi, gone) < threshold) {
      for (int j = sorted.length - 1; j >= 0; j--) {
        if (!isGone(j, gone)) return sorted[j];
      }
      return Double.NaN;
    }
    // the weight never decreases along the positions (a position left out adds 0), so bisect
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (weightUpTo(mid, gone) >= threshold) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return sorted[lo];
  }

  /** The cumulative weight of the remaining positions {@code <= j}. */
  private double weightUpTo(int j, Map<Integer, int[]> gone) {
    double w = cumulative[j];
    for (Map.Entry<Integer, int[]> e : gone.entrySet()) {
      int k = e.getKey();
      int upTo = countUpTo(positionsOfKind[k], j);
      int goneUpTo = countUpTo(e.getValue(), j);
      int left = count[k] - e.getValue().length;
      w -= (double) upTo / count[k];
      if (left > 0) w += (double) (upTo - goneUpTo) / left;
    }
    return w;
  }

  private static boolean isGone(int j, Map<Integer, int[]> gone) {
    for (int[] positions : gone.values()) {
      if (Arrays.binarySearch(positions, j) >= 0) return true;
    }
    return false;
  }

  /** How many of the ascending {@code positions} are {@code <= j}. */
  private static int countUpTo(int[] positions, int j) {
    int at = Arrays.binarySearch(positions, j);
    return at >= 0 ? at + 1 : -at - 1;
  }
}
