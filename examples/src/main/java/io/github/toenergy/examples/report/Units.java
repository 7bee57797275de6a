package io.github.toenergy.examples.report;

import java.util.Locale;

/** Number formatting shared by the text and HTML reports. */
final class Units {
  private static final String[] PREFIXES = {"p", "n", "u", "m", "", "k", "M"};

  private Units() {}

  /**
   * Joules with an SI prefix and three significant digits, e.g. {@code 12.9 mJ}; {@code micro}
   * is the symbol used for 10^-6 ({@code u} in a terminal, {@code µ} in HTML).
   */
  static String joules(double j, String micro) {
    if (j == 0) {
      return "0 J";
    }
    if (!Double.isFinite(j)) {
      return "n/a";
    }
    int exponent = (int) Math.floor(Math.log10(Math.abs(j)) / 3) * 3;
    exponent = Math.max(-12, Math.min(6, exponent));
    double scaled = j / Math.pow(10, exponent);
    // rounding to three digits can carry into the next prefix (999.7 mJ -> 1.00 J)
    if (Math.abs(Double.parseDouble(threeDigits(scaled))) >= 1000 && exponent < 6) {
      exponent += 3;
      scaled = j / Math.pow(10, exponent);
    }
    String prefix = PREFIXES[exponent / 3 + 4];
    return threeDigits(scaled) + " " + (prefix.equals("u") ? micro : prefix) + "J";
  }

  /** A power of ten in joules for an axis tick, without trailing zeros: {@code 10 mJ}, {@code 1 J}. */
  static String tick(double j, String micro) {
    String text = joules(j, micro);
    int space = text.indexOf(' ');
    String number = text.substring(0, space);
    if (number.contains(".")) {
      number = number.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return number + text.substring(space);
  }

  private static String threeDigits(double v) {
    double a = Math.abs(v);
    String pattern = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f";
    return String.format(Locale.ROOT, pattern, v);
  }

  /** An integer with thousands separators. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A large count in words, e.g. {@code 1.81 G}. */
  static String shortCount(long n) {
    String[] suffixes = {"", " k", " M", " G", " T", " P", " E"};
    double v = n;
    int i = 0;
    while (Math.abs(v) >= 1000 && i < suffixes.length - 1) {
      v /= 1000;
      i++;
    }
    return i == 0 ? Long.toString(n) : threeDigits(v) + suffixes[i];
  }

  /** A ratio with thousands separators and no decimals when large. */
  static String ratio(double r) {
    if (!Double.isFinite(r)) {
      return "n/a";
    }
    return r >= 100 ? String.format(Locale.ROOT, "%,.0f", r) : String.format(Locale.ROOT, "%.1f", r);
  }
}
