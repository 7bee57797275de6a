package io.github.toenergy.model;

import io.github.toenergy.annotations.NumberFormat;

/**
 * A number format and its field widths, which size every arithmetic circuit of the TO model.
 * Floating formats follow IEEE-754 (bfloat16 keeps binary32's exponent); integer formats have no
 * exponent.
 */
public enum Format {
  FP32(32, 8, 23),
  FP16(16, 5, 10),
  BF16(16, 8, 7),
  /** Products are accumulated in 32 bits, as in every INT8 dot-product unit. */
  INT8(8, 0, 0),
  INT32(32, 0, 0);

  private final int bits;
  private final int exponentBits;
  private final int fractionBits;

  Format(int bits, int exponentBits, int fractionBits) {
    this.bits = bits;
    this.exponentBits = exponentBits;
    this.fractionBits = fractionBits;
  }

  /** Storage width in bits. */
  public int bits() {
    return bits;
  }

  /** Bytes one value occupies in memory. */
  public int bytes() {
    return bits / 8;
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

  /** Width of the accumulator a MAC adds into: 32 bits for INT8, the format itself otherwise. */
  public Format accumulator() {
    return this == INT8 ? INT32 : this;
  }

  public static Format of(NumberFormat format) {
    return valueOf(format.name());
  }

  /** Parses {@code fp32}, {@code FP16}, ... ignoring case. */
  public static Format parse(String text) {
    for (Format f : values()) {
      if (f.name().equalsIgnoreCase(text)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown number format '" + text + "', expected one of fp32, fp16, bf16, int8, int32");
  }
}
