package io.github.toenergy.processor.codegen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Numbers and text as the generated source writes them. */
final class Text {
  private Text() {}

  /** A long literal with digits grouped by underscores: {@code 7_609_090_048L}. */
  static String longLiteral(long value) {
    String digits = Long.toString(Math.abs(value));
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < digits.length(); i++) {
      if (i > 0 && (digits.length() - i) % 3 == 0) {
        s.append('_');
      }
      s.append(digits.charAt(i));
    }
    return (value < 0 ? "-" : "") + s + "L";
  }

  /** {@code 7,609,090,048}. */
  static String grouped(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  /** Joules with four significant digits, as the CLI prints them. */
  static String joules(double joules) {
    return String.format(Locale.ROOT, "%.4g", joules);
  }

  /** A share of the total in percent with one decimal, {@code 12.3%}. */
  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * share);
  }

  /**
   * Splits {@code text} at spaces into lines of at most {@code width} characters (a longer word
   * stays whole on its own line).
   */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
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

  /** {@link #wrap} joined into a paragraph, every line after the first starting with {@code indent}. */
  static String paragraph(String text, int width, String indent) {
    return String.join("\n" + indent, wrap(text, width)) + "\n";
  }

  /**
   * Text from a user or a profile file made safe for Javadoc: HTML specials, {@code @} (a tag) and
   * the end of a comment.
   */
  static String html(String text) {
    StringBuilder s = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> s.append("&amp;");
        case '<' -> s.append("&lt;");
        case '>' -> s.append("&gt;");
        case '@' -> s.append("&#64;");
        case '/' -> s.append(s.length() > 0 && s.charAt(s.length() - 1) == '*' ? "&#47;" : "/");
        case '{' -> s.append("&#123;");
        case '}' -> s.append("&#125;");
        case '\n', '\r' -> s.append(' ');
        default -> s.append(c);
      }
    }
    return s.toString();
  }
}
