package io.github.toenergy.calibrate;

import io.github.toenergy.cost.ArithmeticModel;
import io.github.toenergy.energy.EnergyModel;
import io.github.toenergy.energy.Feature;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A model the {@link Calibrator} tries: a form and its features.
 *
 * @param name short id used in reports and profile keys, e.g. {@code tos-bytes}
 * @param form linear (weighted least squares on relative error) or log-log (the paper's power law)
 * @param features the model's features; for log-log per-step features only (one exponent each)
 * @param description one line for reports
 * @param control a baseline or control that is fitted and reported but never chosen: the MACs
 *     models, against which the TO models are judged
 */
public record Candidate(String name, EnergyModel.Form form, List<Feature> features, String description,
    boolean control) {
  public Candidate {
    features = List.copyOf(features);
    if (features.isEmpty()) {
      throw new IllegalArgumentException("a candidate needs at least one feature");
    }
    if (!name.matches("[a-z0-9][a-z0-9-]*")) {
      throw new IllegalArgumentException("candidate name '" + name + "' must be lower-case letters, digits and dashes");
    }
  }

  /** The MACs-only baseline's name: the FLOPs proxy. */
  public static final String MACS = "macs";

  /**
   * The standard candidates of issue 4 with the same fixed terms {@code overhead} (e.g. steps,
   * layers, run) added to each linear one: (a) MACs, (b) TOs (the paper), (c) TOs + bytes, (d) TOs
   * split by op class + bytes, (d') TOs split by layer kind + bytes, (e) log-log on TOs, and (f) MACs +
   * bytes, the control for (c). The MACs models are
   * controls: reported, never chosen (a profile prices TOs).
   */
  public static List<Candidate> standard(List<Feature> overhead) {
    return standard(overhead, ArithmeticModel.cmos());
  }

  /**
   * The standard candidates, and where {@code arithmetic} knows the per-core cache size
   * ({@link ArithmeticModel#onChipBytes()}), also {@code kinds-cache}: the layer kinds plus
   * {@link Feature#TOS_SPILLED}, the convolutions whose activations do not fit in it.
   */
  public static List<Candidate> standard(List<Feature> overhead, ArithmeticModel arithmetic) {
    String fixed = overhead.isEmpty() ? "" : " + " + overhead.stream().map(Feature::key).collect(Collectors.joining(" + "));
    List<Candidate> list = new ArrayList<>();
    list.add(linear(MACS, "MACs only (the FLOPs proxy)" + fixed, overhead, Feature.MACS).asControl());
    list.add(linear("tos", "TOs only (the paper)" + fixed, overhead, Feature.TOS));
    list.add(linear("tos-bytes", "TOs + bytes moved" + fixed, overhead, Feature.TOS, Feature.BYTES));
    list.add(linear("split", "TOs split by op class + bytes moved" + fixed, overhead, Feature.TOS_LINEAR,
        Feature.TOS_COMPARE, Feature.TOS_NONLINEAR, Feature.BYTES));
    list.add(linear("kinds", "TOs split by layer kind (convolution, dense, max pooling, element-wise)"
        + " + bytes moved" + fixed, overhead, Feature.TOS_CONV, Feature.TOS_DENSE, Feature.TOS_MAXPOOL,
        Feature.TOS_ELEMENTWISE, Feature.BYTES));
    if (arithmetic.onChipBytes() > 0) {
      list.add(linear("kinds-cache", "TOs split by layer kind + the TOs of convolutions whose activations spill the"
          + " per-core cache + bytes moved" + fixed, overhead, Feature.TOS_CONV, Feature.TOS_DENSE,
          Feature.TOS_MAXPOOL, Feature.TOS_ELEMENTWISE, Feature.TOS_SPILLED, Feature.BYTES));
    }
    list.add(new Candidate("log-log", EnergyModel.Form.LOG_LOG, List.of(Feature.TOS),
        "power law ln(E/step) = a + b ln(TOs/step) (the paper's scaling law)", false));
    list.add(linear("macs-bytes", "MACs + bytes moved" + fixed + " (does counting TOs beat MACs once data movement"
        + " is in?)", overhead, Feature.MACS, Feature.BYTES).asControl());
    return list;
  }

  /**
   * A linear candidate of {@code features} followed by {@code overhead}. When {@code overhead} holds
   * {@link Feature#RUN_STEPS} (whole runs measured next to single steps), the candidate also gets the
   * run-only copy of its own work features: {@code run_macs} for a MACs model, {@code run_tos} for a
   * TO model, {@code run_bytes} where bytes are a feature, so that a whole run may price work
   * differently from a step measured alone, and the MACs baseline gets the same freedom as the TOs.
   */
  public static Candidate linear(String name, String description, List<Feature> overhead, Feature... features) {
    List<Feature> all = new ArrayList<>(List.of(features));
    all.addAll(overhead);
    if (overhead.contains(Feature.RUN_STEPS)) {
      List<Feature> main = List.of(features);
      all.add(main.contains(Feature.MACS) ? Feature.RUN_MACS : Feature.RUN_TOS);
      if (main.contains(Feature.BYTES)) all.add(Feature.RUN_BYTES);
    }
    return new Candidate(name, EnergyModel.Form.LINEAR, all, description, false);
  }

  /** This candidate as a control: fitted and reported, never chosen. */
  public Candidate asControl() {
    return new Candidate(name, form, features, description, true);
  }

  /** {@code name: description}. */
  @Override
  public String toString() {
    return name + ": " + description;
  }
}
