package io.github.toenergy.calibrate;

/**
 * The sufficient statistics of a least-squares problem over some rows: {@code Z'Z} (lower triangle),
 * {@code Z'y}, {@code y'y} and the row count. Sums of disjoint row sets add and subtract, which is what
 * lets validation refit every fold and every left-out group without revisiting the rows.
 */
final class NormalEquations {
  /** {@code Z'Z}, lower triangle: {@code g[a][b]} for {@code b <= a}. */
  final double[][] g;
  /** {@code Z'y}. */
  final double[] h;
  /** {@code y'y}. */
  double q;
  /** Rows summed. */
  int n;

  NormalEquations(int columns) {
    g = new double[columns][columns];
    h = new double[columns];
  }

  int columns() {
    return h.length;
  }

  /** {@code Z'Z[a][b]} of either triangle. */
  double gram(int a, int b) {
    return g[Math.max(a, b)][Math.min(a, b)];
  }

  /** Adds row {@code z} with target {@code y}. */
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

  /** This minus {@code other} (the rows of this that are not in {@code other}). */
  NormalEquations minus(NormalEquations other) {
    NormalEquations s = new NormalEquations(h.length);
    for (int a = 0; a < h.length; a++) {
      for (int b = 0; b <= a; b++) s.g[a][b] = g[a][b] - other.g[a][b];
      s.h[a] = h[a] - other.h[a];
    }
    s.q = q - other.q;
    s.n = n - other.n;
    return s;
  }

  /** Adds the rows of {@code other}. */
  void addAll(NormalEquations other) {
    for (int a = 0; a < h.length; a++) {
      for (int b = 0; b <= a; b++) g[a][b] += other.g[a][b];
      h[a] += other.h[a];
    }
    q += other.q;
    n += other.n;
  }
}
