package io.github.toenergy.annotations;

/** The number format a network computes in; it selects the arithmetic circuits that are costed. */
public enum NumberFormat {
  /** IEEE-754 binary32: 1 sign, 8 exponent, 23 fraction bits. */
  FP32,
  /** IEEE-754 binary16: 1 sign, 5 exponent, 10 fraction bits. */
  FP16,
  /** bfloat16: 1 sign, 8 exponent, 7 fraction bits. */
  BF16,
  /** 8-bit two's-complement integers (accumulating in 32 bits). */
  INT8,
  /** 32-bit two's-complement integers. */
  INT32,
  /** OCP FP8 E4M3: 1 sign, 4 exponent, 3 fraction bits (accumulating in FP32). */
  FP8,
  /** OCP MXFP4: E2M1 elements, one 8-bit E8M0 scale per block of 32 (4.25 bits a value). */
  MXFP4
}
