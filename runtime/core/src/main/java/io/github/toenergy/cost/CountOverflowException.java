package io.github.toenergy.cost;

/**
 * A count that does not fit a {@code long}, or an energy that does not fit a finite
 * {@code double}; never wrapped, always reported with the network and layer.
 */
public final class CountOverflowException extends ArithmeticException {
  private static final long serialVersionUID = 1L;

  public CountOverflowException(String where) {
    super(where + ": count exceeds 2^63-1 (9.2e18); use a smaller batch or split the workload");
  }

  /**
   * {@code count} as a long.
   *
   * @param exact the accessor of the exact count, e.g. {@code tosExact()}, named in the message
   * @throws CountOverflowException naming {@code where} when the count exceeds 2^63-1
   */
  public static long exact(java.math.BigInteger count, String where, String exact) {
    if (count.bitLength() >= Long.SIZE) {
      throw new CountOverflowException(where, count + " exceeds 2^63-1 (9.2e18); use " + exact);
    }
    return count.longValue();
  }

  /** {@code where} and a problem other than a count beyond a long. */
  public CountOverflowException(String where, String problem) {
    super(where + ": " + problem);
  }
}
