package io.github.toenergy.calibrate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A comma-separated file with a header line, read whole. Fields may be quoted with {@code "..."}
 * (a doubled {@code ""} inside stands for one quote), so that a field can hold commas. Every value
 * read through a {@link Row} that is not what was asked for becomes a
 * {@link MeasurementFormatException} naming file, line and column.
 */
public final class CsvFile {
  private final String name;
  private final List<String> header;
  private final Map<String, Integer> columns = new HashMap<>();
  private final List<Row> rows;

  private CsvFile(String name, List<String> header, List<Row> rows) {
    this.name = name;
    this.header = List.copyOf(header);
    for (int i = 0; i < header.size(); i++) {
      columns.putIfAbsent(header.get(i).strip(), i);
    }
    this.rows = rows;
  }

  /** Reads {@code file}; its name (not the whole path) is used in messages. */
  public static CsvFile read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MeasurementFormatException(file.toString(), "cannot be read: " + e.getMessage());
    }
    return parse(file.getFileName().toString(), text);
  }

  /** Parses {@code text}, called {@code name} in messages. */
  public static CsvFile parse(String name, String text) {
    List<Row> rows = new ArrayList<>();
    List<String> header = null;
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank()) {
        continue;
      }
      List<String> fields = split(name, i + 1, line);
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

  private static List<String> split(String name, int lineNumber, String line) {
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
        if (i < n && line.charAt(i) != ',') {
          throw new MeasurementFormatException(name, lineNumber, fields.size() + 1,
              "unexpected text after the closing quote of a quoted field");
        }
      } else {
        i = start;
        while (i < n && line.charAt(i) != ',') {
          field.append(line.charAt(i));
          i++;
        }
      }
      fields.add(field.toString());
      field.setLength(0);
      if (i >= n) {
        return fields;
      }
      i++; // the comma
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
      throw new MeasurementFormatException(name, 1, 0, "header has no column '" + column + "'; found "
          + String.join(",", header));
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

    /** Field {@code index} as a finite number. */
    public double number(int index) {
      String text = text(index);
      double value;
      try {
        value = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw error(index + 1, file.header.get(index).strip() + " '" + text + "' is not a number");
      }
      if (!Double.isFinite(value)) {
        throw error(index + 1, file.header.get(index).strip() + " '" + text + "' is not a finite number");
      }
      return value;
    }

    public int integer(String column) {
      return integer(file.column(column));
    }

    /** Field {@code index} as an int; a number with a zero fraction such as {@code 2.0} is accepted. */
    public int integer(int index) {
      double value = number(index);
      if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
        throw error(index + 1, file.header.get(index).strip() + " '" + text(index) + "' is not a whole number");
      }
      return (int) value;
    }

    public long longValue(int index) {
      String text = text(index);
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw error(index + 1, file.header.get(index).strip() + " '" + text + "' is not a whole number");
      }
    }

    public MeasurementFormatException error(int column, String problem) {
      return new MeasurementFormatException(fileName, line, column, problem);
    }
  }
}
