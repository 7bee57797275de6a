package io.github.toenergy.calibrate;

/**
 * A measurement file that cannot be used. The message reads {@code file:line:column: problem}
 * (line and column 1-based; the column is the comma-separated field), or {@code file: problem}
 * when the problem is the whole file.
 */
public final class MeasurementFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final int column;

  public MeasurementFormatException(String file, int line, int column, String problem) {
    super(file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + problem);
    this.file = file;
    this.line = line;
    this.column = column;
  }

  /** A problem with the whole file. */
  public MeasurementFormatException(String file, String problem) {
    this(file, 0, 0, problem);
  }

  public String file() {
    return file;
  }

  /** 1-based line, 0 when the problem is the whole file. */
  public int line() {
    return line;
  }

  /** 1-based field number, 0 when the problem is the whole line or file. */
  public int column() {
    return column;
  }
}
