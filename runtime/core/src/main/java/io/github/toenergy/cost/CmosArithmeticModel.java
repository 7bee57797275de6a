package io.github.toenergy.cost;

import io.github.toenergy.model.Format;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The default arithmetic model, as in Li, Tsourdos and Guo (arXiv 2205.15062): each ALU task costs
 * the transistors of a textbook static-CMOS circuit built from the {@link Gates} library, sized by
 * the IEEE-754 field widths of the {@link Format}. Every formula is derived with numbers in
 * docs/method.md. Immutable; a profile may override single primitives with
 * {@link #withOverride(Op, Format, long)}.
 */
public final class CmosArithmeticModel extends TableArithmeticModel {
  public static final String ID = "cmos";
  /** Newton-Raphson steps of divide: an 8-bit seed doubles to 16 then 32 correct bits (FP32). */
  public static final int DEFAULT_DIVIDE_ITERATIONS = 2;
  /** Newton-Raphson steps of reciprocal square root, as for divide. */
  public static final int DEFAULT_SQRT_ITERATIONS = 2;
  /** Polynomial terms of exp after range reduction: degree 6 reaches FP32 precision on [-ln2/2, ln2/2]. */
  public static final int DEFAULT_EXP_TERMS = 6;

  static final CmosArithmeticModel DEFAULT =
      new CmosArithmeticModel(DEFAULT_DIVIDE_ITERATIONS, DEFAULT_SQRT_ITERATIONS, DEFAULT_EXP_TERMS, Map.of());

  private final int divideIterations;
  private final int sqrtIterations;
  private final int expTerms;
  private final Map<Format, Map<Op, Long>> overrides;

  private CmosArithmeticModel(int divideIterations, int sqrtIterations, int expTerms,
      Map<Format, Map<Op, Long>> overrides) {
    if (divideIterations < 0 || sqrtIterations < 0 || expTerms < 1) {
      throw new IllegalArgumentException("iterations must be >= 0 and exp terms >= 1");
    }
    this.divideIterations = divideIterations;
    this.sqrtIterations = sqrtIterations;
    this.expTerms = expTerms;
    this.overrides = overrides;
    build();
  }

  /** The default circuits with other iteration counts. */
  public static CmosArithmeticModel of(int divideIterations, int sqrtIterations, int expTerms) {
    return new CmosArithmeticModel(divideIterations, sqrtIterations, expTerms, Map.of());
  }

  /** This model with {@code op} in {@code format} priced at {@code tos} (e.g. a hardware exp unit). */
  public CmosArithmeticModel withOverride(Op op, Format format, long tos) {
    if (tos < 0) {
      throw new IllegalArgumentException("TOs must not be negative: " + op + " " + format + " = " + tos);
    }
    Map<Format, Map<Op, Long>> copy = new EnumMap<>(Format.class);
    overrides.forEach((f, m) -> copy.put(f, new EnumMap<>(m)));
    copy.computeIfAbsent(format, f -> new EnumMap<>(Op.class)).put(op, tos);
    return new CmosArithmeticModel(divideIterations, sqrtIterations, expTerms, copy);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public long tosPerWordMoved(MemoryLevel level, Format format) {
    return 0; // data movement is the regression's bytes feature in this model
  }

  @Override
  protected OptionalLong priced(Op op, Format format) {
    Long override = overrides.getOrDefault(format, Map.of()).get(op);
    if (override != null) {
      return OptionalLong.of(override);
    }
    return switch (op) {
      case ADD -> OptionalLong.of(add(format));
      case MULTIPLY -> OptionalLong.of(multiply(format));
      case MAC -> OptionalLong.of(multiply(format) + add(format.accumulator()) + blockScalePerMac(format));
      case COMPARE -> OptionalLong.of(compare(format.bits()));
      case DIVIDE -> OptionalLong.of(divideIterations * (2 * multiply(format) + add(format)) + multiply(format));
      case SQRT -> OptionalLong.of(sqrtIterations * (3 * multiply(format) + add(format)) + multiply(format));
      case EXP -> OptionalLong.of(exp(format));
      default -> OptionalLong.empty();
    };
  }

  /**
   * An MX format's share of its block scales in one MAC (OCP MX v1.0, section 6: a dot product of
   * two blocks is 2^(X_a + X_b) times the sum of the element products): per block of k MACs, an
   * E8M0 adder sums the two scales and a second one adds the sum into the FP32 partial sum's
   * exponent, 2 x 8 FA = 448 TOs, or 448 / 32 = 14 per MAC. 0 for formats without a block scale.
   */
  static long blockScalePerMac(Format f) {
    return f.blockSize() == 0 ? 0 : 2 * integerAdd(Format.SCALE_BITS) / f.blockSize();
  }

  // ---- integer circuits --------------------------------------------------------------------

  /** n-bit ripple-carry adder: n full adders. */
  static long integerAdd(int n) {
    return (long) n * Gates.FULL_ADDER;
  }

  /** n-bit comparator as a subtractor: n inverters on one operand and n full adders. */
  static long compare(int n) {
    return (long) n * (Gates.FULL_ADDER + Gates.INV);
  }

  /** n x n array multiplier: n^2 AND2 partial products, n(n-1) full adders to sum them. */
  static long integerMultiply(int n) {
    return (long) n * n * Gates.AND2 + (long) n * (n - 1) * Gates.FULL_ADDER;
  }

  /** Stages of a barrel shifter over {@code width} bits: ceil(log2(width)). */
  static int shifterStages(int width) {
    return 32 - Integer.numberOfLeadingZeros(width - 1);
  }

  // ---- floating-point circuits (integer formats fall back to the integer circuits) ----------

  /**
   * Floating add: exponent difference (e-bit subtractor), operand swap (2p MUX2), alignment
   * shifter (p x stages MUX2, stages over p+3 bits), significand adder with guard/round/sticky
   * ((p+3) full adders), leading-zero detector (p OR2), normalisation shifter (as alignment),
   * exponent adjust (e full adders), rounding incrementer (p half adders).
   */
  static long add(Format f) {
    if (!f.isFloatingPoint()) {
      return integerAdd(f.bits());
    }
    int e = f.exponentBits();
    int p = f.significandBits();
    long shifter = (long) p * shifterStages(p + 3) * Gates.MUX2;
    return compare(e)
        + 2L * p * Gates.MUX2
        + shifter
        + (long) (p + 3) * Gates.FULL_ADDER
        + (long) p * Gates.OR2
        + shifter
        + integerAdd(e)
        + (long) p * Gates.HALF_ADDER;
  }

  /**
   * Floating multiply: exponent add (e full adders) and bias subtract (e-bit subtractor), p x p
   * significand array multiplier, one-bit normalisation (p MUX2), rounding incrementer (p half
   * adders), sign (one XOR2).
   */
  static long multiply(Format f) {
    if (!f.isFloatingPoint()) {
      return integerMultiply(f.bits());
    }
    int e = f.exponentBits();
    int p = f.significandBits();
    return integerAdd(e) + compare(e) + integerMultiply(p) + (long) p * Gates.MUX2
        + (long) p * Gates.HALF_ADDER + Gates.XOR2;
  }

  /**
   * exp by range reduction: k = round(x log2 e) and r = x - k ln 2 (2 multiplies, 2 adds), a
   * Horner polynomial of {@code expTerms} terms (one multiply and one add each), and the scaling
   * by 2^k: an e-bit exponent add (floating) or a barrel shift (integer).
   */
  private long exp(Format f) {
    long scale = f.isFloatingPoint()
        ? integerAdd(f.exponentBits())
        : (long) f.bits() * shifterStages(f.bits()) * Gates.MUX2;
    return (2L + expTerms) * (multiply(f) + add(f)) + scale;
  }
}
