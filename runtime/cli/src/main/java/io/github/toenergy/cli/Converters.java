package io.github.toenergy.cli;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.model.Format;
import io.github.toenergy.text.InputText;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values, checked under the project's one text rule ({@link InputText}): numbers are ASCII
 * digits only ({@code --batch ٤} is refused, not read as 4), and a bad value is quoted as a short
 * escaped excerpt. {@link Main} prefixes each message with the option's name.
 */
final class Converters {
  private Converters() {}

  /** A whole number from 1 to {@link Long#MAX_VALUE}. */
  static final class PositiveLong implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      return positive(value, Long.MAX_VALUE);
    }
  }

  /** A whole number from 1 to {@link Integer#MAX_VALUE} (a batch is an array size). */
  static final class PositiveInt implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return (int) positive(value, Integer.MAX_VALUE);
    }
  }

  /** {@code inference}, {@code training}, {@code prefill} or {@code decode}, as the contract spells them. */
  static final class PhaseName implements ITypeConverter<Phase> {
    @Override
    public Phase convert(String value) {
      return switch (value) {
        case "inference" -> Phase.INFERENCE;
        case "training" -> Phase.TRAINING;
        case "prefill" -> Phase.PREFILL;
        case "decode" -> Phase.DECODE;
        default -> throw new TypeConversionException("must be inference, training, prefill or decode, got '"
            + InputText.excerpt(value) + "'");
      };
    }
  }

  /** A number {@link Format} by its name in lower case ({@code bf16}, {@code fp32}, ...): every format the runtime has. */
  static final class PrecisionName implements ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      for (Format f : Format.values()) {
        if (f.name().toLowerCase(java.util.Locale.ROOT).equals(value)) {
          return f;
        }
      }
      throw new TypeConversionException("must be one of " + String.join(", ", new Precisions()) + ", got '"
          + InputText.excerpt(value) + "'");
    }
  }

  /** Completion candidates of {@code --precision}: the runtime's number formats. */
  static final class Precisions extends java.util.ArrayList<String> {
    private static final long serialVersionUID = 1L;

    Precisions() {
      for (Format f : Format.values()) {
        add(f.name().toLowerCase(java.util.Locale.ROOT));
      }
    }
  }

  /** {@code table}, {@code json} or {@code csv}. */
  static final class OutputFormatName implements ITypeConverter<EstimateFormats.Style> {
    @Override
    public EstimateFormats.Style convert(String value) {
      return switch (value) {
        case "table" -> EstimateFormats.Style.TABLE;
        case "json" -> EstimateFormats.Style.JSON;
        case "csv" -> EstimateFormats.Style.CSV;
        default -> throw new TypeConversionException("must be table, json or csv, got '" + InputText.excerpt(value)
            + "'");
      };
    }
  }

  /** Completion candidates of {@code --phase}. */
  static final class Phases extends java.util.ArrayList<String> {
    private static final long serialVersionUID = 1L;

    Phases() {
      super(java.util.List.of("inference", "training", "prefill", "decode"));
    }
  }

  /** Completion candidates of {@code --format}. */
  static final class Styles extends java.util.ArrayList<String> {
    private static final long serialVersionUID = 1L;

    Styles() {
      super(java.util.List.of("table", "json", "csv"));
    }
  }

  private static long positive(String value, long max) {
    if (InputText.isAsciiDigits(value)) {
      try {
        long n = Long.parseLong(value);
        if (n > 0 && n <= max) {
          return n;
        }
        if (n > max) {
          throw new TypeConversionException("must be at most " + max + ", got " + value);
        }
      } catch (NumberFormatException e) {
        throw new TypeConversionException("must be at most " + max + ", got '" + InputText.excerpt(value) + "'");
      }
    }
    throw new TypeConversionException("must be a positive whole number, got '" + InputText.excerpt(value) + "'");
  }
}
