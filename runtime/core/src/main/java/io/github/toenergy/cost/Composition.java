package io.github.toenergy.cost;

import java.util.EnumMap;
import java.util.Map;

/**
 * How each activation is computed from other ALU tasks, per element. Used by every arithmetic
 * model for the ops it does not price directly; derivations in docs/method.md.
 */
final class Composition {
  private Composition() {}

  private static final Map<Op, Map<Op, Integer>> PARTS = new EnumMap<>(Op.class);

  static {
    // max(0, x): one comparison with zero.
    define(Op.RELU, Op.COMPARE, 1);
    // min(max(0, x), 6): two comparisons.
    define(Op.RELU6, Op.COMPARE, 2);
    // x >= 0 ? x : a*x: a comparison and a multiply.
    define(Op.LEAKY_RELU, Op.COMPARE, 1, Op.MULTIPLY, 1);
    // relu6(x + 3) / 6: add 3, clamp twice, multiply by 1/6.
    define(Op.HARDSIGMOID, Op.ADD, 1, Op.COMPARE, 2, Op.MULTIPLY, 1);
    // x * hardsigmoid(x).
    define(Op.HARDSWISH, Op.HARDSIGMOID, 1, Op.MULTIPLY, 1);
    // 1 / (1 + e^-x): exp, add 1, divide (the sign flip is free).
    define(Op.SIGMOID, Op.EXP, 1, Op.ADD, 1, Op.DIVIDE, 1);
    // (e^2x - 1) / (e^2x + 1): multiply by 2, exp, two adds, divide.
    define(Op.TANH, Op.MULTIPLY, 1, Op.EXP, 1, Op.ADD, 2, Op.DIVIDE, 1);
    // per element: running max (compare), subtract max (add), exp, accumulate sum (add), divide.
    define(Op.SOFTMAX, Op.COMPARE, 1, Op.ADD, 2, Op.EXP, 1, Op.DIVIDE, 1);
    // 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))): x^3 (2 mul), *0.044715, + x, *sqrt(2/pi),
    // tanh, + 1, *x, *0.5 = 6 multiplies, 2 adds, one tanh.
    define(Op.GELU, Op.MULTIPLY, 6, Op.ADD, 2, Op.TANH, 1);
    // x * sigmoid(x).
    define(Op.SILU, Op.SIGMOID, 1, Op.MULTIPLY, 1);
    // x >= 0 ? x : a (e^x - 1): compare, exp, subtract 1, multiply by a.
    define(Op.ELU, Op.COMPARE, 1, Op.EXP, 1, Op.ADD, 1, Op.MULTIPLY, 1);
    // min(max(x, lo), hi): two comparisons, the circuit of relu6 with other constants.
    define(Op.HARDTANH, Op.COMPARE, 2);
  }

  private static void define(Op op, Object... partsAndCounts) {
    Map<Op, Integer> parts = new EnumMap<>(Op.class);
    for (int i = 0; i < partsAndCounts.length; i += 2) {
      parts.put((Op) partsAndCounts[i], (Integer) partsAndCounts[i + 1]);
    }
    PARTS.put(op, parts);
  }

  /** The parts of a composite op, or an empty map for a primitive. */
  static Map<Op, Integer> partsOf(Op op) {
    return PARTS.getOrDefault(op, Map.of());
  }
}
