package io.github.toenergy.cli;

import io.github.toenergy.energy.Estimate;
import io.github.toenergy.energy.LayerEstimate;
import io.github.toenergy.model.Network;
import io.github.toenergy.profile.Profile;
import java.util.List;
import java.util.Locale;

/** Renders an estimate as a readable table, JSON or CSV. */
final class EstimateFormats {
  private EstimateFormats() {}

  static String table(Network network, Profile profile, Estimate e) {
    StringBuilder s = new StringBuilder();
    s.append("network:  ").append(network.toNotation()).append('\n');
    s.append("profile:  ").append(profile.id()).append(" (").append(profile.hardware()).append(')')
        .append(profile.calibrated() ? "" : "  [UNCALIBRATED placeholder: not fitted to measurements]").append('\n');
    s.append("workload: ").append(EstimateCommand.workload(e.workload())).append('\n');
    s.append(String.format(Locale.ROOT, "energy:   %s J   (90%% interval %s .. %s J)%s%n", joules(e.joules()),
        joules(e.low()), joules(e.high()), e.outsideFittedRange() ? "   WARNING: outside the fitted range" : ""));
    s.append(String.format(Locale.ROOT, "TOs:      %,d    MACs: %,d%n%n", e.tos(), e.macs()));
    List<LayerEstimate> layers = e.layers();
    int nameWidth = Math.max(5, layers.stream().mapToInt(l -> l.name().length()).max().orElse(5));
    String row = "%-" + nameWidth + "s  %22s  %18s  %16s  %12s  %6s%n";
    s.append(String.format(Locale.ROOT, row, "layer", "TOs", "MACs", "bytes", "joules", "share"));
    for (LayerEstimate l : layers) {
      s.append(String.format(Locale.ROOT, row, l.name(), String.format(Locale.ROOT, "%,d", l.tos()),
          String.format(Locale.ROOT, "%,d", l.macs()), String.format(Locale.ROOT, "%,d", l.bytes()),
          joules(l.joules()), String.format(Locale.ROOT, "%.1f%%", 100 * l.share())));
    }
    return s.toString();
  }

  static String json(Network network, Estimate e) {
    StringBuilder s = new StringBuilder("{");
    s.append("\"profile\":").append(quote(e.profile()));
    s.append(",\"network\":").append(quote(network.toNotation()));
    s.append(",\"phase\":").append(quote(EstimateCommand.phaseName(e.workload().phase())));
    s.append(",\"batch\":").append(e.workload().batch());
    s.append(",\"batches\":").append(e.workload().batches());
    s.append(",\"joules\":").append(number(e.joules()));
    s.append(",\"low\":").append(number(e.low()));
    s.append(",\"high\":").append(number(e.high()));
    s.append(",\"tos\":").append(e.tos());
    s.append(",\"macs\":").append(e.macs());
    s.append(",\"calibrated\":").append(e.calibrated());
    s.append(",\"outsideFittedRange\":").append(e.outsideFittedRange());
    s.append(",\"layers\":[");
    List<LayerEstimate> layers = e.layers();
    for (int i = 0; i < layers.size(); i++) {
      LayerEstimate l = layers.get(i);
      s.append(i == 0 ? "" : ",").append("{\"name\":").append(quote(l.name()))
          .append(",\"notation\":").append(quote(l.notation()))
          .append(",\"tos\":").append(l.tos())
          .append(",\"macs\":").append(l.macs())
          .append(",\"bytes\":").append(l.bytes())
          .append(",\"joules\":").append(number(l.joules()))
          .append(",\"share\":").append(number(l.share())).append('}');
    }
    return s.append("]}").toString();
  }

  static String csv(Estimate e) {
    StringBuilder s = new StringBuilder("layer,notation,tos,macs,bytes,joules,share\n");
    for (LayerEstimate l : e.layers()) {
      s.append(l.name()).append(',').append(csvField(l.notation())).append(',').append(l.tos()).append(',')
          .append(l.macs()).append(',').append(l.bytes()).append(',').append(number(l.joules())).append(',')
          .append(number(l.share())).append('\n');
    }
    s.append("total,,").append(e.tos()).append(',').append(e.macs()).append(",,").append(number(e.joules()))
        .append(",1\n");
    return s.toString();
  }

  /** Joules with 4 significant digits. */
  static String joules(double j) {
    return String.format(Locale.ROOT, "%.4g", j);
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
