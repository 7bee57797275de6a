package io.github.toenergy.energy;

import io.github.toenergy.cost.CountOverflowException;
import io.github.toenergy.model.LayerKind;
import java.math.BigInteger;

/**
 * One layer's part of an estimate.
 *
 * @param name row name, e.g. {@code conv2d_1}
 * @param kind the layer's kind ({@link LayerKind#RESIDUAL} for the sum that closes a residual block)
 * @param notation the layer in text notation
 * @param tosExact transistor operations of the layer in the workload, exact (a decode's can exceed a long)
 * @param macsExact multiply-accumulates of the layer in the workload, exact
 * @param bytes bytes the layer moves in the workload
 * @param joules the layer's share of the estimate's joules
 * @param share fraction of the estimate's joules, 0 to 1
 */
public record LayerEstimate(String name, LayerKind kind, String notation, BigInteger tosExact, BigInteger macsExact,
    long bytes, double joules, double share) {

  /**
   * {@link #tosExact()} as a long.
   *
   * @throws CountOverflowException naming the layer's row when the count exceeds 2^63-1 (only in a prefill or decode)
   */
  public long tos() {
    return CountOverflowException.exact(tosExact, name, "tosExact()");
  }

  /**
   * {@link #macsExact()} as a long.
   *
   * @throws CountOverflowException naming the layer's row when the count exceeds 2^63-1, as {@link #tos()}
   */
  public long macs() {
    return CountOverflowException.exact(macsExact, name, "macsExact()");
  }
}
