package io.github.toenergy.energy;

import io.github.toenergy.cost.OpClass;
import org.jspecify.annotations.Nullable;

/**
 * A named input of an energy model. Each is linear in the batch size within one step, and is
 * multiplied by the number of steps of a run, except {@link #RUN}, the fixed per-run overhead.
 */
public enum Feature {
  /** Transistor operations of the profile's arithmetic model, data movement included where it prices it. */
  TOS("tos", null),
  /** TOs of adds, multiplies and MACs. */
  TOS_LINEAR("tos_linear", OpClass.LINEAR),
  /** TOs of comparisons and piecewise-linear activations. */
  TOS_COMPARE("tos_compare", OpClass.COMPARE),
  /** TOs of divide, sqrt, exp and the smooth activations. */
  TOS_NONLINEAR("tos_nonlinear", OpClass.NONLINEAR),
  /** Multiply-accumulates: the FLOPs proxy. */
  MACS("macs", null),
  /** Bytes moved between memory and the ALU. */
  BYTES("bytes", null),
  /** Costed layers (kernel launches, framework dispatch). */
  LAYERS("layers", null),
  /** One per step: a per-batch constant. */
  STEPS("steps", null),
  /** One per whole run, zero for a single step: process start-up and the like. */
  RUN("run", null);

  private final String key;
  private final @Nullable OpClass opClass;

  Feature(String key, @Nullable OpClass opClass) {
    this.key = key;
    this.opClass = opClass;
  }

  /** The name used in profile files. */
  public String key() {
    return key;
  }

  @Nullable OpClass opClass() {
    return opClass;
  }

  /** The feature named {@code key} in a profile file. */
  public static Feature byKey(String key) {
    for (Feature f : values()) {
      if (f.key.equals(key)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown feature '" + key + "'");
  }
}
