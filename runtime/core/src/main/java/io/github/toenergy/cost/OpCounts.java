package io.github.toenergy.cost;

import io.github.toenergy.model.Format;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Exact counts of each {@link Op}. Immutable; arithmetic on it never wraps. */
public final class OpCounts {
  private static final Op[] OPS = Op.values();
  public static final OpCounts ZERO = new OpCounts(new long[OPS.length]);

  private final long[] counts;

  private OpCounts(long[] counts) {
    this.counts = counts;
  }

  public static Builder builder() {
    return new Builder();
  }

  public long get(Op op) {
    return counts[op.ordinal()];
  }

  public boolean isZero() {
    for (long c : counts) {
      if (c != 0) return false;
    }
    return true;
  }

  /** Every count times {@code factor}. @throws ArithmeticException on overflow */
  public OpCounts times(long factor) {
    long[] out = new long[counts.length];
    for (int i = 0; i < counts.length; i++) {
      out[i] = Math.multiplyExact(counts[i], factor);
    }
    return new OpCounts(out);
  }

  /** @throws ArithmeticException on overflow */
  public OpCounts plus(OpCounts other) {
    long[] out = new long[counts.length];
    for (int i = 0; i < counts.length; i++) {
      out[i] = Math.addExact(counts[i], other.counts[i]);
    }
    return new OpCounts(out);
  }

  /** Transistor operations of these ops in {@code model}. @throws ArithmeticException on overflow */
  public long tos(ArithmeticModel model, Format format) {
    return tos(model, format, null);
  }

  /** TOs of the ops of one class only ({@code null}: all). @throws ArithmeticException on overflow */
  public long tos(ArithmeticModel model, Format format, @Nullable OpClass only) {
    long total = 0;
    for (Op op : OPS) {
      long n = counts[op.ordinal()];
      if (n != 0 && (only == null || op.opClass() == only)) {
        total = Math.addExact(total, Math.multiplyExact(n, model.tos(op, format)));
      }
    }
    return total;
  }

  /** The non-zero counts, in {@link Op} order. */
  public Map<Op, Long> asMap() {
    Map<Op, Long> map = new EnumMap<>(Op.class);
    for (Op op : OPS) {
      if (counts[op.ordinal()] != 0) map.put(op, counts[op.ordinal()]);
    }
    return map;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OpCounts other && Arrays.equals(counts, other.counts);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return asMap().toString();
  }

  /** Accumulates counts; overflow throws. */
  public static final class Builder {
    private final long[] counts = new long[OPS.length];

    private Builder() {}

    /** Adds {@code n} of {@code op}. */
    public Builder add(Op op, long n) {
      counts[op.ordinal()] = Math.addExact(counts[op.ordinal()], n);
      return this;
    }

    /** Adds {@code perElement} of {@code op} for each of {@code elements}. */
    public Builder add(Op op, long perElement, long elements) {
      return add(op, Math.multiplyExact(perElement, elements));
    }

    public Builder addAll(OpCounts other) {
      for (int i = 0; i < counts.length; i++) {
        counts[i] = Math.addExact(counts[i], other.counts[i]);
      }
      return this;
    }

    public OpCounts build() {
      return new OpCounts(counts.clone());
    }
  }
}
