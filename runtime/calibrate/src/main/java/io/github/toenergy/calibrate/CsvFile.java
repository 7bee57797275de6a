package io.github.toenergy.calibrate;

import io.github.toenergy.text.InputText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A comma-separated file with a header line, read whole (or a tab-separated one, {@link
 * #readTabSeparated}). Fields may be quoted with {@code "..."} (a doubled {@code ""} inside stands for
 * one quote), so that a field can hold the separator. Every value
 * read through a {@link Row} that is not what was asked for becomes a
 * {@link MeasurementFormatException} naming file, line and column.
 */
public final class CsvFile {
  /** The largest file {@link #read} reads: 32 MiB, about 300,000 measurement lines. */
  public static final long MAX_BYTES = 32L << 20;
  /** The most data lines a file may have. */
  public static final int MAX_ROWS = 200_000;

  /** A whole number in ASCII digits, optionally with a zero fraction ({@code 2.0}). */
  private static final Pattern WHOLE = Pattern.compile("-?+[0-9]++(\\.[0-9]++)?+");
  /**
   * A decimal number in ASCII digits as {@link Double#parseDouble} reads it, without its hex and d/f forms.
   * Possessive and unambiguous, so a long token is matched in linear time (no backtracking).
   */
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?+(NaN|Infinity|([0-9]++(\\.[0-9]*+)?+|\\.[0-9]++)([eE][+-]?+[0-9]++)?+)");

  private final String name;
  private final List<String> header;
  private final Map<String, Integer> columns = new HashMap<>();
  private final List<Row> rows;

  private CsvFile(String name, List<String> header, List<Row> rows) {
    this.name = name;
    this.header = List.copyOf(header);
    for (int i = 0; i < header.size(); i++) {
      String column = header.get(i).strip();
      Integer first = columns.putIfAbsent(column, i);
      if (first != null && !column.isEmpty()) {
        throw new MeasurementFormatException(name, 1, i + 1, "column '" + InputText.excerpt(column)
            + "' appears twice in the header (fields " + (first + 1) + " and " + (i + 1) + "): which one is meant?");
      }
    }
    this.rows = rows;
  }

  /**
   * Reads {@code file} under the {@link InputText} rule: a regular file of at most {@link #MAX_BYTES}, strict
   * UTF-8, a byte-order mark skipped, no control characters; its name (not the whole path) is used in
   * messages about its content.
   */
  public static CsvFile read(Path file) {
    return read(file, ',');
  }

  /** As {@link #read}, for a file whose fields are separated by tabs (a {@code .tsv}). */
  public static CsvFile readTabSeparated(Path file) {
    return read(file, '\t');
  }

  private static CsvFile read(Path file, char separator) {
    String text;
    try {
      text = InputText.read(file, MAX_BYTES);
    } catch (IOException | SecurityException e) {
      throw new MeasurementFormatException(InputText.excerpt(file.toString()), e.getMessage());
    }
    return parse(file.getFileName().toString(), text, separator);
  }

  /**
   * Parses {@code text}, called {@code name} in messages: a leading byte-order mark is skipped, a control
   * character (other than tab and the line breaks) is an error naming its line, and so is a file of more
   * than {@link #MAX_ROWS} data lines.
   */
  public static CsvFile parse(String name, String text) {
    return parse(name, text, ',');
  }

  /** As {@link #parse(String, String)}, with fields separated by {@code separator} (a comma or a tab). */
  public static CsvFile parse(String name, String text, char separator) {
    text = InputText.withoutBom(text);
    List<Row> rows = new ArrayList<>();
    List<String> header = null;
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int control = InputText.firstControl(line);
      if (control < 0) control = line.indexOf('\r'); // a lone carriage return inside a line
      if (control >= 0) {
        throw new MeasurementFormatException(name, i + 1, 0, "control character "
            + InputText.excerpt(String.valueOf(line.charAt(control))) + " at character " + (control + 1)
            + " of the line");
      }
      if (line.isBlank()) {
        continue;
      }
      if (header != null && rows.size() == MAX_ROWS) {
        throw new MeasurementFormatException(name, i + 1, 0, "more than " + MAX_ROWS + " data lines, the limit of"
            + " one measurements file (fit a sample of them, or merge repeats of a workload into their median)");
      }
      List<String> fields = split(name, i + 1, line, separator);
      if (header == null) {
        header = fields;
      } else {
        rows.add(new Row(name, i + 1, fields));
      }
    }
    if (header == null) {
      throw new MeasurementFormatException(name, "is empty; expected a header line");
    }
    CsvFile csv = new CsvFile(name, header, rows);
    for (Row row : rows) {
      row.file = csv;
    }
    return csv;
  }

  private static List<String> split(String name, int lineNumber, String line, char separator) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    int n = line.length();
    while (true) {
      int start = i;
      while (i < n && line.charAt(i) == ' ') i++;
      if (i < n && line.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= n) {
            throw new MeasurementFormatException(name, lineNumber, fields.size() + 1,
                "quoted field is not closed: a field that starts with \" must end with \"");
          }
          char c = line.charAt(i);
          if (c == '"') {
            if (i + 1 < n && line.charAt(i + 1) == '"') {
              field.append('"');
              i += 2;
            } else {
              i++;
              break;
            }
          } else {
            field.append(c);
            i++;
          }
        }
        while (i < n && line.charAt(i) == ' ') i++;
        if (i < n && line.charAt(i) != separator) {
          throw new MeasurementFormatException(name, lineNumber, fields.size() + 1,
              "unexpected text after the closing quote of a quoted field");
        }
      } else {
        i = start;
        while (i < n && line.charAt(i) != separator) {
          field.append(line.charAt(i));
          i++;
        }
      }
      fields.add(field.toString());
      field.setLength(0);
      if (i >= n) {
        return fields;
      }
      i++; // the separator
    }
  }

  public String name() {
    return name;
  }

  public List<String> header() {
    return header;
  }

  public List<Row> rows() {
    return rows;
  }

  /** The 0-based index of {@code column}. @throws MeasurementFormatException when the header lacks it */
  public int column(String column) {
    Integer index = columns.get(column);
    if (index == null) {
      throw new MeasurementFormatException(name, 1, 0, "header has no column '" + InputText.excerpt(column)
          + "'; found " + InputText.excerpt(String.join(",", header)));
    }
    return index;
  }

  /** Whether the header has {@code column}. */
  public boolean has(String column) {
    return columns.containsKey(column);
  }

  /** One data line. */
  public static final class Row {
    private final String fileName;
    private final int line;
    private final List<String> fields;
    private CsvFile file;

    Row(String fileName, int line, List<String> fields) {
      this.fileName = fileName;
      this.line = line;
      this.fields = fields;
    }

    public int line() {
      return line;
    }

    public int size() {
      return fields.size();
    }

    /** The raw text of field {@code index} (0-based). */
    public String text(int index) {
      if (index >= fields.size()) {
        throw error(fields.size() + 1, "expected " + file.header.size() + " fields as in the header, found "
            + fields.size());
      }
      return fields.get(index).strip();
    }

    public String text(String column) {
      return text(file.column(column));
    }

    public double number(String column) {
      return number(file.column(column));
    }

    /** Field {@code index} as a finite decimal number in ASCII digits. */
    public double number(int index) {
      String text = text(index);
      double value;
      try {
        if (!DECIMAL.matcher(text).matches()) throw new NumberFormatException();
        value = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw error(index + 1, column(index) + " '" + InputText.excerpt(text) + "' is not a number"
            + (hasOtherDigits(text) ? " in ASCII digits" : ""));
      }
      if (!Double.isFinite(value)) {
        throw error(index + 1, column(index) + " '" + InputText.excerpt(text) + "' is not a finite number");
      }
      return value;
    }

    private String column(int index) {
      return InputText.excerpt(file.header.get(index).strip());
    }

    /** Whether {@code text} has a digit of another script ({@code ٣}), which no number here accepts. */
    private static boolean hasOtherDigits(String text) {
      return text.chars().anyMatch(c -> Character.isDigit(c) && (c < '0' || c > '9'));
    }

    public int integer(String column) {
      return integer(file.column(column));
    }

    /** Field {@code index} as an int; a number with a zero fraction such as {@code 2.0} is accepted. */
    public int integer(int index) {
      String text = text(index);
      double value = number(index);
      if (!WHOLE.matcher(text).matches() || value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
        throw error(index + 1, column(index) + " '" + InputText.excerpt(text) + "' is not a whole number");
      }
      return (int) value;
    }

    /** Field {@code index} as a long in ASCII digits, optionally negative. */
    public long longValue(int index) {
      String text = text(index);
      try {
        if (!InputText.isAsciiDigits(text.startsWith("-") ? text.substring(1) : text)) {
          throw new NumberFormatException();
        }
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw error(index + 1, column(index) + " '" + InputText.excerpt(text) + "' is not a whole number"
            + (hasOtherDigits(text) ? " in ASCII digits" : ""));
      }
    }

    public MeasurementFormatException error(int column, String problem) {
      return new MeasurementFormatException(fileName, line, column, problem);
    }
  }
}
