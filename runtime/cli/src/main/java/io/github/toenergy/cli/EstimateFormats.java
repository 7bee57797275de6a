package io.github.toenergy.cli;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.energy.Estimate;
import io.github.toenergy.energy.LayerEstimate;
import io.github.toenergy.energy.Workload;
import io.github.toenergy.model.Network;
import io.github.toenergy.profile.Profile;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Renders an estimate as a table for people (joules with an SI prefix and three significant digits,
 * e.g. {@code 12.2 mJ}) or as JSON or CSV for programs (joules in full precision, as
 * {@link Double#toString} writes them, so that they read back to the same double). Every format
 * carries the 90% prediction interval and a total. Counts are exact integers of any length: a decode's
 * TOs can pass 2^63-1.
 */
final class EstimateFormats {
  /** The output formats of {@code estimate --format}. */
  enum Style { TABLE, JSON, CSV }

  private static final String[] PREFIXES = {"a", "f", "p", "n", "\u00b5", "m", "", "k", "M", "G", "T", "P", "E"};
  private static final int UNPREFIXED = 6;

  private EstimateFormats() {}

  /** @param activeParameters the parameters one token uses, present when the network has a mixture of experts */
  static String table(Network network, Profile profile, Estimate e, long parameters, OptionalLong activeParameters) {
    StringBuilder s = new StringBuilder();
    s.append("network:  ").append(network.toNotation()).append('\n');
    s.append("profile:  ").append(profile.id()).append(" (").append(profile.hardware()).append(')')
        .append(profile.calibrated() ? "" : "  [UNCALIBRATED placeholder: not fitted to measurements]").append('\n');
    s.append("workload: ").append(EstimateCommand.workload(e.workload())).append('\n');
    s.append("energy:   ").append(joules(e.joules())).append("   (90% interval ").append(joules(e.low()))
        .append(" .. ").append(joules(e.high())).append(')')
        .append(e.outsideFittedRange() ? "   WARNING: " + e.rangeNote() : "").append('\n');
    if (e.perToken()) {
      s.append("per token: ").append(joules(e.joulesPerToken())).append("   (90% interval ")
          .append(joules(e.joulesPerTokenLow())).append(" .. ").append(joules(e.joulesPerTokenHigh())).append(") per ")
          .append(e.workload().phase() == Phase.DECODE ? "generated" : "prompt").append(" token\n");
    }
    s.append("counts:   ").append(count(e.tosExact())).append(" TOs, ").append(count(e.macsExact())).append(" MACs, ")
        .append(count(parameters)).append(" parameters")
        .append(activeParameters.isPresent() ? " (" + count(activeParameters.getAsLong()) + " active)" : "")
        .append('\n');
    if (e.perToken()) {
      s.append("memory:   ").append(count(e.weightBytes())).append(" bytes of weights read, ")
          .append(count(e.cacheBytes())).append(" bytes of key/value cache read and written\n");
    }
    s.append('\n');

    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"layer", "TOs", "MACs", "bytes", "joules", "share"});
    long bytes = 0;
    for (LayerEstimate l : e.layers()) {
      rows.add(new String[] {l.name(), count(l.tosExact()), count(l.macsExact()), count(l.bytes()), joules(l.joules()),
          percent(l.share())});
      bytes += l.bytes();
    }
    rows.add(new String[] {"total", count(e.tosExact()), count(e.macsExact()), count(bytes), joules(e.joules()),
        percent(1)});
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    for (int r = 0; r < rows.size(); r++) {
      if (r == rows.size() - 1) {
        s.append(rule(widths)).append('\n');
      }
      // padded by hand: String.format per cell cost a cold JVM a quarter of a second on ResNet-50
      String[] row = rows.get(r);
      s.append(row[0]).append(" ".repeat(widths[0] - row[0].length()));
      for (int c = 1; c < row.length; c++) {
        s.append("  ").append(" ".repeat(widths[c] - row[c].length())).append(row[c]);
      }
      s.append('\n');
    }
    return s.toString();
  }

  private static String rule(int[] widths) {
    int total = -2;
    for (int w : widths) {
      total += w + 2;
    }
    return "-".repeat(total);
  }

  /** {@code activeParameters}, when present (a mixture of experts), is written after {@code parameters}. */
  static String json(Network network, Estimate e, long parameters, OptionalLong activeParameters) {
    StringBuilder s = new StringBuilder("{");
    s.append("\"profile\":").append(quote(e.profile()));
    s.append(",\"network\":").append(quote(network.toNotation()));
    s.append(",\"phase\":").append(quote(EstimateCommand.phaseName(e.workload().phase())));
    s.append(",\"batch\":").append(e.workload().batch());
    s.append(",\"batches\":").append(e.workload().batches());
    s.append(",\"joules\":").append(number(e.joules()));
    s.append(",\"low\":").append(number(e.low()));
    s.append(",\"high\":").append(number(e.high()));
    s.append(",\"tos\":").append(e.tosExact());
    s.append(",\"macs\":").append(e.macsExact());
    s.append(",\"parameters\":").append(parameters);
    if (activeParameters.isPresent()) {
      s.append(",\"activeParameters\":").append(activeParameters.getAsLong());
    }
    s.append(",\"calibrated\":").append(e.calibrated());
    s.append(",\"outsideFittedRange\":").append(e.outsideFittedRange());
    s.append(",\"outsideFittedPhase\":").append(e.outsideFittedPhase());
    if (e.perToken()) {
      Workload w = e.workload();
      s.append(",\"prompt\":").append(w.prompt());
      s.append(",\"tokens\":").append(w.tokens());
      s.append(",\"gpus\":").append(w.gpus());
      s.append(",\"precision\":").append(quote((w.precision() == null ? network.format() : w.precision()).name()
          .toLowerCase(java.util.Locale.ROOT)));
      s.append(",\"joulesPerToken\":").append(number(e.joulesPerToken()));
      s.append(",\"joulesPerTokenLow\":").append(number(e.joulesPerTokenLow()));
      s.append(",\"joulesPerTokenHigh\":").append(number(e.joulesPerTokenHigh()));
      s.append(",\"weightBytes\":").append(e.weightBytes());
      s.append(",\"kvCacheBytes\":").append(e.cacheBytes());
    }
    s.append(",\"layers\":[");
    List<LayerEstimate> layers = e.layers();
    for (int i = 0; i < layers.size(); i++) {
      LayerEstimate l = layers.get(i);
      s.append(i == 0 ? "" : ",").append("{\"name\":").append(quote(l.name()))
          .append(",\"notation\":").append(quote(l.notation()))
          .append(",\"tos\":").append(l.tosExact())
          .append(",\"macs\":").append(l.macsExact())
          .append(",\"bytes\":").append(l.bytes())
          .append(",\"joules\":").append(number(l.joules()))
          .append(",\"share\":").append(number(l.share())).append('}');
    }
    return s.append("]}").toString();
  }

  /**
   * One row per layer and a {@code total} row; {@code low} and {@code high}, the 90% interval, and
   * {@code outsideFittedRange} and {@code outsideFittedPhase}, the flags of an extrapolation, are on the
   * total row only: they are the whole estimate's, not a sum over layers.
   */
  static String csv(Estimate e) {
    // a generation adds its per-token figures, on the total row as the interval
    String perToken = e.perToken() ? ",joulesPerToken,joulesPerTokenLow,joulesPerTokenHigh" : "";
    StringBuilder s = new StringBuilder(
        "layer,notation,tos,macs,bytes,joules,share,low,high,outsideFittedRange,outsideFittedPhase" + perToken + "\n");
    long bytes = 0;
    for (LayerEstimate l : e.layers()) {
      s.append(csvField(l.name())).append(',').append(csvField(l.notation())).append(',').append(l.tosExact())
          .append(',').append(l.macsExact()).append(',').append(l.bytes()).append(',').append(number(l.joules()))
          .append(',').append(number(l.share())).append(e.perToken() ? ",,,,,,," : ",,,,").append('\n');
      bytes += l.bytes();
    }
    s.append("total,,").append(e.tosExact()).append(',').append(e.macsExact()).append(',').append(bytes).append(',')
        .append(number(e.joules())).append(",1,").append(number(e.low())).append(',').append(number(e.high()))
        .append(',').append(e.outsideFittedRange()).append(',').append(e.outsideFittedPhase());
    if (e.perToken()) {
      s.append(',').append(number(e.joulesPerToken())).append(',').append(number(e.joulesPerTokenLow())).append(',')
          .append(number(e.joulesPerTokenHigh()));
    }
    return s.append('\n').toString();
  }

  /**
   * Joules with an SI prefix and three significant digits: {@code 2.33 mJ}, {@code 605 µJ},
   * {@code 1.00 J} (999.96 mJ rounds up into the next prefix).
   */
  static String joules(double j) {
    if (!Double.isFinite(j)) {
      return "n/a";
    }
    if (j == 0) {
      return "0 J";
    }
    // in doubles and longs, not BigDecimal: loading and warming BigDecimal cost a cold JVM more than
    // the whole table
    double a = Math.abs(j);
    int exponent = (int) Math.floor(Math.log10(a)); // of the leading digit
    if (Math.round(a * Math.pow(10, 2 - exponent)) >= 1000) {
      exponent++; // 999.96 mJ rounds to 1.00 J
    }
    int group = Math.max(-UNPREFIXED, Math.min(PREFIXES.length - 1 - UNPREFIXED, Math.floorDiv(exponent, 3)));
    int decimals = Math.max(0, 2 - (exponent - 3 * group));
    long units = Math.round(a / Math.pow(10, 3 * group) * Math.pow(10, decimals));
    String digits = Long.toString(units);
    if (decimals > 0) {
      digits = "0".repeat(Math.max(0, decimals + 1 - digits.length())) + digits;
      digits = digits.substring(0, digits.length() - decimals) + "." + digits.substring(digits.length() - decimals);
    }
    return (j < 0 ? "-" : "") + digits + " " + PREFIXES[group + UNPREFIXED] + "J";
  }

  /** {@code n} with thousands separators: {@code 2,581,491,296}. */
  static String count(long n) {
    return grouped(Long.toString(n));
  }

  /** An exact count beyond a long (a decode's TOs) with thousands separators, as {@link #count(long)}. */
  static String count(BigInteger n) {
    return grouped(n.toString());
  }

  private static String grouped(String digits) {
    int sign = digits.startsWith("-") ? 1 : 0;
    StringBuilder s = new StringBuilder(digits.length() + digits.length() / 3);
    for (int i = 0; i < digits.length(); i++) {
      if (i > sign && (digits.length() - i) % 3 == 0) {
        s.append(',');
      }
      s.append(digits.charAt(i));
    }
    return s.toString();
  }

  /** A share as a percentage with one decimal: {@code 98.4%}. */
  static String percent(double share) {
    long tenths = Math.round(1000 * share);
    long magnitude = Math.abs(tenths);
    return (tenths < 0 ? "-" : "") + magnitude / 10 + "." + magnitude % 10 + "%";
  }

  private static String number(double v) {
    return Double.isFinite(v) ? Double.toString(v) : "null";
  }

  private static String csvField(String text) {
    return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }

  static String quote(String text) {
    StringBuilder s = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        default -> {
          if (c < 0x20) s.append(String.format("\\u%04x", (int) c));
          else s.append(c);
        }
      }
    }
    return s.append('"').toString();
  }
}
