package io.github.toenergy.refit;

import io.github.toenergy.calibrate.Calibrator;
import io.github.toenergy.calibrate.Measurement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The predicted-vs-measured scatter plot, a self-contained SVG: joules of each measurement, or for the LLM
 * profiles joules per generated token (what a user of them asks for; a run's joules grow with its batch and
 * length, which would spread the points along the diagonal without saying how close each token's price is).
 */
final class AccuracyPlot {
  private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
      "#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#393b79", "#637939"};
  private static final int MAX_PER_KIND = 400;
  private static final int W = 920;
  private static final int H = 560;
  private static final int LEFT = 80;
  private static final int RIGHT = 440;
  private static final int TOP = 40;
  private static final int BOTTOM = 60;

  private AccuracyPlot() {}

  /**
   * Writes the plot; returns how many points it shows. {@code perToken}: divide measured and predicted joules by
   * the tokens the run generated (its sequences x tokens per sequence).
   */
  static int write(Path file, String id, Calibrator.Report report, AccuracyReport.HeldOut held, boolean perToken)
      throws IOException {
    List<Measurement> ms = report.measurements();
    double[] measured = new double[ms.size()];
    double[] predicted = new double[ms.size()];
    for (int i = 0; i < ms.size(); i++) {
      double tokens = perToken ? ms.get(i).samples() * ms.get(i).workload().tokens() : 1;
      measured[i] = ms.get(i).joules() / tokens;
      predicted[i] = held.predicted()[i] / tokens;
    }
    String xLabel = perToken ? "measured joules per generated token" : "measured energy (J)";
    String yLabel = perToken ? "predicted joules per generated token, held out" : "predicted energy, held out (J)";
    Map<String, List<Integer>> kinds = new LinkedHashMap<>();
    for (int i = 0; i < ms.size(); i++) {
      if (Double.isNaN(predicted[i]) || predicted[i] <= 0) continue;
      kinds.computeIfAbsent(report.kinds().get(i), k -> new ArrayList<>()).add(i);
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (List<Integer> rows : kinds.values()) {
      for (int i : rows) {
        lo = Math.min(lo, Math.min(measured[i], predicted[i]));
        hi = Math.max(hi, Math.max(measured[i], predicted[i]));
      }
    }
    double lmin = Math.floor(Math.log10(lo));
    double lmax = Math.ceil(Math.log10(hi));
    if (lmax <= lmin) lmax = lmin + 1;
    int pw = W - LEFT - RIGHT;
    int ph = H - TOP - BOTTOM;
    StringBuilder s = new StringBuilder();
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
        .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H)
        .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
    s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    s.append("<text x=\"").append(LEFT + pw / 2).append("\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">")
        .append(id).append(perToken ? ": held-out prediction vs measurement, per generated token"
            : ": held-out prediction vs measurement").append("</text>\n");
    // the +-10% band and the diagonal
    double a = lmin;
    double b = lmax;
    s.append("<polygon fill=\"#eeeeee\" points=\"")
        .append(f1(px(a, lmin, lmax, pw))).append(',').append(f1(py(a + Math.log10(1.1), lmin, lmax, ph))).append(' ')
        .append(f1(px(b, lmin, lmax, pw))).append(',').append(f1(py(b + Math.log10(1.1), lmin, lmax, ph))).append(' ')
        .append(f1(px(b, lmin, lmax, pw))).append(',').append(f1(py(b + Math.log10(0.9), lmin, lmax, ph))).append(' ')
        .append(f1(px(a, lmin, lmax, pw))).append(',').append(f1(py(a + Math.log10(0.9), lmin, lmax, ph)))
        .append("\"/>\n");
    s.append("<line x1=\"").append(f1(px(a, lmin, lmax, pw))).append("\" y1=\"").append(f1(py(a, lmin, lmax, ph)))
        .append("\" x2=\"").append(f1(px(b, lmin, lmax, pw))).append("\" y2=\"").append(f1(py(b, lmin, lmax, ph)))
        .append("\" stroke=\"#888888\"/>\n");
    // axes and decade ticks
    s.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(pw)
        .append("\" height=\"").append(ph).append("\" fill=\"none\" stroke=\"black\"/>\n");
    int step = (int) Math.max(1, Math.ceil((lmax - lmin) / 10));
    for (double d = lmin; d <= lmax + 1e-9; d += step) {
      String label = "1e" + (int) d;
      s.append("<line x1=\"").append(f1(px(d, lmin, lmax, pw))).append("\" y1=\"").append(TOP + ph).append("\" x2=\"")
          .append(f1(px(d, lmin, lmax, pw))).append("\" y2=\"").append(TOP + ph + 5).append("\" stroke=\"black\"/>")
          .append("<text x=\"").append(f1(px(d, lmin, lmax, pw))).append("\" y=\"").append(TOP + ph + 18)
          .append("\" text-anchor=\"middle\">").append(label).append("</text>\n");
      s.append("<line x1=\"").append(LEFT - 5).append("\" y1=\"").append(f1(py(d, lmin, lmax, ph))).append("\" x2=\"")
          .append(LEFT).append("\" y2=\"").append(f1(py(d, lmin, lmax, ph))).append("\" stroke=\"black\"/>")
          .append("<text x=\"").append(LEFT - 8).append("\" y=\"").append(AccuracyReport.fmt("%.1f", py(d, lmin, lmax, ph) + 4))
          .append("\" text-anchor=\"end\">").append(label).append("</text>\n");
    }
    s.append("<text x=\"").append(LEFT + pw / 2).append("\" y=\"").append(H - 15)
        .append("\" text-anchor=\"middle\">").append(xLabel).append("</text>\n");
    s.append("<text transform=\"translate(20,").append(TOP + ph / 2)
        .append(") rotate(-90)\" text-anchor=\"middle\">").append(yLabel).append("</text>\n");
    int shown = 0;
    int k = 0;
    for (Map.Entry<String, List<Integer>> kind : kinds.entrySet()) {
      String color = COLORS[k % COLORS.length];
      List<Integer> rows = kind.getValue();
      boolean whole = kind.getKey().contains("whole network") || kind.getKey().endsWith("epochs");
      int every = whole ? 1 : Math.max(1, (rows.size() + MAX_PER_KIND - 1) / MAX_PER_KIND);
      s.append("<g fill=\"").append(color).append("\" fill-opacity=\"").append(whole ? "0.9" : "0.45")
          .append("\">\n");
      for (int j = 0; j < rows.size(); j += every) {
        int i = rows.get(j);
        s.append("<circle cx=\"").append(AccuracyReport.fmt("%.1f", px(Math.log10(measured[i]), lmin, lmax, pw)))
            .append("\" cy=\"").append(AccuracyReport.fmt("%.1f", py(Math.log10(predicted[i]), lmin, lmax, ph)))
            .append("\" r=\"").append(whole ? "3.5" : "2").append("\"/>\n");
        shown++;
      }
      s.append("</g>\n");
      int ly = TOP + 10 + 18 * k;
      s.append("<circle cx=\"").append(W - RIGHT + 20).append("\" cy=\"").append(ly).append("\" r=\"5\" fill=\"")
          .append(color).append("\"/><text x=\"").append(W - RIGHT + 30).append("\" y=\"").append(ly + 4)
          .append("\" font-size=\"11\">").append(escape(kind.getKey())).append(" (").append(rows.size())
          .append(")</text>\n");
      k++;
    }
    s.append("</svg>\n");
    Files.writeString(file, s.toString(), StandardCharsets.UTF_8);
    return shown;
  }

  private static String f1(double v) {
    return AccuracyReport.fmt("%.1f", v);
  }

  private static double px(double log, double lmin, double lmax, int pw) {
    return LEFT + (log - lmin) / (lmax - lmin) * pw;
  }

  private static double py(double log, double lmin, double lmax, int ph) {
    return TOP + ph - (log - lmin) / (lmax - lmin) * ph;
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
