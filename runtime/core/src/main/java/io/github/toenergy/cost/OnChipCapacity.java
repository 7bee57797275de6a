package io.github.toenergy.cost;

import io.github.toenergy.model.Format;

/** An arithmetic model with a known per-core cache size; every TO count is its base model's. */
record OnChipCapacity(ArithmeticModel base, long onChipBytes) implements ArithmeticModel {
  OnChipCapacity {
    if (base instanceof OnChipCapacity sized) {
      base = sized.base;
    }
    if (onChipBytes <= 0) {
      throw new IllegalArgumentException("the on-chip cache must be a positive number of bytes, got " + onChipBytes);
    }
  }

  @Override
  public String id() {
    return base.id();
  }

  @Override
  public long tos(Op op, Format format) {
    return base.tos(op, format);
  }

  @Override
  public long tosPerWordMoved(MemoryLevel level, Format format) {
    return base.tosPerWordMoved(level, format);
  }
}
