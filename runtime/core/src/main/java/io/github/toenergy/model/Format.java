package io.github.toenergy.model;

import io.github.toenergy.annotations.NumberFormat;
import java.util.Locale;

/**
 * A number format and its field widths, which size every arithmetic circuit of the TO model.
 * Floating formats follow IEEE-754 (bfloat16 keeps binary32's exponent) or the OCP 8-bit and
 * microscaling specifications; integer formats have no exponent.
 */
public enum Format {
  FP32(32, 8, 23, 0),
  FP16(16, 5, 10, 0),
  BF16(16, 8, 7, 0),
  /** Products are accumulated in 32 bits, as in every INT8 dot-product unit. */
  INT8(8, 0, 0, 0),
  INT32(32, 0, 0, 0),
  /**
   * OCP 8-bit Floating Point (OFP8, rev. 1.0) E4M3, the format of FP8 LLM weights; products are
   * accumulated in FP32, as in the FP8 tensor cores of H100 and B200.
   */
  FP8(8, 4, 3, 0),
  /**
   * OCP Microscaling (MX, v1.0) MXFP4: E2M1 elements with one E8M0 scale per block of 32; products
   * are accumulated in FP32, as the spec's dot product returns.
   */
  MXFP4(4, 2, 1, 32);

  /** Width of an MX block's shared E8M0 scale (OCP MX v1.0, section 5.2). */
  public static final int SCALE_BITS = 8;

  private final int bits;
  private final int exponentBits;
  private final int fractionBits;
  private final int blockSize;

  Format(int bits, int exponentBits, int fractionBits, int blockSize) {
    this.bits = bits;
    this.exponentBits = exponentBits;
    this.fractionBits = fractionBits;
    this.blockSize = blockSize;
  }

  /** Storage width of one element in bits, without a block's shared scale. */
  public int bits() {
    return bits;
  }

  /**
   * Bytes that {@code values} values occupy in memory, exact: for MXFP4 whole blocks of 32 elements
   * and their scale (32 x 4 + 8 bits = 17 bytes), a partial last block stored padded to a whole one.
   *
   * @throws ArithmeticException on overflow
   */
  public long bytes(long values) {
    if (blockSize == 0) {
      return Math.multiplyExact(values, bits / 8);
    }
    long blocks = Math.addExact(values, blockSize - 1) / blockSize;
    return Math.multiplyExact(blocks, (blockSize * bits + SCALE_BITS) / 8);
  }

  /** Mean bytes per value, scales included: 4.25 bits = 0.53125 bytes for MXFP4. */
  public double bytesPerValue() {
    return blockSize == 0 ? bits / 8.0 : (blockSize * bits + SCALE_BITS) / 8.0 / blockSize;
  }

  /** Elements that share one scale; 0 where each value stands alone. */
  public int blockSize() {
    return blockSize;
  }

  /** Exponent field width; 0 for integers. */
  public int exponentBits() {
    return exponentBits;
  }

  /** Significand width including the hidden bit (p); the full width for integers. */
  public int significandBits() {
    return isFloatingPoint() ? fractionBits + 1 : bits;
  }

  public boolean isFloatingPoint() {
    return exponentBits > 0;
  }

  /**
   * Width of the accumulator a MAC adds into: formats of 8 bits or fewer sum their products in 32 bits
   * (INT8 into INT32, FP8 and MXFP4 into FP32, as their dot-product units do); wider ones in themselves.
   */
  public Format accumulator() {
    return bits > 8 ? this : isFloatingPoint() ? FP32 : INT32;
  }

  /**
   * The format of the activations and of a generation's cache (key/value, latent, state) when the weights are in
   * this one: bf16 for weights narrower than 16 bits, else the weights' own. FP8, MXFP4 and INT8 checkpoints
   * quantize the weights only; vLLM (the server of the data the h100 and b200 profiles are fitted on) keeps the
   * cache in the model's activation dtype by default ({@code --kv-cache-dtype auto}).
   */
  public Format activation() {
    return bits < 16 ? BF16 : this;
  }

  public static Format of(NumberFormat format) {
    return valueOf(format.name());
  }

  /** Parses {@code fp32}, {@code FP16}, {@code mxfp4}, ... ignoring case. */
  public static Format parse(String text) {
    StringBuilder names = new StringBuilder();
    for (Format f : values()) {
      if (f.name().equalsIgnoreCase(text)) {
        return f;
      }
      names.append(names.length() == 0 ? "" : ", ").append(f.name().toLowerCase(Locale.ROOT));
    }
    throw new IllegalArgumentException("unknown number format '" + text + "', expected one of " + names);
  }
}
