package io.github.toenergy.cost;

import io.github.toenergy.model.Format;
import java.util.Map;
import java.util.OptionalLong;

/**
 * An arithmetic model that prices some ops directly and composes the rest by {@link Composition};
 * the whole table is computed once so that {@link #tos} is an array lookup.
 */
abstract class TableArithmeticModel implements ArithmeticModel {
  private final long[][] table = new long[Format.values().length][Op.values().length];
  private boolean built;

  /** The TOs of {@code op} if this model prices it directly; empty to compose it. */
  protected abstract OptionalLong priced(Op op, Format format);

  /** Fills the table; call at the end of the subclass constructor. */
  protected final void build() {
    for (Format format : Format.values()) {
      for (Op op : Op.values()) {
        table[format.ordinal()][op.ordinal()] = compute(op, format);
      }
    }
    built = true;
  }

  private long compute(Op op, Format format) {
    OptionalLong direct = priced(op, format);
    if (direct.isPresent()) {
      return direct.getAsLong();
    }
    Map<Op, Integer> parts = Composition.partsOf(op);
    if (parts.isEmpty()) {
      throw new IllegalStateException(id() + " prices no circuit for " + op);
    }
    long total = 0;
    for (Map.Entry<Op, Integer> part : parts.entrySet()) {
      total = Math.addExact(total, Math.multiplyExact(part.getValue(), compute(part.getKey(), format)));
    }
    return total;
  }

  @Override
  public final long tos(Op op, Format format) {
    if (!built) {
      throw new IllegalStateException("table not built");
    }
    return table[format.ordinal()][op.ordinal()];
  }
}
