package io.github.toenergy.calibrate;

import java.util.Arrays;

/** Small statistics helpers of the validation: mean, median and R². */
final class Stats {
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
