package io.github.toenergy.cli;

import io.github.toenergy.annotations.Phase;
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

  /** {@code inference} or {@code training}, as the contract spells them. */
  static final class PhaseName implements ITypeConverter<Phase> {
    @Override
    public Phase convert(String value) {
      return switch (value) {
        case "inference" -> Phase.INFERENCE;
        case "training" -> Phase.TRAINING;
        default -> throw new TypeConversionException("must be inference or training, got '"
            + InputText.excerpt(value) + "'");
      };
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
      super(java.util.List.of("inference", "training"));
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
