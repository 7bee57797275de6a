package io.github.toenergy.cost;

/** A count that does not fit a {@code long}; never wrapped, always reported with the layer. */
public final class CountOverflowException extends ArithmeticException {
  private static final long serialVersionUID = 1L;

  public CountOverflowException(String where) {
    super(where + ": count exceeds 2^63-1 (9.2e18); use a smaller batch or split the workload");
  }
}
