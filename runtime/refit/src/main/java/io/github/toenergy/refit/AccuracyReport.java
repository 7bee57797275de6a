package io.github.toenergy.refit;

import io.github.toenergy.calibrate.Calibrator;
import io.github.toenergy.calibrate.Candidate;
import io.github.toenergy.calibrate.Dataset;
import io.github.toenergy.calibrate.Measurement;
import io.github.toenergy.calibrate.ProfileFit;
import io.github.toenergy.cost.ArithmeticModel;
import io.github.toenergy.energy.EnergyModel;
import io.github.toenergy.energy.Feature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Writes docs/accuracy.md and one predicted-vs-measured SVG per profile from the fitted shipped
 * profiles, so that every number in the document is reproducible with one command.
 */
final class AccuracyReport {
  /** The paper's precision range (Li, Tsourdos, Guo): 100% minus the relative error. */
  static final double PAPER_LOW = 93.61;
  static final double PAPER_HIGH = 99.51;

  private AccuracyReport() {}

  /** Which held-out prediction a row gets: leave-one-network-out where it could be fitted, else k-fold. */
  record HeldOut(double[] predicted, double[] low, double[] high, boolean[] fromLono) {
    static HeldOut of(Calibrator.Result r) {
      Calibrator.Validation cv = r.crossValidation();
      Calibrator.Validation lono = r.leaveOneGroupOut();
      int n = cv.predicted().length;
      double[] p = new double[n];
      double[] lo = new double[n];
      double[] hi = new double[n];
      boolean[] fromLono = new boolean[n];
      for (int i = 0; i < n; i++) {
        boolean useLono = lono != null && !Double.isNaN(lono.predicted()[i]);
        Calibrator.Validation v = useLono ? lono : cv;
        p[i] = v.predicted()[i];
        lo[i] = v.low()[i];
        hi[i] = v.high()[i];
        fromLono[i] = useLono;
      }
      return new HeldOut(p, lo, hi, fromLono);
    }
  }

  /** The page's prose, with {@code {{name}}} placeholders for what is computed. */
  static final String TEMPLATE = "accuracy-template.md";

  static void write(List<ShippedProfiles.Fitted> fitted, Path docs) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    StringBuilder md = new StringBuilder();
    for (ShippedProfiles.Fitted f : fitted) {
      Calibrator.Report r = f.report();
      Calibrator.Result c = r.chosen();
      Calibrator.Result macs = r.result(Candidate.MACS);
      md.append("| `").append(f.spec().id()).append("` | ").append(f.data().measurements().size()).append(" | `")
          .append(c.candidate().name()).append("` | ").append(pct(c.crossValidation().mape())).append(" | ")
          .append(macs.ok() ? pct(macs.crossValidation().mape()) : "n/a").append(" | ")
          .append(macs.ok() ? fmt("%.2fx", macs.crossValidation().mape() / c.crossValidation().mape()) : "n/a")
          .append(" | ").append(fmt("%.2f", c.crossValidation().coverage())).append(" / ")
          .append(c.leaveOneGroupOut() == null || Double.isNaN(c.leaveOneGroupOut().coverage()) ? "n/a"
              : fmt("%.2f", c.leaveOneGroupOut().coverage()))
          .append(" | ").append(headline(f)).append(" |\n");
    }
    values.put("summary", take(md));
    for (ShippedProfiles.Fitted f : fitted) {
      if (isLlm(f)) continue; // their candidates are others: the LLM section compares them
      md.append("| `").append(f.spec().id()).append("`");
      for (String name : List.of("tos", "tos-bytes", "macs-bytes", "split", "kinds", "kinds-cache", "log-log")) {
        Calibrator.Result res = f.report().results().stream().filter(x -> x.candidate().name().equals(name))
            .findFirst().orElse(null);
        md.append(" | ").append(res != null && res.ok() ? pct(res.crossValidation().mape()) : "n/a");
      }
      md.append(" |\n");
    }
    values.put("candidates", take(md));
    values.put("spillPrice", spillPrice(fitted));
    for (ShippedProfiles.Fitted f : fitted) {
      goals(f, md);
    }
    values.put("goals", take(md));
    values.put("gpuLono", gpuLono(fitted));
    values.put("gpuJoulesPerMac", gpuJoulesPerMac(fitted));
    values.put("gpuCandidates", gpuCandidates(fitted));
    values.put("llm", llm(fitted));
    values.put("paperLow", fmt("%.2f", PAPER_LOW));
    values.put("paperHigh", fmt("%.2f", PAPER_HIGH));
    for (ShippedProfiles.Fitted f : fitted) {
      paper(f, md);
    }
    values.put("paper", take(md));
    for (ShippedProfiles.Fitted f : fitted) {
      section(f, md, docs);
    }
    values.put("profiles", take(md));
    Files.writeString(docs.resolve("accuracy.md"), fill(template(), values), StandardCharsets.UTF_8);
  }

  /** The text of {@code md}, which is emptied. */
  private static String take(StringBuilder md) {
    String text = md.toString();
    md.setLength(0);
    return text;
  }

  /** The page template, a resource next to this class. */
  static String template() throws IOException {
    try (java.io.InputStream in = AccuracyReport.class.getResourceAsStream(TEMPLATE)) {
      if (in == null) throw new IOException("resource " + TEMPLATE + " is missing");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * {@code template} with every {@code {{name}}} replaced by its value: a placeholder alone on its line
   * (a table's rows, a run of sections) takes its line, whose value ends with its own line break.
   *
   * @throws IllegalStateException for a placeholder without a value or a value without a placeholder
   */
  static String fill(String template, Map<String, String> values) {
    String out = template;
    for (Map.Entry<String, String> v : values.entrySet()) {
      String line = "{{" + v.getKey() + "}}\n";
      String inline = "{{" + v.getKey() + "}}";
      if (out.startsWith(line) || out.contains("\n" + line)) {
        out = out.replace(line, v.getValue());
      } else if (out.contains(inline)) {
        out = out.replace(inline, v.getValue());
      } else {
        throw new IllegalStateException(TEMPLATE + " has no placeholder {{" + v.getKey() + "}}");
      }
    }
    java.util.regex.Matcher left = java.util.regex.Pattern.compile("\\{\\{[A-Za-z]+}}").matcher(out);
    if (left.find()) {
      throw new IllegalStateException(TEMPLATE + ": no value for " + left.group());
    }
    return out;
  }

  // ---- leave-one-network-out on the GPUs (issue 12) ---------------------------------------------

  /** The goal of issue 12: each Zeus network, left out of the fit, within this median APE on every GPU. */
  static final double GPU_LONO_GOAL = 15;

  /**
   * Per Zeus workload (rows) and GPU (columns): the median APE of its epochs predicted by a fit without its
   * network, for the shipped model and for MACs-only; a workload whose network the runtime cannot express yet
   * is listed with why, and a fit that cannot be made without the network (two networks left) says so.
   */
  static String gpuLono(List<ShippedProfiles.Fitted> fitted) {
    List<ShippedProfiles.Fitted> gpus = fitted.stream().filter(AccuracyReport::isZeus).toList();
    StringBuilder md = new StringBuilder("| network | dataset |");
    StringBuilder rule = new StringBuilder("| --- | --- |");
    for (ShippedProfiles.Fitted f : gpus) {
      md.append(" `").append(f.spec().id()).append("`: shipped / MACs-only |");
      rule.append(" ---: |");
    }
    md.append(" within ").append(fmt("%.0f", GPU_LONO_GOAL)).append("% on every GPU |\n").append(rule)
        .append(" --- |\n");
    for (ZeusWorkloads.Workload w : ZeusWorkloads.all()) {
      md.append("| ").append(w.name()).append(" | ").append(w.dataset()).append(" |");
      String met = "yes";
      for (ShippedProfiles.Fitted f : gpus) {
        Calibrator.Report r = f.report();
        boolean[] rows = select(r, m -> m.network().name().equals(w.name()));
        if (!any(rows)) {
          md.append(" not fitted |");
          met = "not yet: its notation does not parse";
          continue;
        }
        double shipped = lonoMedian(r.chosen(), r.joules(), rows);
        double macs = lonoMedian(r.result(Candidate.MACS), r.joules(), rows);
        md.append(' ').append(Double.isNaN(shipped) ? "n/a" : pct(shipped)).append(" / ")
            .append(Double.isNaN(macs) ? "n/a" : pct(macs)).append(" |");
        if (Double.isNaN(shipped)) {
          met = met.equals("yes") ? "n/a: too few networks to fit without it" : met;
        } else if (shipped > GPU_LONO_GOAL && met.equals("yes")) {
          met = "**no**";
        }
      }
      md.append(' ').append(met).append(" |\n");
    }
    return md.toString();
  }

  /**
   * Per GPU and linear candidate (rows), each Zeus workload's leave-one-network-out median APE (columns) and the
   * worst of them: what each feature set does for each network left out, the shipped one marked.
   */
  static String gpuCandidates(List<ShippedProfiles.Fitted> fitted) {
    StringBuilder md = new StringBuilder("| GPU | candidate | fitted features |");
    StringBuilder rule = new StringBuilder("| --- | --- | --- |");
    for (ZeusWorkloads.Workload w : ZeusWorkloads.all()) {
      md.append(' ').append(w.name()).append(" |");
      rule.append(" ---: |");
    }
    md.append(" worst |\n").append(rule).append(" ---: |\n");
    for (ShippedProfiles.Fitted f : fitted.stream().filter(AccuracyReport::isZeus).toList()) {
      Calibrator.Report r = f.report();
      for (Calibrator.Result c : r.results()) {
        if (c.candidate().form() != io.github.toenergy.energy.EnergyModel.Form.LINEAR) continue;
        md.append("| `").append(f.spec().id()).append("` | `").append(c.candidate().name()).append('`')
            .append(c == r.chosen() ? " **(shipped)**" : c.candidate().control() ? " (control)" : "").append(" | ")
            .append(c.ok() ? c.fit().model().features().stream().map(io.github.toenergy.energy.Feature::key)
                .collect(java.util.stream.Collectors.joining(",")) : "not fitted").append(" |");
        double worst = Double.NEGATIVE_INFINITY;
        for (ZeusWorkloads.Workload w : ZeusWorkloads.all()) {
          double m = lonoMedian(c, r.joules(), select(r, x -> x.network().name().equals(w.name())));
          worst = Double.isNaN(m) ? Double.POSITIVE_INFINITY : Math.max(worst, m);
          md.append(' ').append(Double.isNaN(m) ? "n/a" : fmt("%.1f%%", m)).append(" |");
        }
        md.append(' ').append(Double.isFinite(worst) ? fmt("%.1f%%", worst) : "n/a").append(" |\n");
      }
    }
    return md.toString();
  }

  /**
   * Per fitted Zeus workload (rows) and GPU (columns): the measured joules per training MAC at the workload's most
   * efficient batch size (epoch joules / (samples x MACs per sample of a training step)), in pJ. What no count of
   * work separates shows here: a network whose MACs cost a different price on one GPU than on the others.
   */
  static String gpuJoulesPerMac(List<ShippedProfiles.Fitted> fitted) {
    List<ShippedProfiles.Fitted> gpus = fitted.stream().filter(AccuracyReport::isZeus).toList();
    StringBuilder md = new StringBuilder("| network | dataset |");
    StringBuilder rule = new StringBuilder("| --- | --- |");
    for (ShippedProfiles.Fitted f : gpus) {
      md.append(" `").append(f.spec().id()).append("` |");
      rule.append(" ---: |");
    }
    md.append('\n').append(rule).append('\n');
    for (ZeusWorkloads.Workload w : ZeusWorkloads.all()) {
      StringBuilder row = new StringBuilder("| " + w.name() + " | " + w.dataset() + " |");
      boolean any = false;
      for (ShippedProfiles.Fitted f : gpus) {
        double best = Double.POSITIVE_INFINITY;
        for (Measurement m : f.report().measurements()) {
          if (!m.network().name().equals(w.name())) continue;
          io.github.toenergy.cost.NetworkCost cost = io.github.toenergy.cost.NetworkCost.of(m.network(),
              io.github.toenergy.annotations.Phase.TRAINING);
          double macsPerSample = cost.macs(1) - cost.macs(0);
          best = Math.min(best, m.joules() / m.samples() / macsPerSample * 1e12);
        }
        any |= Double.isFinite(best);
        row.append(' ').append(Double.isFinite(best) ? fmt("%.1f", best) : "n/a").append(" |");
      }
      if (any) md.append(row).append('\n');
    }
    return md.toString();
  }

  /** The leave-one-network-out median APE of {@code result} over {@code rows}; NaN when it could not be fitted. */
  private static double lonoMedian(Calibrator.Result result, double[] joules, boolean[] rows) {
    if (!result.ok() || result.leaveOneGroupOut() == null) return Double.NaN;
    return result.leaveOneGroupOut().medianApe(joules, rows);
  }

  /** The measurements a profile exists to predict: its whole networks, or every run of the LLM profiles. */
  private static boolean[] whole(ShippedProfiles.Fitted f) {
    return select(f.report(), m -> isLlm(f) || f.spec().wholeNetworks().contains(m.network().name()));
  }

  private static boolean isLlm(ShippedProfiles.Fitted f) {
    return ShippedProfiles.isLlm(f.spec());
  }

  // ---- LLM serving (issue 13) -------------------------------------------------------------------

  /** Issue 13's goal: joules per token within this median APE, each model left out, on each GPU. */
  static final double LLM_GOAL = 15;

  /**
   * The parameters-only baseline, held out like the shipped model: joules per generated token = k x the
   * network's active parameters, k fitted by the same relative least squares with each model weighted alike,
   * each model's runs predicted by a k fitted without them. Returns its held-out predictions (joules of each
   * measurement) as a validation without intervals.
   */
  static Calibrator.Validation parametersOnly(ShippedProfiles.Fitted f) {
    List<Measurement> ms = f.report().measurements();
    int n = ms.size();
    double[] x = new double[n];
    double[] y = f.report().joules();
    Map<String, Integer> perGroup = new LinkedHashMap<>();
    Map<io.github.toenergy.model.Network, Long> active = new java.util.IdentityHashMap<>();
    for (int i = 0; i < n; i++) {
      Measurement m = ms.get(i);
      long parameters = active.computeIfAbsent(m.network(), net -> io.github.toenergy.cost.NetworkCost.of(net,
          io.github.toenergy.annotations.Phase.INFERENCE).activeParameters());
      x[i] = (double) parameters * m.samples() * m.workload().tokens(); // tokens generated by the batch
      perGroup.merge(m.group(), 1, Integer::sum);
    }
    double[] predicted = new double[n];
    for (String held : perGroup.keySet()) {
      double num = 0;
      double den = 0;
      for (int i = 0; i < n; i++) {
        if (ms.get(i).group().equals(held)) continue;
        double w = 1.0 / perGroup.get(ms.get(i).group()); // each model alike
        num += w * x[i] / y[i];
        den += w * (x[i] / y[i]) * (x[i] / y[i]);
      }
      double k = num / den;
      for (int i = 0; i < n; i++) {
        if (ms.get(i).group().equals(held)) predicted[i] = k * x[i];
      }
    }
    double[] nan = new double[n];
    java.util.Arrays.fill(nan, Double.NaN);
    // the summary fields are not used: the errors are taken per selection, as for the fitted candidates
    return new Calibrator.Validation(Double.NaN, Double.NaN, Double.NaN, predicted, nan, nan);
  }

  /**
   * The LLM profiles held out, each model left out (its bf16 and FP8 builds together): per GPU, per model and per
   * candidate, the shipped model against the parameters-only baseline.
   */
  static String llm(List<ShippedProfiles.Fitted> fitted) {
    List<ShippedProfiles.Fitted> gpus = fitted.stream().filter(AccuracyReport::isLlm).toList();
    StringBuilder md = new StringBuilder("| profile | runs | models | shipped | median APE | MAPE | 90% interval"
        + " coverage | parameters-only median APE | parameters-only / shipped | within " + fmt("%.0f", LLM_GOAL)
        + "% |\n| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
    Map<String, Calibrator.Validation> baselines = new LinkedHashMap<>();
    for (ShippedProfiles.Fitted f : gpus) {
      Calibrator.Report r = f.report();
      Calibrator.Validation lono = r.chosen().leaveOneGroupOut();
      Calibrator.Validation base = parametersOnly(f);
      baselines.put(f.spec().id(), base);
      double[] e = r.joules();
      boolean[] all = select(r, m -> true);
      double med = lono.medianApe(e, all);
      md.append("| `").append(f.spec().id()).append("` | ").append(e.length).append(" | ").append(r.groups())
          .append(" | `").append(r.chosen().candidate().name()).append("` | ").append(pct(med)).append(" | ")
          .append(pct(lono.mape(e, all))).append(" | ").append(fmt("%.2f", lono.coverage(e, all))).append(" | ")
          .append(pct(base.medianApe(e, all))).append(" | ").append(fmt("%.1fx", base.medianApe(e, all) / med))
          .append(" | ").append(med <= LLM_GOAL ? "yes" : "**no**").append(" |\n");
    }
    md.append("\nPer model, each left out of the fit (median APE of its runs, shipped / parameters-only, and the"
        + " share of its runs inside the shipped model's 90% interval):\n\n| model |");
    StringBuilder rule = new StringBuilder("| --- |");
    for (ShippedProfiles.Fitted f : gpus) {
      md.append(" `").append(f.spec().id()).append("` runs | shipped / parameters-only | coverage |");
      rule.append(" ---: | ---: | ---: |");
    }
    md.append('\n').append(rule).append('\n');
    java.util.Set<String> models = new java.util.TreeSet<>();
    for (ShippedProfiles.Fitted f : gpus) {
      for (Measurement m : f.report().measurements()) models.add(m.group());
    }
    for (String model : models) {
      md.append("| ").append(model).append(" |");
      for (ShippedProfiles.Fitted f : gpus) {
        Calibrator.Report r = f.report();
        boolean[] s = select(r, m -> m.group().equals(model));
        if (!any(s)) {
          md.append(" 0 | | |");
          continue;
        }
        double[] e = r.joules();
        Calibrator.Validation lono = r.chosen().leaveOneGroupOut();
        md.append(' ').append(count(s)).append(" | ").append(pct(lono.medianApe(e, s))).append(" / ")
            .append(pct(baselines.get(f.spec().id()).medianApe(e, s))).append(" | ")
            .append(fmt("%.2f", lono.coverage(e, s))).append(" |");
      }
      md.append('\n');
    }
    md.append("\nEvery candidate, each model left out (median APE over all runs; the chosen one in bold):\n\n"
        + "| candidate | features |");
    rule.setLength(0);
    rule.append("| --- | --- |");
    for (ShippedProfiles.Fitted f : gpus) {
      md.append(" `").append(f.spec().id()).append("` |");
      rule.append(" ---: |");
    }
    md.append('\n').append(rule).append('\n');
    for (Candidate candidate : ShippedProfiles.llmCandidates()) {
      md.append("| `").append(candidate.name()).append("`").append(candidate.control() ? " (control)" : "")
          .append(" | ").append(candidate.features().stream().map(Feature::key).collect(
              java.util.stream.Collectors.joining(", "))).append(" |");
      for (ShippedProfiles.Fitted f : gpus) {
        Calibrator.Result res = f.report().result(candidate.name());
        boolean chosen = res == f.report().chosen();
        md.append(' ').append(chosen ? "**" : "").append(res.ok() && res.leaveOneGroupOut() != null
            ? pct(res.leaveOneGroupOut().medianApe(f.report().joules(), select(f.report(), m -> true))) : "n/a")
            .append(chosen ? "**" : "").append(" |");
      }
      md.append('\n');
    }
    md.append("| parameters-only | active parameters x tokens |");
    for (ShippedProfiles.Fitted f : gpus) {
      md.append(' ').append(pct(baselines.get(f.spec().id()).medianApe(f.report().joules(),
          select(f.report(), m -> true)))).append(" |");
    }
    return md.append('\n').toString();
  }

  private static boolean isZeus(ShippedProfiles.Fitted f) {
    return ShippedProfiles.isZeus(f.spec());
  }

  // ---- per-profile headline numbers and goals --------------------------------------------------

  private static boolean[] select(Calibrator.Report r, Predicate<Measurement> p) {
    boolean[] s = new boolean[r.measurements().size()];
    for (int i = 0; i < s.length; i++) s[i] = p.test(r.measurements().get(i));
    return s;
  }

  private static boolean any(boolean[] s) {
    for (boolean b : s) if (b) return true;
    return false;
  }

  private static boolean isMlp(Measurement m) {
    return ShippedProfiles.isRun(m);
  }

  /** A Zeus profile fitted to two networks only, whose errors are k-fold within them. */
  private static boolean isGpu(ShippedProfiles.Fitted f) {
    return ShippedProfiles.epochsOfTwoNetworks(f.spec(), f.report().measurements());
  }

  private static String headline(ShippedProfiles.Fitted f) {
    Calibrator.Report r = f.report();
    Calibrator.Result c = r.chosen();
    double[] e = r.joules();
    boolean[] whole = whole(f);
    if (isGpu(f)) {
      return "epochs, k-fold: MAPE " + pct(c.crossValidation().mape(e, whole)) + ", median "
          + pct(c.crossValidation().medianApe(e, whole)) + "; LONO: n/a (two networks)";
    }
    StringBuilder s = new StringBuilder();
    Calibrator.Validation lono = c.leaveOneGroupOut();
    s.append(isLlm(f) ? "runs, each model left out: median " : "whole networks, LONO: median ")
        .append(pct(lono.medianApe(e, whole))).append(", MAPE ").append(pct(lono.mape(e, whole)));
    boolean[] mlp = select(r, AccuracyReport::isMlp);
    if (any(mlp)) {
      s.append("; MLP runs, LONO: median ").append(pct(lono.medianApe(e, mlp))).append(", MAPE ")
          .append(pct(lono.mape(e, mlp)));
    }
    return s.toString();
  }

  private static void goals(ShippedProfiles.Fitted f, StringBuilder md) {
    Calibrator.Report r = f.report();
    Calibrator.Result c = r.chosen();
    Calibrator.Result macs = r.result(Candidate.MACS);
    double[] e = r.joules();
    String id = "`" + f.spec().id() + "`";
    boolean[] whole = whole(f);
    Map<String, String> goal = ShippedProfiles.fivePercentGoal(f.spec());
    if (!goal.isEmpty()) {
      double med = c.leaveOneGroupOut().medianApe(e, whole);
      md.append("| whole-network inference within 5% median APE | ").append(id).append(" | ")
          .append(pct(med)).append(" median APE over ").append(count(whole)).append(" ")
          .append(String.join(" and ", goal.values())).append(" measurements, each network predicted without it and"
              + " its layers (MAPE ").append(pct(c.leaveOneGroupOut().mape(e, whole)));
      String separator = "; ";
      for (Map.Entry<String, String> network : goal.entrySet()) {
        md.append(separator).append(network.getValue()).append(" ").append(pct(c.leaveOneGroupOut().medianApe(e,
            select(r, m -> m.network().name().equals(network.getKey())))));
        separator = ", ";
      }
      md.append(") | ").append(med <= 5 ? "yes" : "**no**").append(" |\n");
    }
    if (any(whole) && !isGpu(f) && macs.ok() && macs.leaveOneGroupOut() != null) {
      double med = c.leaveOneGroupOut().medianApe(e, whole);
      double base = macs.leaveOneGroupOut().medianApe(e, whole);
      md.append("| 2x lower error than MACs-only on held-out whole networks | ").append(id).append(" | median APE ")
          .append(pct(med)).append(" vs ").append(pct(base)).append(" for MACs-only (")
          .append(fmt("%.2fx", base / med)).append(") over ").append(count(whole))
          .append(" measurements, each network predicted without it | ").append(base >= 2 * med ? "yes" : "**no**")
          .append(" |\n");
    }
    if (isLlm(f)) {
      double med = c.leaveOneGroupOut().medianApe(e, whole);
      double base = parametersOnly(f).medianApe(e, whole);
      md.append("| joules per token within ").append(fmt("%.0f", LLM_GOAL)).append("% median APE, each model left"
          + " out | ").append(id).append(" | ").append(pct(med)).append(" over ").append(count(whole))
          .append(" runs of ").append(r.groups()).append(" models | ").append(med <= LLM_GOAL ? "yes" : "**no**")
          .append(" |\n");
      md.append("| 2x lower error than parameters-only, each model left out | ").append(id).append(" | median APE ")
          .append(pct(med)).append(" vs ").append(pct(base)).append(" (").append(fmt("%.2fx", base / med))
          .append(") | ").append(base >= 2 * med ? "yes" : "**no**").append(" |\n");
    }
    boolean[] mlp = select(r, AccuracyReport::isMlp);
    if (any(mlp)) {
      double med = c.leaveOneGroupOut().medianApe(e, mlp);
      md.append("| whole MLP training runs within 10% | ").append(id).append(" | median APE ").append(pct(med))
          .append(", MAPE ").append(pct(c.leaveOneGroupOut().mape(e, mlp))).append(" over ").append(count(mlp))
          .append(" run configurations, each MLP predicted without its runs | ").append(med <= 10 ? "yes" : "**no**")
          .append(" |\n");
    }
    if (macs.ok()) {
      double ratio = macs.crossValidation().mape() / c.crossValidation().mape();
      Calibrator.Result control = r.results().stream().filter(x -> x.candidate().name().equals("macs-bytes"))
          .findFirst().orElse(null);
      md.append("| 2x lower error than MACs-only | ").append(id).append(" | CV MAPE ")
          .append(pct(c.crossValidation().mape())).append(" vs ").append(pct(macs.crossValidation().mape()))
          .append(" (").append(fmt("%.2fx", ratio)).append(")")
          .append(control != null && control.ok() ? "; MACs + bytes, the control, gets "
              + pct(control.crossValidation().mape()) : "")
          .append(isGpu(f) ? "; within the two networks only" : "").append(" | ")
          .append(ratio >= 2 ? "yes" : "**no**").append(" |\n");
    }
    double cov = c.crossValidation().coverage();
    Calibrator.Validation lono = c.leaveOneGroupOut();
    boolean lonoOk = lono != null && !Double.isNaN(lono.coverage());
    boolean met = cov >= 0.85 && cov <= 0.95 && (!lonoOk || (lono.coverage() >= 0.85 && lono.coverage() <= 0.95));
    md.append("| 90% intervals cover 85-95% | ").append(id).append(" | k-fold ").append(fmt("%.3f", cov))
        .append(lonoOk ? ", LONO " + fmt("%.3f", lono.coverage()) : ", LONO n/a")
        .append(met || e.length >= 100 ? "" : chance(cov, e.length)).append(" | ")
        .append(met ? "yes" : "**no**").append(" |\n");
  }

  /**
   * For a coverage outside 85-95% on few measurements: how likely a perfectly calibrated 90% interval
   * is to cover that many (or that few) of them, so that a miss by one measurement reads as what it is.
   */
  static String chance(double coverage, int n) {
    int covered = (int) Math.round(coverage * n);
    double p = 0;
    for (int k = 0; k <= n; k++) {
      if (coverage > 0.9 ? k >= covered : k <= covered) p += binomial(n, k, 0.9);
    }
    return fmt("; %d of %d covered, and a calibrated 90%% interval covers %s%d of %d with probability %.0f%%",
        covered, n, coverage > 0.9 ? ">= " : "<= ", covered, n, 100 * p);
  }

  /** P(X = k) for X ~ Binomial(n, q). */
  static double binomial(int n, int k, double q) {
    double logChoose = 0;
    for (int i = 1; i <= k; i++) logChoose += Math.log(n - k + i) - Math.log(i);
    return Math.exp(logChoose + k * Math.log(q) + (n - k) * Math.log1p(-q));
  }

  private static void paper(ShippedProfiles.Fitted f, StringBuilder md) {
    Calibrator.Report r = f.report();
    Calibrator.Result c = r.chosen();
    double[] e = r.joules();
    boolean[] all = select(r, m -> true);
    boolean[] whole = whole(f);
    List<Object[]> rows = new ArrayList<>();
    if (isGpu(f)) {
      rows.add(new Object[] {"epochs (k-fold)", c.crossValidation(), all});
    } else {
      rows.add(new Object[] {"every measurement (k-fold)", c.crossValidation(), all});
      rows.add(new Object[] {isLlm(f) ? "runs, each model left out" : "whole networks (LONO)", c.leaveOneGroupOut(),
          whole});
      boolean[] mlp = select(r, AccuracyReport::isMlp);
      if (any(mlp)) rows.add(new Object[] {"MLP runs (LONO)", c.leaveOneGroupOut(), mlp});
    }
    for (Object[] row : rows) {
      Calibrator.Validation v = (Calibrator.Validation) row[1];
      boolean[] s = (boolean[]) row[2];
      double p = 100 - v.mape(e, s);
      double pm = 100 - v.medianApe(e, s);
      md.append("| `").append(f.spec().id()).append("` | ").append(row[0]).append(" | ").append(pct(p)).append(" | ")
          .append(pct(pm)).append(" | ").append(p >= PAPER_LOW ? "yes" : pm >= PAPER_LOW ? "median only" : "no")
          .append(" |\n");
    }
  }

  // ---- per-profile section ------------------------------------------------------------------

  private static void section(ShippedProfiles.Fitted f, StringBuilder md, Path docs) throws IOException {
    ShippedProfiles.Spec spec = f.spec();
    Calibrator.Report r = f.report();
    Calibrator.Result c = r.chosen();
    double[] e = r.joules();
    md.append("## `").append(spec.id()).append("`: ").append(spec.hardware()).append("\n\n");
    md.append(spec.description()).append(".\n\n");
    Dataset d = f.data();
    md.append("**Data**: ").append(d.rowsRead()).append(" rows read, ").append(d.rowsDropped()).append(" dropped");
    if (!d.dropped().isEmpty()) {
      md.append(" (");
      int k = 0;
      for (Map.Entry<String, Integer> en : d.dropped().entrySet()) {
        md.append(k++ == 0 ? "" : "; ").append(en.getValue()).append(" ").append(en.getKey());
      }
      md.append(")");
    }
    md.append(", ").append(d.measurements().size()).append(" measurements of ").append(r.groups())
        .append(" networks. Source: ").append(spec.provenance().get("provenance.source")).append(".\n\n");
    md.append("**Assumptions**:\n\n");
    for (String a : d.assumptions()) md.append("- ").append(a).append(".\n");
    md.append("\n**Limitations**: ").append(spec.provenance().get("provenance.limitations")).append(".\n\n");

    boolean[] whole = whole(f);
    boolean[] mlp = select(r, AccuracyReport::isMlp);
    boolean gpu = isGpu(f);
    md.append("| candidate | fitted features | R² (ln E) | CV MAPE | CV median APE | LONO MAPE | LONO median APE |"
        + " coverage CV / LONO | ").append(gpu ? "epochs, k-fold median APE" : "whole networks, LONO median APE")
        .append(any(mlp) ? " | MLP runs, LONO median APE" : "").append(" | selection score |\n| --- | --- | ---: | ---: |"
            + " ---: | ---: | ---: | ---: | ---: |").append(any(mlp) ? " ---: |" : "").append(" ---: |\n");
    for (Calibrator.Result res : r.results()) {
      String name = "`" + res.candidate().name() + "`" + (res == c ? " **(chosen)**"
          : res.candidate().control() ? " (control)" : "");
      if (!res.ok()) {
        md.append("| ").append(name).append(" | not fitted: ").append(res.failure()).append(" | | | | | | | | |")
            .append(any(mlp) ? " |" : "").append('\n');
        continue;
      }
      Calibrator.Validation cv = res.crossValidation();
      Calibrator.Validation lono = res.leaveOneGroupOut();
      boolean lonoOk = lono != null && !Double.isNaN(lono.mape());
      md.append("| ").append(name).append(" | ").append(ProfileFit.features(res.fit().model())).append(" | ")
          .append(fmt("%.4f", res.fit().r2())).append(" | ").append(pct(cv.mape())).append(" | ")
          .append(pct(cv.medianApe())).append(" | ").append(lonoOk ? pct(lono.mape()) : "n/a").append(" | ")
          .append(lonoOk ? pct(lono.medianApe()) : "n/a").append(" | ").append(fmt("%.2f", cv.coverage()))
          .append(" / ").append(lonoOk ? fmt("%.2f", lono.coverage()) : "n/a").append(" | ")
          .append(gpu ? pct(cv.medianApe(e, whole)) : lonoOk ? pct(lono.medianApe(e, whole)) : "n/a");
      if (any(mlp)) md.append(" | ").append(lonoOk ? pct(lono.medianApe(e, mlp)) : "n/a");
      md.append(" | ").append(res.candidate().control() ? "control" : pct(r.score(res, r.criterion()))).append(" |\n");
    }
    md.append("\nSelection score: the ").append(r.criterion().label()).append(".\n\n");
    md.append("Shipped: `").append(c.candidate().name()).append("`, ").append(coefficients(c.fit().model()))
        .append(c.fit().removed().isEmpty() ? "" : "; removed: " + String.join(", ", c.fit().removed()))
        .append(".\n\n");

    // per kind of measurement
    Map<String, List<Integer>> kinds = new LinkedHashMap<>();
    for (int i = 0; i < e.length; i++) {
      kinds.computeIfAbsent(r.kinds().get(i), k -> new ArrayList<>()).add(i);
    }
    md.append("Errors of the shipped model by kind of measurement:\n\n| measurements | n | CV MAPE | CV median APE |"
        + " LONO MAPE | LONO median APE | coverage CV / LONO |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    Calibrator.Validation lono = c.leaveOneGroupOut();
    for (Map.Entry<String, List<Integer>> k : kinds.entrySet()) {
      boolean[] s = new boolean[e.length];
      for (int i : k.getValue()) s[i] = true;
      boolean lonoOk = lono != null && !Double.isNaN(lono.mape(e, s));
      md.append("| ").append(k.getKey()).append(" | ").append(k.getValue().size()).append(" | ")
          .append(pct(c.crossValidation().mape(e, s))).append(" | ").append(pct(c.crossValidation().medianApe(e, s)))
          .append(" | ").append(lonoOk ? pct(lono.mape(e, s)) : "n/a").append(" | ")
          .append(lonoOk ? pct(lono.medianApe(e, s)) : "n/a").append(" | ")
          .append(fmt("%.2f", c.crossValidation().coverage(e, s))).append(" / ")
          .append(lonoOk ? fmt("%.2f", lono.coverage(e, s)) : "n/a").append(" |\n");
    }
    md.append('\n');

    if (any(mlp)) {
      consistency(f, md);
    }
    if (c.fit().model().features().contains(Feature.TOS_SPILLED)) {
      cacheSensitivity(f, md);
    }
    HeldOut held = HeldOut.of(c);
    if (!isLlm(f)) wholeNetworks(f, held, md);
    if (r.measurements().stream().anyMatch(AccuracyReport::isMlp)) {
      mlpSample(f, held, md);
      mlpByWidth(f, held, md);
    }
    String svg = "accuracy-" + spec.id() + ".svg";
    int plotted = AccuracyPlot.write(docs.resolve(svg), spec.id(), r, held, isLlm(f));
    md.append("![predicted vs measured, ").append(spec.id()).append("](").append(svg).append(")\n\n");
    if (isLlm(f)) {
      md.append("*Joules per generated token of each run, predicted by a fit without its model (its bf16 and FP8"
          + " builds together) against the measurement, log-log; the grey band is +-10%. ").append(plotted)
          .append(" of ").append(e.length).append(" runs plotted.*\n\n");
    } else {
      md.append("*Held-out prediction (LONO where the model can be fitted without the network, else k-fold) against"
          + " the measurement, log-log; the grey band is +-10%. ").append(plotted).append(" of ").append(e.length)
          .append(" measurements plotted (every measurement of a whole network; an evenly spaced subset of the"
              + " rest).*\n\n");
    }
  }

  /** Assumed cache sizes for the spill term, each refitted and judged by leave-one-network-out. */
  static final long[] ASSUMED_CACHES = {256L << 10, 512L << 10, 1L << 20, 3L << 19, 2L << 20, 4L << 20};

  /**
   * Refits the shipped candidate with other cache sizes than the data sheet's: the held-out whole
   * networks should not hinge on the exact size, or the cache term would be a fitted knob.
   */
  private static void cacheSensitivity(ShippedProfiles.Fitted f, StringBuilder md) {
    Calibrator.Report r = f.report();
    Candidate candidate = r.chosen().candidate();
    List<String> wholeKinds = r.kinds().stream().distinct().filter(ShippedProfiles::isWhole).toList();
    Function<Measurement, String> kindOf = ShippedProfiles.kinds(r.measurements());
    md.append("Sensitivity to the cache size (the shipped model uses the data sheet's ")
        .append(size(f.spec().onChipBytes())).append(" L2 per core, not the best row; each row refits `")
        .append(candidate.name())
        .append("` with another size and predicts each whole network without it and its layers):\n\n");
    md.append("| assumed cache | ").append(String.join(" | ", wholeKinds.stream().map(k -> k + ", LONO median APE")
        .toList())).append(" | all whole networks, LONO median APE |\n| ---:");
    md.append(" | ---:".repeat(wholeKinds.size() + 1)).append(" |\n");
    double[] e = r.joules();
    List<boolean[]> masks = new ArrayList<>();
    boolean[] all = new boolean[e.length];
    for (String kind : wholeKinds) {
      boolean[] s = new boolean[e.length];
      for (int i = 0; i < e.length; i++) {
        s[i] = r.kinds().get(i).equals(kind);
        all[i] |= s[i];
      }
      masks.add(s);
    }
    masks.add(all);
    for (long cache : ASSUMED_CACHES) {
      Calibrator.Result res = cache == f.spec().onChipBytes() ? r.chosen()
          : new Calibrator(ArithmeticModel.cmos().withOnChipBytes(cache), Calibrator.DEFAULT_FOLDS,
              Calibrator.DEFAULT_SEED).balancingKinds().calibrate(r.measurements(), List.of(candidate),
              Calibrator.Criterion.WHOLE_WORKLOADS, kindOf, ShippedProfiles::isWhole).chosen();
      md.append("| ").append(size(cache)).append(cache == f.spec().onChipBytes() ? " (shipped)" : "");
      for (boolean[] mask : masks) {
        md.append(" | ").append(pct(res.leaveOneGroupOut().medianApe(e, mask)));
      }
      md.append(" |\n");
    }
    md.append('\n');
  }

  /** The shipped spill price against the convolution price, for each profile that ships one. */
  private static String spillPrice(List<ShippedProfiles.Fitted> fitted) {
    StringBuilder out = new StringBuilder();
    for (ShippedProfiles.Fitted f : fitted) {
      EnergyModel model = f.report().chosen().fit().model();
      int spilled = model.features().indexOf(Feature.TOS_SPILLED);
      int conv = model.features().indexOf(Feature.TOS_CONV);
      if (spilled >= 0 && conv >= 0) {
        out.append(fmt(" The shipped `%s` model prices a convolution TO %.0f%% higher when its maps are wholly"
            + " beyond the cache.", f.spec().id(), 100 * model.coefficients()[spilled] / model.coefficients()[conv]));
      }
    }
    return out.toString();
  }

    private static String size(long bytes) {
    return bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
  }

  private static void wholeNetworks(ShippedProfiles.Fitted f, HeldOut held, StringBuilder md) {
    Calibrator.Report r = f.report();
    Map<String, List<Integer>> byWorkload = new LinkedHashMap<>();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < r.measurements().size(); i++) {
      Measurement m = r.measurements().get(i);
      if (!f.spec().wholeNetworks().contains(m.network().name())) continue;
      order.add(i);
    }
    order.sort((a, b) -> {
      Measurement x = r.measurements().get(a);
      Measurement y = r.measurements().get(b);
      int cmp = x.network().name().compareTo(y.network().name());
      if (cmp == 0) cmp = x.phase().compareTo(y.phase());
      if (cmp == 0) cmp = Integer.compare(x.batch(), y.batch());
      return cmp;
    });
    for (int i : order) {
      Measurement m = r.measurements().get(i);
      byWorkload.computeIfAbsent(m.network().name() + "|" + m.phase() + "|" + m.batch() + "|" + m.batches(),
          k -> new ArrayList<>()).add(i);
    }
    boolean gpu = isGpu(f);
    md.append("Whole networks, measured against the held-out prediction of the shipped model (")
        .append(gpu ? "k-fold: the other batch sizes of the same network were fitted, see limitations"
            : "leave-one-network-out: fitted without the network and its isolated layers")
        .append("):\n\n| network | phase | batch | ").append(gpu ? "steps (epoch) | " : "")
        .append("measured J (mean of n) | n | predicted J | error | 90% interval J |\n| --- | --- | ---: | ")
        .append(gpu ? "---: | " : "").append("---: | ---: | ---: | ---: | --- |\n");
    for (List<Integer> rows : byWorkload.values()) {
      Measurement m = r.measurements().get(rows.get(0));
      double meas = 0;
      double pred = 0;
      for (int i : rows) {
        meas += m.joules() == 0 ? 0 : r.measurements().get(i).joules();
        pred += held.predicted()[i];
      }
      meas /= rows.size();
      pred /= rows.size();
      int first = rows.get(0);
      md.append("| ").append(m.network().name()).append(" | ").append(m.phase().name().toLowerCase(Locale.ROOT))
          .append(" | ").append(m.batch()).append(" | ").append(gpu ? m.steps() + " | " : "")
          .append(sig(meas)).append(" | ").append(rows.size()).append(" | ").append(sig(pred)).append(" | ")
          .append(fmt("%+.1f%%", 100 * (pred - meas) / meas)).append(" | ").append(sig(held.low()[first]))
          .append(" - ").append(sig(held.high()[first])).append(" |\n");
    }
    md.append('\n');
  }

  /**
   * Fits the shipped candidate to the whole-process MLP runs alone and to the per-batch measurements
   * alone, to show how far the two measurement methods of one host disagree on the price of work.
   */
  private static void consistency(ShippedProfiles.Fitted f, StringBuilder md) {
    Calibrator.Report r = f.report();
    // TOs + bytes, so that the price of a TO can be compared; without the run-only copies, which only the
    // two methods together can tell from their base features
    Candidate tosBytes = r.result("tos-bytes").candidate();
    Candidate candidate = new Candidate(tosBytes.name(), tosBytes.form(),
        tosBytes.features().stream().filter(x -> !x.runOnly()).toList(), tosBytes.description(), false);
    List<Measurement> runs = new ArrayList<>();
    List<Measurement> batches = new ArrayList<>();
    for (Measurement m : r.measurements()) {
      (isMlp(m) ? runs : batches).add(m);
    }
    Calibrator calibrator = new Calibrator();
    Calibrator.Report alone = calibrator.calibrate(runs, List.of(candidate), Calibrator.Criterion.CROSS_VALIDATION);
    Calibrator.Fit perBatch = calibrator.fit(batches, candidate);
    EnergyModel a = alone.chosen().fit().model();
    EnergyModel b = perBatch.model();
    md.append("Two measurement methods, one host: the candidate `").append(candidate.name())
        .append("` without run-only terms (`")
        .append(String.join(",", candidate.features().stream().map(Feature::key).toList()))
        .append("`) fitted to the whole-process MLP runs alone gives ").append(coefficients(a))
        .append("; fitted to the per-batch pyRAPL measurements alone (single layers and real networks) it gives ")
        .append(coefficients(b)).append(". ");
    int ia = a.features().indexOf(Feature.TOS);
    int ib = b.features().indexOf(Feature.TOS);
    if (ia >= 0 && ib >= 0 && b.coefficients()[ib] > 0) {
      md.append(fmt("A TO costs %.0fx more inside the MLP processes. ", a.coefficients()[ia] / b.coefficients()[ib]));
    }
    Calibrator.Validation v = alone.chosen().leaveOneGroupOut();
    md.append("The MLP-only fit predicts held-out MLPs with a median APE of ").append(pct(v.medianApe()))
        .append(" (MAPE ").append(pct(v.mape())).append("). One price per TO cannot serve both methods; this is why"
            + " every linear candidate here has run-only copies of its work features (`run_steps`, `run_tos` or"
            + " `run_macs`, `run_bytes`), which are zero for a single step and price what a whole process costs"
            + " beyond its steps measured alone.\n\n");
  }

  /** Width bands of the MLP runs (upper bounds, inclusive) for {@link #mlpByWidth}. */
  static final int[] MLP_WIDTHS = {64, 95, 191, 255, Integer.MAX_VALUE};

  /**
   * The MLP runs by width: where the measured energy per step grows far faster with the width than the
   * work does, no op count can follow, and the table shows it.
   */
  private static void mlpByWidth(ShippedProfiles.Fitted f, HeldOut held, StringBuilder md) {
    Calibrator.Report r = f.report();
    md.append("MLP runs by width (median over the run configurations of joules per step, the start-up of the"
        + " process included; predicted leave-one-network-out):\n\n| width | configurations | measured J per step |"
        + " predicted J per step | median APE |\n| --- | ---: | ---: | ---: | ---: |\n");
    int low = 0;
    for (int high : MLP_WIDTHS) {
      List<Double> measured = new ArrayList<>();
      List<Double> predicted = new ArrayList<>();
      List<Double> ape = new ArrayList<>();
      for (int i = 0; i < r.measurements().size(); i++) {
        Measurement m = r.measurements().get(i);
        if (!isMlp(m)) continue;
        String name = m.network().name();
        int width = Integer.parseInt(name.substring(name.indexOf('x') + 1));
        if (width <= low || width > high) continue;
        measured.add(m.joules() / m.steps());
        predicted.add(held.predicted()[i] / m.steps());
        ape.add(100 * Math.abs(held.predicted()[i] - m.joules()) / m.joules());
      }
      if (!measured.isEmpty()) {
        md.append("| ").append(high == Integer.MAX_VALUE ? "> " + low : (low + 1) + "-" + high).append(" | ")
            .append(measured.size()).append(" | ").append(sig(WillowecData.median(measured))).append(" | ")
            .append(sig(WillowecData.median(predicted))).append(" | ").append(pct(WillowecData.median(ape)))
            .append(" |\n");
      }
      low = high;
    }
    md.append('\n');
  }

  private static void mlpSample(ShippedProfiles.Fitted f, HeldOut held, StringBuilder md) {
    Calibrator.Report r = f.report();
    List<Integer> mlp = new ArrayList<>();
    for (int i = 0; i < r.measurements().size(); i++) {
      if (isMlp(r.measurements().get(i))) mlp.add(i);
    }
    mlp.sort((a, b) -> Double.compare(r.measurements().get(a).joules(), r.measurements().get(b).joules()));
    int shown = Math.min(15, mlp.size());
    md.append("Whole MLP training runs (median of the repeats of a configuration), ").append(shown).append(" of ")
        .append(mlp.size()).append(" configurations evenly spaced by energy, leave-one-network-out:\n\n")
        .append("| MLP (layers x width) | samples x epochs | batch | steps | measured J | predicted J | error |"
            + " 90% interval J |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
    for (int k = 0; k < shown; k++) {
      int i = mlp.get(shown == 1 ? 0 : (int) Math.round((double) k * (mlp.size() - 1) / (shown - 1)));
      Measurement m = r.measurements().get(i);
      md.append("| ").append(m.network().name().substring(4)).append(" | ").append(fmt("%.0f", m.samples()))
          .append(" | ").append(m.batch()).append(" | ").append(m.steps()).append(" | ").append(sig(m.joules()))
          .append(" | ").append(sig(held.predicted()[i])).append(" | ")
          .append(fmt("%+.1f%%", 100 * (held.predicted()[i] - m.joules()) / m.joules())).append(" | ")
          .append(sig(held.low()[i])).append(" - ").append(sig(held.high()[i])).append(" |\n");
    }
    md.append('\n');
  }

  private static String coefficients(EnergyModel model) {
    double[] b = model.coefficients();
    List<String> parts = new ArrayList<>();
    int offset = 0;
    if (model.form() == EnergyModel.Form.LOG_LOG) {
      parts.add("ln E/step = " + fmt("%.4g", b[0]) + " + " + fmt("%.4g", b[1]) + " ln(TOs/step)");
      return String.join(", ", parts);
    }
    for (int i = 0; i < model.features().size(); i++) {
      Feature f = model.features().get(i);
      parts.add(fmt("%.4g", b[i + offset]) + " J per " + unit(f));
    }
    return "E = " + String.join(" + ", parts);
  }

  private static String unit(Feature f) {
    return switch (f) {
      case TOS, TOS_LINEAR, TOS_COMPARE, TOS_NONLINEAR -> f.key() + " TO";
      case MACS -> "MAC";
      case BYTES -> "byte moved";
      case LAYERS -> "layer and step";
      case STEPS -> "step";
      case RUN -> "run";
      case TOS_CONV, TOS_DENSE, TOS_MAXPOOL, TOS_ELEMENTWISE -> f.key() + " TO";
      case TOS_SPILLED -> "convolution TO whose activations spill the cache (scaled by the share spilled)";
      case RUN_STEPS -> "step of a whole run";
      case RUN_TOS -> "TO of a whole run";
      case RUN_MACS -> "MAC of a whole run";
      case RUN_BYTES -> "byte moved in a whole run";
      case WEIGHT_BYTES -> "weight byte read";
      case ROUTED_WEIGHT_BYTES -> "weight byte read (routed experts only)";
      case KV_BYTES -> "key/value cache byte";
      case TOKENS -> "token";
      case GPU_STEPS -> "GPU and decode step";
      case EXPERT_GPU_STEPS -> "expert-parallel GPU beyond the first and decode step";
    };
  }

  private static int count(boolean[] s) {
    int n = 0;
    for (boolean b : s) if (b) n++;
    return n;
  }

  static String pct(double v) {
    return Double.isNaN(v) ? "n/a" : fmt("%.2f%%", v);
  }

  static String sig(double v) {
    return Double.isNaN(v) ? "n/a" : fmt("%.4g", v);
  }

  static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
