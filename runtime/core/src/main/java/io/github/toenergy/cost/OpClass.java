package io.github.toenergy.cost;

/** Groups of ops whose TOs an energy model may weigh separately. */
public enum OpClass {
  /** Adds, multiplies and MACs: the linear datapath. */
  LINEAR,
  /** Comparisons and the piecewise-linear activations built from them. */
  COMPARE,
  /** Divide, square root, exp and the activations built from them. */
  NONLINEAR
}
