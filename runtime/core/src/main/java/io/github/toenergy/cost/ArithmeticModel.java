package io.github.toenergy.cost;

import io.github.toenergy.model.Format;

/**
 * Maps each ALU task, in a number format, to the transistor operations (TOs) of the circuit that
 * performs it. Implementations are immutable and safe to share between threads.
 */
public interface ArithmeticModel {

  /** Stable id used in profiles and reports, e.g. {@code cmos} or {@code toml-45nm}. */
  String id();

  /** TOs of one {@code op} in {@code format}; never negative. */
  long tos(Op op, Format format);

  /**
   * TOs charged for moving one value of {@code format} between memory and the ALU; 0 in models
   * where data movement is a separate regression feature (bytes) instead.
   */
  long tosPerWordMoved(MemoryLevel level, Format format);

  /**
   * Bytes of cache that one core's working set can use (the L2 of a CPU core), or 0 where unknown. A
   * convolution re-reads its input for every block of output channels; when its activations do not fit
   * here, those re-reads come from the shared cache or DRAM, which {@link
   * io.github.toenergy.energy.Feature#TOS_SPILLED} prices. It changes no TO count.
   */
  default long onChipBytes() {
    return 0;
  }

  /**
   * This model with {@link #onChipBytes()} = {@code bytes}, a hardware fact from the CPU's data sheet.
   *
   * @throws IllegalArgumentException unless {@code bytes} is positive
   */
  default ArithmeticModel withOnChipBytes(long bytes) {
    return new OnChipCapacity(this, bytes);
  }

  /** Where a moved value lives: weights come from main memory, activations from on-chip SRAM. */
  enum MemoryLevel {
    /** Off-chip DRAM/HBM: the weights of a layer. */
    MAIN,
    /** On-chip SRAM/cache: activations passed between layers. */
    ON_CHIP
  }

  /** The default: textbook static-CMOS circuits with the default iteration counts. */
  static ArithmeticModel cmos() {
    return CmosArithmeticModel.DEFAULT;
  }

  /** The energy-weighted FP32 table of TOML (Syed et al., FLAIRS-39, 2026). */
  static ArithmeticModel toml45nm() {
    return Toml45nmArithmeticModel.INSTANCE;
  }

  /** A model by id: {@code cmos} or {@code toml-45nm}. */
  static ArithmeticModel byId(String id) {
    return switch (id) {
      case CmosArithmeticModel.ID -> cmos();
      case Toml45nmArithmeticModel.ID -> toml45nm();
      default -> throw new IllegalArgumentException("unknown arithmetic model '" + id + "', expected cmos or toml-45nm");
    };
  }
}
