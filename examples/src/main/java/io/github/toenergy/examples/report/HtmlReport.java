package io.github.toenergy.examples.report;

import io.github.toenergy.energy.Estimate;
import io.github.toenergy.energy.LayerEstimate;
import io.github.toenergy.model.LayerKind;
import io.github.toenergy.profile.Profile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as one self-contained HTML page: tables, and inline SVG charts (energy by layer per
 * network, networks side by side per profile). No script, no style sheet, font or image from
 * elsewhere: the file opens in any browser, offline. The markup is well-formed XML so that tests
 * can parse it.
 */
public final class HtmlReport {
  private static final String MICRO = "\u00b5";

  /** Fill colour per layer kind in the by-layer charts. */
  private static final Map<String, String> KIND_COLOURS = new LinkedHashMap<>();

  static {
    KIND_COLOURS.put("conv2d", "#3b6fb6");
    KIND_COLOURS.put("dense", "#e07b29");
    KIND_COLOURS.put("pooling", "#8c8c8c");
    KIND_COLOURS.put("batchnorm", "#d4a51c");
    KIND_COLOURS.put("activation", "#4f9a3a");
    KIND_COLOURS.put("attention", "#c0392b");
    KIND_COLOURS.put("residual add", "#8b4bb0");
    KIND_COLOURS.put("other", "#c2c2c2");
  }

  private HtmlReport() {}

  /** How the charts of different profiles scale their joules. */
  public enum Axis {
    /** One axis for every profile: bars of different profiles compare by length. */
    SHARED,
    /** Each profile's chart fits its own values: shapes compare, lengths across profiles do not. */
    PER_PROFILE
  }

  /** The page with by-layer charts on one profile, each chart on its own axis. */
  public static String render(Report report, int layerProfile) {
    return render(report, Axis.PER_PROFILE, List.of(layerProfile));
  }

  /**
   * Renders {@code report}.
   *
   * @param axis whether the networks-side-by-side charts of different profiles share their axis
   * @param layerProfiles indices, in the report's profiles, of the profiles whose by-layer charts are
   *     drawn (one chart per network and profile)
   */
  public static String render(Report report, Axis axis, List<Integer> layerProfiles) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        .append("<title>toenergy report</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
    h.append("<h1>toenergy energy report</h1>\n");
    h.append("<p class=\"sub\">").append(report.rows().size()).append(" networks \u00d7 ")
        .append(report.profiles().size()).append(" profiles \u00b7 one inference, batch ").append(report.batch())
        .append(" \u00b7 TOs counted with the <code>").append(esc(report.arithmetic().id()))
        .append("</code> arithmetic model \u00b7 joules with their 90% prediction interval</p>\n");
    if (report.anyPlaceholder()) {
      h.append("<p class=\"warn\">Profiles marked <b>placeholder</b> are not fitted to measurements: their joules "
          + "only illustrate the report.</p>\n");
    }
    counts(h, report);
    joulesTable(h, report);

    boolean shared = axis == Axis.SHARED;
    h.append("<h2 id=\"by-profile\">Networks side by side, per profile</h2>\n");
    h.append("<p class=\"note\">Predicted joules per inference on a logarithmic axis")
        .append(shared ? ", the same for every profile, so bars compare across charts" : ", fitted to each profile")
        .append("; the whisker is the 90% interval; * marks a workload outside the range the profile was fitted on.")
        .append("</p>\n<div class=\"charts\">\n");
    double[] sharedDecades = shared ? decades(report, allIndices(report.profiles().size())) : null;
    for (int p = 0; p < report.profiles().size(); p++) {
      double[] range = sharedDecades != null ? sharedDecades : decades(report, List.of(p));
      h.append("<figure>").append(profileChart(report, p, range)).append("</figure>\n");
    }
    h.append("</div>\n");

    if (!report.profiles().isEmpty() && !layerProfiles.isEmpty()) {
      h.append("<h2 id=\"by-layer\">Energy by layer, per network</h2>\n");
      h.append("<p class=\"note\">Joules of each costed layer (residual blocks opened up), in network order, on ");
      List<String> names = new ArrayList<>();
      for (int p : layerProfiles) {
        Profile lp = report.profiles().get(p);
        names.add("<b>" + esc(lp.id()) + "</b>" + (lp.calibrated() ? "" : " (placeholder)"));
      }
      h.append(String.join(", ", names)).append(". Each chart has its own linear axis: profiles differ a "
          + "thousandfold, so on one linear axis most charts would be flat; compare profiles in the charts above "
          + "or the list under each network. Bars are numbered under the axis; the list gives every bar's layer "
          + "and joules on each profile.</p>\n");
      h.append(legend());
      int width = layerProfiles.size() == 1 ? 1100 : 545;
      for (Report.Row row : report.rows()) {
        h.append("<h3>").append(esc(row.network().name())).append("</h3>\n<div class=\"charts\">\n");
        for (int p : layerProfiles) {
          Estimate e = row.estimates().get(p);
          h.append("<figure>").append(layerChart(row, e, niceCeiling(maxLayerJoules(e)), width)).append("<figcaption>")
              .append(topLayers(e)).append("</figcaption></figure>\n");
        }
        h.append("</div>\n");
        layerList(h, row, report, layerProfiles);
      }
    }
    profilesList(h, report);
    h.append("<p class=\"foot\">Generated by toenergy's EnergyReport (examples module).</p>\n");
    h.append("</body>\n</html>\n");
    return h.toString();
  }

  private static List<Integer> allIndices(int n) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(i);
    }
    return all;
  }

  private static double maxLayerJoules(Estimate e) {
    return e.layers().stream().mapToDouble(LayerEstimate::joules).filter(Double::isFinite).max().orElse(0);
  }

  /** Every bar of a network's by-layer charts, as a list: number, layer, and joules on each profile. */
  private static void layerList(StringBuilder h, Report.Row row, Report report, List<Integer> layerProfiles) {
    List<LayerEstimate> first = row.estimates().get(layerProfiles.get(0)).layers();
    h.append("<details><summary>Every layer of ").append(esc(row.network().name())).append(" (")
        .append(first.size()).append(" bars per chart)</summary>\n<table class=\"small\">\n<thead><tr><th>#</th>"
            + "<th>layer</th><th>notation</th>");
    for (int p : layerProfiles) {
      h.append("<th>").append(esc(report.profiles().get(p).id())).append("</th>");
    }
    h.append("</tr></thead>\n<tbody>\n");
    for (int i = 0; i < first.size(); i++) {
      LayerEstimate l = first.get(i);
      h.append("<tr><td class=\"n\">").append(i + 1).append("</td><td><code>").append(esc(l.name()))
          .append("</code></td><td>").append(esc(l.notation())).append("</td>");
      for (int p : layerProfiles) {
        LayerEstimate on = row.estimates().get(p).layers().get(i);
        h.append("<td class=\"n\">").append(Units.joules(on.joules(), MICRO))
            .append(String.format(Locale.ROOT, " <span class=\"iv\">%.1f%%</span>", 100 * on.share())).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</tbody>\n</table>\n</details>\n");
  }

  private static void counts(StringBuilder h, Report report) {
    h.append("<h2>Networks</h2>\n<table>\n<thead><tr><th>network</th><th>input</th><th>parameters</th>"
        + "<th>MACs</th><th>TOs</th><th>TOs / MAC</th><th>layers</th></tr></thead>\n<tbody>\n");
    for (Report.Row r : report.rows()) {
      h.append("<tr><td>").append(esc(r.network().name())).append("</td><td>")
          .append(esc(r.network().input().toString())).append("</td><td class=\"n\">")
          .append(Units.count(r.parameters())).append("</td><td class=\"n\">").append(Units.count(r.macs()))
          .append("</td><td class=\"n\">").append(Units.count(r.tos())).append("</td><td class=\"n\">")
          .append(Units.ratio(r.tosPerMac())).append("</td><td class=\"n\">").append(r.costedLayers())
          .append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n");
  }

  private static void joulesTable(StringBuilder h, Report report) {
    h.append("<h2>Joules per inference</h2>\n<table class=\"small\">\n<thead><tr><th>network</th>");
    for (Profile p : report.profiles()) {
      h.append("<th title=\"").append(esc(p.hardware())).append("\">").append(esc(p.id()))
          .append(p.calibrated() ? "" : "<br/><span class=\"ph\">placeholder</span>")
          .append(TextReport.measuredForInference(p) ? "" : "<br/><span class=\"ph\">fitted on training</span>")
          .append("</th>");
    }
    h.append("</tr></thead>\n<tbody>\n");
    for (Report.Row r : report.rows()) {
      h.append("<tr><td>").append(esc(r.network().name())).append("</td>");
      for (Estimate e : r.estimates()) {
        h.append("<td class=\"n\">").append(Units.joules(e.joules(), MICRO)).append("<br/><span class=\"iv\">")
            .append(Units.joules(e.low(), MICRO)).append(" \u2013 ").append(Units.joules(e.high(), MICRO))
            .append("</span>").append(e.outsideFittedRange()
                ? "<br/><span class=\"ph\" title=\"" + esc(e.rangeNote()) + "\">outside fitted range</span>" : "")
            .append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</tbody>\n</table>\n");
  }

  private static void profilesList(StringBuilder h, Report report) {
    h.append("<h2 id=\"profiles\">Profiles</h2>\n<table class=\"small\">\n<thead><tr><th>id</th><th>hardware</th><th>measured</th>"
        + "<th>energy model</th><th>source</th></tr></thead>\n<tbody>\n");
    for (Profile p : report.profiles()) {
      h.append("<tr><td>").append(esc(p.id())).append(p.calibrated() ? "" : " <span class=\"ph\">placeholder</span>")
          .append("</td><td>").append(esc(p.hardware())).append("</td><td>").append(esc(p.phases()))
          .append("</td><td>").append(esc(p.model().form().key())).append(" on ")
          .append(esc(String.join(" + ", p.model().features().stream().map(f -> f.key()).toList())))
          .append("</td><td>").append(esc(p.provenance().getOrDefault("provenance.source", "")))
          .append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n");
  }

  // ---- networks side by side on one profile: horizontal bars, log axis ----------------------

  /**
   * The decades {lo, hi} (powers of ten) of a log axis that holds the joules and intervals of every
   * network on the profiles {@code profiles}.
   */
  static double[] decades(Report report, List<Integer> profiles) {
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    for (Report.Row r : report.rows()) {
      for (int p : profiles) {
        Estimate e = r.estimates().get(p);
        for (double v : new double[] {e.low(), e.joules(), e.high()}) {
          if (v > 0 && Double.isFinite(v)) {
            min = Math.min(min, v);
            max = Math.max(max, v);
          }
        }
      }
    }
    if (!(max > 0)) {
      min = 1e-6;
      max = 1;
    }
    // one decade more on the left when the smallest value sits on a decade, so its bar shows
    int lo = (int) Math.floor(Math.log10(min) - 0.3);
    int hi = (int) Math.ceil(Math.log10(max));
    return new double[] {lo, Math.max(hi, lo + 1)};
  }

  static String profileChart(Report report, int p, double[] range) {
    Profile profile = report.profiles().get(p);
    int labelWidth = 12 + 7 * report.rows().stream().mapToInt(r -> r.network().name().length()).max().orElse(8);
    int width = 560;
    int right = 78;
    int top = 44;
    int rowHeight = 26;
    int height = top + rowHeight * report.rows().size() + 34;
    double plotLeft = labelWidth;
    double plotWidth = width - labelWidth - right;

    int lo = (int) range[0];
    int hi = (int) range[1];
    int decades = hi - lo;
    Scale x = v -> plotLeft + plotWidth * (Math.log10(Math.max(v, Math.pow(10, lo))) - lo) / decades;

    StringBuilder s = svgOpen(width, height, profile.id() + ": joules per inference of each network");
    s.append(text(8, 18, "title", esc(profile.id()) + (profile.calibrated() ? "" : " (placeholder)")
        + (TextReport.measuredForInference(profile) ? "" : " \u00b7 " + TextReport.fittedOn(profile) + ", inference extrapolated")));
    s.append(text(8, 34, "muted", esc(profile.hardware())));
    double axisY = top + rowHeight * report.rows().size() + 4;
    int step = decades > 8 ? 2 : 1;
    for (int d = lo; d <= hi; d += step) {
      double gx = x.at(Math.pow(10, d));
      s.append(line(gx, top - 4, gx, axisY, "gl"));
      s.append(text(gx, axisY + 16, "tick mid", esc(Units.tick(Math.pow(10, d), MICRO))));
      if (decades <= 2 && d < hi) {
        for (int m : new int[] {2, 5}) {
          double mx = x.at(m * Math.pow(10, d));
          s.append(line(mx, top - 4, mx, axisY, "gl"));
          s.append(text(mx, axisY + 16, "tick mid", esc(Units.tick(m * Math.pow(10, d), MICRO))));
        }
      }
    }
    for (int i = 0; i < report.rows().size(); i++) {
      Report.Row r = report.rows().get(i);
      Estimate e = r.estimates().get(p);
      double y = top + i * rowHeight;
      double barEnd = x.at(e.joules());
      s.append(text(plotLeft - 8, y + 16, "label end", esc(r.network().name())));
      s.append("<rect class=\"bar\" x=\"").append(f(plotLeft)).append("\" y=\"").append(f(y + 5))
          .append("\" width=\"").append(f(Math.max(1, barEnd - plotLeft))).append("\" height=\"")
          .append(f(rowHeight - 10)).append("\"><title>").append(esc(r.network().name())).append(": ")
          .append(Units.joules(e.joules(), MICRO)).append(" (90% interval ").append(Units.joules(e.low(), MICRO))
          .append(" \u2013 ").append(Units.joules(e.high(), MICRO)).append(")</title></rect>\n");
      double wl = x.at(e.low());
      double wh = x.at(e.high());
      double wy = y + rowHeight / 2.0;
      s.append(line(wl, wy, wh, wy, "whisker"));
      s.append(line(wl, wy - 5, wl, wy + 5, "whisker"));
      s.append(line(wh, wy - 5, wh, wy + 5, "whisker"));
      s.append(text(Math.max(barEnd, wh) + 6, y + 17, "value", Units.joules(e.joules(), MICRO)
          + (e.outsideFittedRange() ? " *" : "")));
    }
    return s.append("</svg>").toString();
  }

  // ---- one network, energy by layer: vertical bars, linear axis ------------------------------

  /** @param niceMax the top of the joules axis ({@link #niceCeiling}) */
  static String layerChart(Report.Row row, Estimate e, double niceMax, int width) {
    List<LayerEstimate> layers = e.layers();
    int height = 270;
    double left = 74;
    double right = 12;
    double top = 56;
    double bottom = 26;
    double plotWidth = width - left - right;
    double plotHeight = height - top - bottom;
    double slot = plotWidth / Math.max(1, layers.size());
    double gap = slot >= 6 ? Math.min(3, slot * 0.2) : 0;

    StringBuilder s = svgOpen(width, height, row.network().name() + ": joules by layer on " + e.profile());
    s.append(text(8, 18, "title", esc(row.network().name()) + " on " + esc(e.profile())));
    s.append(text(8, 34, "muted", Units.joules(e.joules(), MICRO) + " per inference, "
        + layers.size() + " costed layers, " + Units.shortCount(row.macs()) + " MACs, "
        + Units.shortCount(row.tos()) + " TOs"));
    // steps of a quarter of 1 or 2, a fifth of 2.5 or 5: round tick labels
    double mantissa = niceMax == 0 ? 1 : niceMax / Math.pow(10, Math.floor(Math.log10(niceMax)));
    int intervals = Math.abs(mantissa - 2.5) < 1e-9 || Math.abs(mantissa - 5) < 1e-9 ? 5 : 4;
    for (int t = 0; t <= intervals; t++) {
      double v = niceMax * t / intervals;
      double gy = top + plotHeight - (niceMax == 0 ? 0 : plotHeight * v / niceMax);
      s.append(line(left, gy, width - right, gy, t == 0 ? "axis" : "gl"));
      s.append(text(left - 6, gy + 4, "tick end", Units.tick(v, MICRO)));
    }
    List<Integer> top3 = topIndices(layers, 3);
    for (int i = 0; i < layers.size(); i++) {
      LayerEstimate l = layers.get(i);
      double barHeight = niceMax == 0 ? 0 : plotHeight * l.joules() / niceMax;
      double bx = left + i * slot + gap / 2;
      s.append("<rect x=\"").append(f(bx)).append("\" y=\"").append(f(top + plotHeight - barHeight))
          .append("\" width=\"").append(f(Math.max(0.6, slot - gap))).append("\" height=\"").append(f(barHeight))
          .append("\" fill=\"").append(KIND_COLOURS.get(legend(l.kind()))).append("\"><title>").append(esc(l.name()))
          .append(" \u2014 ").append(esc(l.notation())).append(": ").append(Units.joules(l.joules(), MICRO))
          .append(String.format(Locale.ROOT, " (%.1f%%)", 100 * l.share())).append("</title></rect>\n");
    }
    // rank numbers over the three costliest bars; the caption names them
    for (int rank = 0; rank < top3.size(); rank++) {
      int i = top3.get(rank);
      double barHeight = niceMax == 0 ? 0 : plotHeight * layers.get(i).joules() / niceMax;
      s.append(text(left + (i + 0.5) * slot, top + plotHeight - barHeight - 4, "rank mid", Integer.toString(rank + 1)));
    }
    // bar numbers under the axis, as in the list below the charts: every bar when they fit, else
    // every 5th or 10th
    int every = slot >= 14 ? 1 : slot >= 5 ? 5 : 10;
    for (int i = 0; i < layers.size(); i++) {
      if (every == 1 || (i + 1) % every == 0 || i == 0) {
        s.append(text(left + (i + 0.5) * slot, top + plotHeight + 13, "tick mid", Integer.toString(i + 1)));
      }
    }
    return s.append("</svg>").toString();
  }

  private static String topLayers(Estimate e) {
    List<LayerEstimate> layers = e.layers();
    List<String> parts = new ArrayList<>();
    List<Integer> top = topIndices(layers, 3);
    for (int rank = 0; rank < top.size(); rank++) {
      LayerEstimate l = layers.get(top.get(rank));
      parts.add("<b>" + (rank + 1) + "</b> <code>" + esc(l.name()) + "</code> " + esc(l.notation())
          + String.format(Locale.ROOT, " %.1f%%", 100 * l.share()));
    }
    return "Costliest layers: " + String.join(" \u00b7 ", parts);
  }

  private static String legend() {
    StringBuilder s = new StringBuilder("<p class=\"legend\">");
    KIND_COLOURS.forEach((kind, colour) -> s.append("<span><i style=\"background:").append(colour).append("\"></i>")
        .append(esc(kind)).append("</span>"));
    return s.append("</p>\n").toString();
  }

  /** Indices of the {@code n} costliest layers, costliest first. */
  private static List<Integer> topIndices(List<LayerEstimate> layers, int n) {
    List<Integer> indices = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      indices.add(i);
    }
    indices.sort(Comparator.comparingDouble((Integer i) -> layers.get(i).joules()).reversed());
    return indices.subList(0, Math.min(n, indices.size()));
  }

  /** The legend group of a layer kind (one case per kind, no default: a new kind must pick its colour). */
  static String legend(LayerKind kind) {
    return switch (kind) {
      case CONV2D, CONV_TRANSPOSE2D, CONV1D -> "conv2d";
      case DENSE, UNEMBED, GLU -> "dense";
      case ATTENTION, LATENT_ATTENTION -> "attention";
      case BATCH_NORM, LAYER_NORM, RMS_NORM -> "batchnorm";
      case EMBEDDING, POSITION_EMBEDDING, TOKENS, COLUMNS, PIXEL_UNSHUFFLE, CLASS_TOKEN, SELECT_TOKEN -> "other";
      case MAX_POOL2D, AVG_POOL2D, ADAPTIVE_AVG_POOL2D, UPSAMPLE -> "pooling";
      case ACTIVATION -> "activation";
      case RESIDUAL -> "residual add"; // a residual block's own row is the sum that closes it
      case FLATTEN, DROPOUT -> "other";
      case LSTM, GRU, MIXTURE_OF_EXPERTS, MAMBA2 -> "dense"; // their cost is mostly matrix products
      // the rows that close a concat or gate block, and the channel layers: data movement and
      // element-wise products (the branches' and the gate body's layers have rows of their own)
      case CONCAT, CHUNK, CHANNEL_SHUFFLE, GATE, LAYER_SCALE -> "other";
      case REPEAT -> "other"; // never a row: a repeat's layers have rows of their own kinds
    };
  }

  /** 1, 2, 2.5 or 5 times a power of ten, at least {@code v}. */
  static double niceCeiling(double v) {
    if (!(v > 0)) {
      return 0;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * magnitude >= v * (1 - 1e-12)) {
        return m * magnitude;
      }
    }
    return 10 * magnitude;
  }

  // ---- SVG and HTML helpers -------------------------------------------------------------------

  private interface Scale {
    double at(double value);
  }

  private static StringBuilder svgOpen(int width, int height, String label) {
    return new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(width).append(' ')
        .append(height).append("\" width=\"").append(width).append("\" height=\"").append(height)
        .append("\" role=\"img\" aria-label=\"").append(esc(label)).append("\">\n");
  }

  private static String text(double x, double y, String cls, String content) {
    return "<text x=\"" + f(x) + "\" y=\"" + f(y) + "\" class=\"" + cls + "\">" + content + "</text>\n";
  }

  private static String line(double x1, double y1, double x2, double y2, String cls) {
    return "<line x1=\"" + f(x1) + "\" y1=\"" + f(y1) + "\" x2=\"" + f(x2) + "\" y2=\"" + f(y2) + "\" class=\"" + cls
        + "\"/>\n";
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** Escapes text for HTML content and attribute values. */
  static String esc(String text) {
    StringBuilder s = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> s.append("&amp;");
        case '<' -> s.append("&lt;");
        case '>' -> s.append("&gt;");
        case '"' -> s.append("&quot;");
        default -> s.append(c);
      }
    }
    return s.toString();
  }

  private static final String CSS = String.join("\n",
      "body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif;",
      "       margin: 24px auto; max-width: 1140px; padding: 0 16px; color: #1d1d1f; background: #fff; }",
      "h1 { font-size: 26px; margin: 0 0 4px; }",
      "h2 { font-size: 19px; margin: 30px 0 8px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }",
      ".sub, .note, .foot { color: #555; font-size: 14px; margin: 4px 0 10px; }",
      ".warn { background: #fff4d6; border: 1px solid #e8c65a; padding: 8px 12px; border-radius: 4px; font-size: 14px; }",
      "table { border-collapse: collapse; font-size: 14px; margin: 6px 0; }",
      "table.small { font-size: 12.5px; }",
      "th, td { border-bottom: 1px solid #e4e4e4; padding: 4px 10px; text-align: left; vertical-align: top; }",
      "th { background: #f5f5f7; font-weight: 600; }",
      "td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }",
      ".iv { color: #777; font-size: 11px; }",
      ".ph { color: #a05a00; font-size: 11px; font-weight: normal; }",
      ".charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 8px 16px; }",
      "figure { margin: 6px 0 14px; }",
      "figcaption { font-size: 12.5px; color: #444; margin-top: 2px; }",
      "h3 { font-size: 16px; margin: 18px 0 4px; }",
      "details { margin: 0 0 10px; font-size: 13px; }",
      "summary { cursor: pointer; color: #333; }",
      "svg { max-width: 100%; height: auto; display: block; }",
      "svg text { font-family: inherit; font-size: 12px; fill: #1d1d1f; }",
      "svg .title { font-size: 14px; font-weight: 600; }",
      "svg .muted { fill: #666; font-size: 11.5px; }",
      "svg .tick { fill: #555; font-size: 10.5px; }",
      "svg .mid { text-anchor: middle; }",
      "svg .end { text-anchor: end; }",
      "svg .value { font-size: 11px; fill: #333; }",
      "svg .rank { font-size: 11px; font-weight: 700; }",
      "svg .gl { stroke: #e2e2e2; stroke-width: 1; }",
      "svg .axis { stroke: #888; stroke-width: 1; }",
      "svg .bar { fill: #3b6fb6; }",
      "svg .whisker { stroke: #1d1d1f; stroke-width: 1.2; }",
      ".legend { font-size: 12.5px; margin: 4px 0; }",
      ".legend span { margin-right: 14px; white-space: nowrap; }",
      ".legend i { display: inline-block; width: 11px; height: 11px; margin-right: 5px; vertical-align: -1px; }",
      "code { font-size: 12px; background: #f3f3f3; padding: 0 3px; border-radius: 3px; }",
      "");
}
