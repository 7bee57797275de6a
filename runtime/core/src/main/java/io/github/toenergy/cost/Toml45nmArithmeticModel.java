package io.github.toenergy.cost;

import io.github.toenergy.model.Format;
import java.util.OptionalLong;

/**
 * The energy-weighted FP32 table of TOML (Syed et al., FLAIRS-39, 2026), where 1 TO is about 1 fJ
 * at 45 nm. The table prices MAC, divide, square root, exp, tanh, sigmoid, GELU, softmax, ReLU,
 * compare and memory words; add and multiply alone are not in it and take Horowitz's 45 nm FP32
 * figures (ISSCC 2014: add 0.9 pJ, multiply 3.7 pJ, whose sum matches TOML's MAC). Other
 * activations are composed as in the default model. The same prices apply to every format: the
 * table is FP32-only and does not say how to scale it.
 */
final class Toml45nmArithmeticModel extends TableArithmeticModel {
  static final String ID = "toml-45nm";
  static final Toml45nmArithmeticModel INSTANCE = new Toml45nmArithmeticModel();

  /** TOML: one FP32 multiply-accumulate. */
  private static final long MAC = 5_000;
  /** TOML: divide and square root share one iterative unit. */
  private static final long DIVIDE_OR_SQRT = 15_000;
  /** TOML: exp. */
  private static final long EXP = 18_000;
  /** TOML: tanh. */
  private static final long TANH = 15_000;
  /** TOML: sigmoid. */
  private static final long SIGMOID = 18_000;
  /** TOML: GELU. */
  private static final long GELU = 20_000;
  /** TOML: softmax, per element. */
  private static final long SOFTMAX = 25_000;
  /** TOML: ReLU. */
  private static final long RELU = 100;
  /** TOML: compare. */
  private static final long COMPARE = 50;
  /** Horowitz, ISSCC 2014, 45 nm: FP32 add 0.9 pJ. */
  private static final long ADD = 900;
  /** Horowitz, ISSCC 2014, 45 nm: FP32 multiply 3.7 pJ. */
  private static final long MULTIPLY = 3_700;
  /** TOML: one word read from on-chip SRAM. */
  private static final long SRAM_WORD = 192;
  /** TOML: one word read from HBM (off-chip). */
  private static final long HBM_WORD = 10_000;

  private Toml45nmArithmeticModel() {
    build();
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  protected OptionalLong priced(Op op, Format format) {
    return switch (op) {
      case MAC -> OptionalLong.of(MAC);
      case ADD -> OptionalLong.of(ADD);
      case MULTIPLY -> OptionalLong.of(MULTIPLY);
      case COMPARE -> OptionalLong.of(COMPARE);
      case DIVIDE, SQRT -> OptionalLong.of(DIVIDE_OR_SQRT);
      case EXP -> OptionalLong.of(EXP);
      case TANH -> OptionalLong.of(TANH);
      case SIGMOID -> OptionalLong.of(SIGMOID);
      case GELU -> OptionalLong.of(GELU);
      case SOFTMAX -> OptionalLong.of(SOFTMAX);
      case RELU -> OptionalLong.of(RELU);
      default -> OptionalLong.empty();
    };
  }

  @Override
  public long tosPerWordMoved(MemoryLevel level, Format format) {
    return level == MemoryLevel.MAIN ? HBM_WORD : SRAM_WORD;
  }
}
