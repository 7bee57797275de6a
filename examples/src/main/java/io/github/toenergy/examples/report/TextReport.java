package io.github.toenergy.examples.report;

import io.github.toenergy.energy.Estimate;
import io.github.toenergy.profile.Profile;
import java.util.List;
import java.util.Locale;

/** The report as plain-text tables for a terminal: one table per network, then a summary matrix. */
public final class TextReport {
  private static final String MICRO = "u";

  private TextReport() {}

  /** Renders {@code report}; lines end with {@code \n}. */
  public static String render(Report report) {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "toenergy report: %d networks x %d profiles, one inference of batch %d%n",
        report.rows().size(), report.profiles().size(), report.batch()));
    s.append("TOs counted with the '").append(report.arithmetic().id())
        .append("' arithmetic model; joules are the profile's prediction with its 90% interval.\n");
    if (report.anyPlaceholder()) {
      s.append("Profiles marked 'placeholder' are not fitted to measurements: their joules are illustrative only.\n");
    }
    int profileWidth = Math.max(7, report.profiles().stream().mapToInt(p -> p.id().length()).max().orElse(7));
    s.append("\nprofiles\n");
    for (Profile p : report.profiles()) {
      s.append(String.format(Locale.ROOT, "  %-" + profileWidth + "s  %s; measured: %s%s%n", p.id(), p.hardware(),
          p.phases().replace(",", ", "), p.calibrated() ? "" : "; placeholder"));
    }
    String row = "  %-" + profileWidth + "s  %11s  %-23s  %s%n";
    for (Report.Row r : report.rows()) {
      s.append('\n').append(r.network().name()).append('\n');
      s.append(String.format(Locale.ROOT, "  parameters %s   MACs %s   TOs %s   TOs/MAC %s   layers %d%n",
          Units.count(r.parameters()), Units.count(r.macs()), Units.count(r.tos()), Units.ratio(r.tosPerMac()),
          r.costedLayers()));
      s.append(String.format(Locale.ROOT, row, "profile", "J/inference", "90% interval", "note"));
      List<Estimate> estimates = r.estimates();
      for (int i = 0; i < estimates.size(); i++) {
        Profile p = report.profiles().get(i);
        Estimate e = estimates.get(i);
        s.append(String.format(Locale.ROOT, row, p.id(), Units.joules(e.joules(), MICRO),
            Units.joules(e.low(), MICRO) + " .. " + Units.joules(e.high(), MICRO), note(p, e)).stripTrailing())
            .append('\n');
      }
    }
    s.append('\n').append(summary(report));
    return s.toString();
  }

  /** Networks down, profiles across: joules per inference. */
  static String summary(Report report) {
    StringBuilder s = new StringBuilder("joules per inference (batch ").append(report.batch()).append(")\n");
    int nameWidth = Math.max(7, report.rows().stream().mapToInt(r -> r.network().name().length()).max().orElse(7));
    int[] widths = report.profiles().stream().mapToInt(p -> Math.max(9, p.id().length())).toArray();
    s.append(String.format(Locale.ROOT, "  %-" + nameWidth + "s", "network"));
    for (int i = 0; i < widths.length; i++) {
      s.append(String.format(Locale.ROOT, "  %" + widths[i] + "s", report.profiles().get(i).id()));
    }
    s.append('\n');
    for (Report.Row r : report.rows()) {
      s.append(String.format(Locale.ROOT, "  %-" + nameWidth + "s", r.network().name()));
      for (int i = 0; i < widths.length; i++) {
        s.append(String.format(Locale.ROOT, "  %" + widths[i] + "s", Units.joules(r.estimates().get(i).joules(), MICRO)));
      }
      s.append('\n');
    }
    return s.toString();
  }

  /** Why to trust an estimate less: a placeholder profile, extrapolation in size or in phase. */
  static String note(Profile p, Estimate e) {
    List<String> notes = new java.util.ArrayList<>();
    if (!e.calibrated()) {
      notes.add("placeholder");
    }
    if (e.outsideFittedRange()) { // in size or, on a profile not measured for inference, in phase
      notes.add("outside fitted range");
    }
    if (!measuredForInference(p)) {
      notes.add(fittedOn(p));
    }
    return String.join(", ", notes);
  }

  /** The phases a profile was measured for, e.g. "fitted on training only" or "fitted on decode only". */
  static String fittedOn(Profile p) {
    return p.measuredPhases().stream().sorted()
        .map(phase -> phase.name().toLowerCase(Locale.ROOT))
        .collect(java.util.stream.Collectors.joining(" and ", "fitted on ", " only"));
  }

  /** Whether the profile's measurements include inference. */
  static boolean measuredForInference(Profile p) {
    return p.measuredPhases().contains(io.github.toenergy.annotations.Phase.INFERENCE);
  }
}
