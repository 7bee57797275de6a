package io.github.toenergy.cost;

import io.github.toenergy.annotations.ActivationFunction;
import org.jspecify.annotations.Nullable;

/**
 * The ALU tasks a layer is translated into. The first seven are primitives with a circuit of their
 * own; the rest are activations that an {@link ArithmeticModel} either composes from primitives
 * (the default CMOS model) or prices directly (the TOML 45 nm table).
 */
public enum Op {
  ADD(OpClass.LINEAR),
  MULTIPLY(OpClass.LINEAR),
  /** Multiply-accumulate: one multiply and one add into the accumulator. */
  MAC(OpClass.LINEAR),
  COMPARE(OpClass.COMPARE),
  DIVIDE(OpClass.NONLINEAR),
  SQRT(OpClass.NONLINEAR),
  EXP(OpClass.NONLINEAR),
  RELU(OpClass.COMPARE),
  RELU6(OpClass.COMPARE),
  LEAKY_RELU(OpClass.COMPARE),
  HARDSIGMOID(OpClass.COMPARE),
  HARDSWISH(OpClass.COMPARE),
  SIGMOID(OpClass.NONLINEAR),
  TANH(OpClass.NONLINEAR),
  /** One element of a softmax row: its share of max, subtract, exp, sum and divide. */
  SOFTMAX(OpClass.NONLINEAR),
  GELU(OpClass.NONLINEAR),
  SILU(OpClass.NONLINEAR),
  ELU(OpClass.NONLINEAR),
  HARDTANH(OpClass.COMPARE);

  private final OpClass opClass;

  Op(OpClass opClass) {
    this.opClass = opClass;
  }

  public OpClass opClass() {
    return opClass;
  }

  /** The op one element of {@code function} costs; null for the identity. */
  public static @Nullable Op of(ActivationFunction function) {
    return BY_ACTIVATION[function.ordinal()];
  }

  /** {@link #of} by ordinal, looked up once instead of by name on every layer counted. */
  private static final @Nullable Op[] BY_ACTIVATION = java.util.Arrays.stream(ActivationFunction.values())
      .map(f -> f == ActivationFunction.IDENTITY ? null : valueOf(f.name())).toArray(Op[]::new);
}
