package io.github.toenergy.processor.codegen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Numbers and text as the generated source writes them. */
final class Text {
  private Text() {}

  /** A long literal with digits grouped by underscores: {@code 7_609_090_048L}. */
  static String longLiteral(long value) {
    return group(value, '_') + "L";
  }

  /** {@code 7,609,090,048} (by hand: {@code String.format} is slow and this runs for every table cell). */
  static String grouped(long value) {
    return group(value, ',');
  }

  private static String group(long value, char separator) {
    String digits = Long.toString(Math.abs(value));
    StringBuilder s = new StringBuilder(digits.length() + digits.length() / 3 + 1);
    if (value < 0) {
      s.append('-');
    }
    for (int i = 0; i < digits.length(); i++) {
      if (i > 0 && (digits.length() - i) % 3 == 0) {
        s.append(separator);
      }
      s.append(digits.charAt(i));
    }
    return s.toString();
  }

  /** Joules with four significant digits, as the CLI prints them. */
  static String joules(double joules) {
    return String.format(Locale.ROOT, "%.4g", joules);
  }

  /** A share of the total in percent with one decimal, {@code 12.3%}. */
  static String percent(double share) {
    long tenths = Math.round(1000 * share);
    return tenths / 10 + "." + tenths % 10 + "%";
  }

  /**
   * Splits {@code text} at spaces into lines of at most {@code width} characters (a longer word
   * stays whole on its own line).
   */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : words(text)) {
      if (word.isEmpty()) {
        continue;
      }
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  /** The words of {@code text}; an inline Javadoc tag such as <code>{&#64;code a b}</code> stays one word. */
  private static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder tag = null;
    for (String word : text.split(" ")) {
      if (tag != null) {
        tag.append(' ').append(word);
      } else if (word.startsWith("{@")) {
        tag = new StringBuilder(word);
      } else {
        words.add(word);
        continue;
      }
      if (word.contains("}")) {
        words.add(tag.toString());
        tag = null;
      }
    }
    if (tag != null) {
      words.add(tag.toString());
    }
    return words;
  }

  /** {@link #wrap} joined into a paragraph, every line after the first starting with {@code indent}. */
  static String paragraph(String text, int width, String indent) {
    return String.join("\n" + indent, wrap(text, width)) + "\n";
  }

  /**
   * Text from a user or a profile file made safe for Javadoc: HTML specials, {@code @} (a tag), the
   * end of a comment, and backslashes, which javac reads as the start of a unicode escape even in a
   * comment (so that {@code \}{@code u002a/} would end it); line breaks become spaces and other
   * control characters numeric references.
   */
  static String html(String text) {
    StringBuilder s = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> s.append("&amp;");
        case '<' -> s.append("&lt;");
        case '>' -> s.append("&gt;");
        case '@' -> s.append("&#64;");
        case '/' -> s.append(s.length() > 0 && s.charAt(s.length() - 1) == '*' ? "&#47;" : "/");
        case '{' -> s.append("&#123;");
        case '}' -> s.append("&#125;");
        case '\\' -> s.append("&#92;");
        case '\n', '\r' -> s.append(' ');
        default -> {
          if (Character.isISOControl(c)) {
            s.append("&#").append((int) c).append(';');
          } else {
            s.append(c);
          }
        }
      }
    }
    return s.toString();
  }
}
