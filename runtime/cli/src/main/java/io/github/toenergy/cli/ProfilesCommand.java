package io.github.toenergy.cli;

import io.github.toenergy.profile.Profile;
import io.github.toenergy.profile.Profiles;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code profiles}: one line per profile (id, hardware, what was measured, the chosen model and its
 * held-out error); {@code profiles show ID}: everything a profile file says about itself.
 */
@Command(name = "profiles", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
    description = {"Lists the hardware profiles, one line each: shipped, on the class path, or in a "
        + "--profile-path folder.",
        "held-out error: the 10-fold cross-validated mean absolute percentage error of the chosen model "
            + "(folds hold whole workloads)."},
    subcommands = ProfilesCommand.Show.class, footerHeading = "%n", footer = Main.EXIT_STATUS)
final class ProfilesCommand implements Callable<Integer> {
  /** The hardware column is cut to this width; {@code profiles show ID} gives it whole. */
  static final int HARDWARE_WIDTH = 48;

  @Spec CommandSpec spec;

  @Mixin ProfilePathOption profilePath;

  @Override
  public Integer call() {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"id", "hardware", "measured", "model", "held-out error"});
    for (Profile p : profilePath.load().profiles()) {
      rows.add(new String[] {p.id() + (p.calibrated() ? "" : " [placeholder]"), cut(p.hardware()),
          p.phases() + " (" + p.format().name().toLowerCase(Locale.ROOT) + ")", model(p), heldOutError(p)});
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.length; c++) {
        line.append(c == 0 ? "" : "  ").append(c == row.length - 1 ? String.format(Locale.ROOT, "%" + widths[c] + "s",
            row[c]) : String.format(Locale.ROOT, "%-" + widths[c] + "s", row[c]));
      }
      out.println(line.toString().stripTrailing());
    }
    out.println();
    out.println("Details of one profile: toenergy profiles show ID");
    return Main.OK;
  }

  /** The chosen candidate model ({@code fit.model} up to its colon), else the model's form. */
  static String model(Profile p) {
    String fitted = p.provenance().get("fit.model");
    return fitted != null && fitted.contains(":") ? fitted.substring(0, fitted.indexOf(':'))
        : p.model().form().key();
  }

  /** The chosen model's cross-validated MAPE ({@code fit.cvMape.<model>}), or {@code n/a}. */
  static String heldOutError(Profile p) {
    String value = p.provenance().get("fit.cvMape." + model(p));
    try {
      return value == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", Double.parseDouble(value));
    } catch (NumberFormatException e) {
      return "n/a";
    }
  }

  private static String cut(String text) {
    return text.length() <= HARDWARE_WIDTH ? text : text.substring(0, HARDWARE_WIDTH - 3) + "...";
  }

  /** {@code profiles show ID}. */
  @Command(name = "show", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
      description = "Shows one profile: hardware, what was measured, the energy model, and every fit.* and "
          + "provenance.* entry (fit quality, data source, licence, method, limitations).",
      footerHeading = "%n", footer = Main.EXIT_STATUS)
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin ProfilePathOption profilePath;

    @Parameters(paramLabel = "ID", description = "The profile's id (see 'toenergy profiles').")
    String id;

    @Override
    public Integer call() {
      Profiles profiles = profilePath.load();
      Profile p = profiles.profile(id);
      PrintWriter out = spec.commandLine().getOut();
      out.println(p.id() + (p.calibrated() ? "" : "  [UNCALIBRATED placeholder: not fitted to measurements]"));
      out.println("  description: " + p.description());
      out.println("  hardware:    " + p.hardware());
      out.println("  measured:    " + p.phases() + ", " + p.format().name().toLowerCase(Locale.ROOT));
      out.println("  model:       " + p.model().form().key() + " on "
          + String.join(" + ", p.model().features().stream().map(f -> f.key()).toList())
          + ", arithmetic " + p.arithmetic().id());
      p.provenance().forEach((k, v) -> out.println("  " + k + ": " + v));
      return Main.OK;
    }
  }
}
