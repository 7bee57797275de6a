package io.github.toenergy.calibrate;

import io.github.toenergy.cost.ArithmeticModel;
import io.github.toenergy.energy.EnergyModel;
import io.github.toenergy.energy.Feature;
import io.github.toenergy.model.Format;
import io.github.toenergy.profile.Profile;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a {@link Calibrator.Report} into a profile and a readable fit report. The {@code fit.*}
 * keys a profile carries:
 *
 * <ul>
 *   <li>{@code fit.model}: the chosen candidate and its features; {@code fit.selection}: how it was
 *       chosen, and {@code fit.selectionScore} the held-out error (percent) it was chosen by;
 *   <li>{@code fit.r2}: R² of ln E of the chosen model (in-sample);
 *   <li>{@code fit.cvMape.<candidate>}, {@code fit.lonoMape.<candidate>}: mean absolute percentage
 *       error in percent of every candidate, k-fold and leave-one-network-out ({@code n/a} and why
 *       where a candidate or scheme cannot be fitted);
 *   <li>{@code fit.macsOnlyCvMape}: the MACs-only baseline's k-fold MAPE (percent);
 *   <li>{@code fit.coverage90}, {@code fit.lonoCoverage90}: fraction of held-out measurements inside
 *       the chosen model's 90% interval;
 *   <li>{@code fit.rows}, {@code fit.groups}, {@code fit.folds}, {@code fit.seed}, {@code fit.removed}.
 * </ul>
 */
public final class ProfileFit {
  private ProfileFit() {}

  /**
   * The profile of {@code report}'s chosen model.
   *
   * @param provenance {@code provenance.*} (and any extra {@code fit.*}) entries to add
   */
  public static Profile profile(Calibrator.Report report, String id, String description, String hardware,
      String phases, Format format, ArithmeticModel arithmetic, Map<String, String> provenance) {
    Map<String, String> entries = new TreeMap<>(provenance);
    entries.putAll(fitKeys(report));
    Calibrator.Fit fit = report.chosen().fit();
    if (fit == null) {
      throw new IllegalStateException("the chosen candidate has no fit");
    }
    Map<String, String> arithmeticSettings = arithmetic.onChipBytes() > 0
        ? Map.of(Profile.ON_CHIP_BYTES, Long.toString(arithmetic.onChipBytes())) : Map.of();
    return new Profile(id, description, hardware, phases, format, true, arithmetic, arithmeticSettings, fit.model(),
        entries);
  }

  /** The {@code fit.*} entries of {@code report}. */
  public static Map<String, String> fitKeys(Calibrator.Report report) {
    Map<String, String> keys = new TreeMap<>();
    Calibrator.Result chosen = report.chosen();
    Calibrator.Fit fit = chosen.fit();
    keys.put("fit.model", chosen.candidate().name() + ": " + chosen.candidate().description() + "; fitted features "
        + features(fit.model()));
    keys.put("fit.selection", "lowest " + selection(report));
    keys.put("fit.r2", number(fit.r2()));
    keys.put("fit.selectionScore", number(report.score()));
    keys.put("fit.removed", fit.removed().isEmpty() ? "none" : String.join(", ", fit.removed()));
    for (Calibrator.Result r : report.results()) {
      String name = r.candidate().name();
      keys.put("fit.cvMape." + name, r.ok() ? number(r.crossValidation().mape()) : "n/a: " + r.failure());
      keys.put("fit.lonoMape." + name, lono(r, report));
    }
    Calibrator.Result macs = report.results().stream().filter(r -> r.candidate().name().equals(Candidate.MACS))
        .findFirst().orElse(null);
    keys.put("fit.macsOnlyCvMape", macs == null ? "n/a: no MACs-only candidate"
        : macs.ok() ? number(macs.crossValidation().mape()) : "n/a: " + macs.failure());
    keys.put("fit.coverage90", number(chosen.crossValidation().coverage()));
    Calibrator.Validation lono = chosen.leaveOneGroupOut();
    keys.put("fit.lonoCoverage90", lono == null || Double.isNaN(lono.coverage()) ? "n/a" : number(lono.coverage()));
    keys.put("fit.rows", Integer.toString(fit.rows()));
    keys.put("fit.groups", Integer.toString(report.groups()));
    keys.put("fit.folds", Integer.toString(report.folds()));
    keys.put("fit.seed", Long.toString(report.seed()));
    return keys;
  }

  private static String selection(Calibrator.Report report) {
    String folds = report.folds() + "-fold CV MAPE";
    String how = " (folds hold whole workloads; seed " + report.seed() + "), among the non-control candidates";
    return switch (report.criterion()) {
      case CROSS_VALIDATION -> folds + how;
      case BALANCED_CROSS_VALIDATION -> folds + " averaged over the " + report.kinds().stream().distinct().count()
          + " kinds of measurement" + how;
      case LEAVE_ONE_GROUP_OUT -> "leave-one-network-out MAPE (" + report.groups() + " groups), among the"
          + " non-control candidates";
      case WHOLE_WORKLOADS -> "leave-one-network-out median APE averaged over the " + report.wholeKinds().size()
          + " kinds of whole network and whole run (" + String.join(", ", new java.util.TreeSet<>(report.wholeKinds()))
          + "; " + report.groups() + " groups), among the non-control candidates";
    };
  }

  private static String lono(Calibrator.Result r, Calibrator.Report report) {
    if (!r.ok()) return "n/a: " + r.failure();
    Calibrator.Validation v = r.leaveOneGroupOut();
    if (v == null) return "n/a: one network only";
    int missing = 0;
    for (double p : v.predicted()) if (Double.isNaN(p)) missing++;
    if (missing == v.predicted().length) {
      return "n/a: no network can be predicted from the others (the model cannot be fitted without it)";
    }
    return number(v.mape()) + (missing > 0 ? " (" + missing + " of " + v.predicted().length
        + " measurements not predictable: their network is needed to fit the model)" : "");
  }

  /** Feature keys of a model, with the intercept for log-log. */
  public static String features(EnergyModel model) {
    String f = String.join(",", model.features().stream().map(Feature::key).toList());
    return model.form() == EnergyModel.Form.LOG_LOG ? "log-log: intercept," + f : f;
  }

  /**
   * A fit statistic as written into a profile: four significant digits. These are for people (the CLI and
   * docs print them as percentages), and every profile ships in the runtime jar, whose size is bounded.
   */
  static String number(double v) {
    if (!Double.isFinite(v)) {
      return Double.toString(v);
    }
    return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
  }

  /** A readable fit report: every candidate's R², CV MAPE, LONO MAPE and coverage, and the choice. */
  public static String text(Calibrator.Report report) {
    StringBuilder s = new StringBuilder();
    Set<String> networks = new HashSet<>();
    for (Measurement m : report.measurements()) networks.add(m.group());
    s.append(String.format(Locale.ROOT, "fitted %d measurements of %d network%s; %d-fold cross-validation (folds hold"
            + " whole workloads, seed %d) and leave-one-network-out%n%n", report.measurements().size(),
        networks.size(), networks.size() == 1 ? "" : "s", report.folds(), report.seed()));
    String row = "%-11s %9s %9s %10s %10s %9s %9s  %s%n";
    s.append(String.format(Locale.ROOT, row, "candidate", "R2(ln E)", "CV MAPE", "CV median", "LONO MAPE",
        "90% cov", "score", "model"));
    for (Calibrator.Result r : report.results()) {
      String name = r.candidate().name() + (r == report.chosen() ? " *" : "");
      if (!r.ok()) {
        s.append(String.format(Locale.ROOT, row, name, "-", "-", "-", "-", "-", "-", "not fitted: " + r.failure()));
        continue;
      }
      Calibrator.Validation cv = r.crossValidation();
      Calibrator.Validation lono = r.leaveOneGroupOut();
      s.append(String.format(Locale.ROOT, row, name, fixed(r.fit().r2(), 4), percent(cv.mape()),
          percent(cv.medianApe()), lono == null || Double.isNaN(lono.mape()) ? "n/a" : percent(lono.mape()),
          fixed(cv.coverage(), 2), r.candidate().control() ? "control" : percent(report.score(r, report.criterion())),
          r.candidate().description()));
    }
    Calibrator.Result chosen = report.chosen();
    Calibrator.Fit fit = chosen.fit();
    s.append('\n');
    Calibrator.Result macs = report.results().stream().filter(r -> r.candidate().name().equals(Candidate.MACS))
        .findFirst().orElse(null);
    if (macs != null && macs.ok()) {
      double base = macs.crossValidation().mape();
      s.append(String.format(Locale.ROOT, "MACs-only baseline: CV MAPE %s%n", percent(base)));
      s.append(String.format(Locale.ROOT, "chosen (*): %s by the %s: CV MAPE %s, %.2fx %s than MACs-only%n",
          chosen.candidate().name(), selection(report), percent(chosen.crossValidation().mape()),
          ratio(base, chosen.crossValidation().mape()),
          chosen.crossValidation().mape() <= base ? "lower" : "HIGHER"));
    } else {
      s.append(String.format(Locale.ROOT, "chosen (*): %s by the %s%n", chosen.candidate().name(),
          selection(report)));
    }
    EnergyModel model = fit.model();
    double[] b = model.coefficients();
    StringBuilder coef = new StringBuilder();
    int offset = 0;
    if (model.form() == EnergyModel.Form.LOG_LOG) {
      coef.append(String.format(Locale.ROOT, "intercept=%.6g", b[0]));
      offset = 1;
    }
    for (int i = 0; i < model.features().size(); i++) {
      coef.append(coef.length() == 0 ? "" : ", ").append(model.features().get(i).key()).append('=')
          .append(String.format(Locale.ROOT, "%.6g", b[i + offset]));
    }
    s.append("coefficients (").append(model.form().key()).append("): ").append(coef).append('\n');
    if (!fit.removed().isEmpty()) {
      s.append("removed: ").append(String.join(", ", fit.removed())).append('\n');
    }
    return s.toString();
  }

  private static double ratio(double base, double value) {
    return value > 0 ? base / value : Double.POSITIVE_INFINITY;
  }

  static String percent(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", v);
  }

  private static String fixed(double v, int digits) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%." + digits + "f", v);
  }
}
