package io.github.toenergy.processor.validation;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.CountOverflowException;
import io.github.toenergy.energy.Estimate;
import io.github.toenergy.energy.LayerEstimate;
import io.github.toenergy.energy.Workload;
import io.github.toenergy.model.InvalidNetworkException;
import io.github.toenergy.model.Shape;
import io.github.toenergy.processor.model.AnnotationUse;
import io.github.toenergy.processor.model.AttributeValues;
import io.github.toenergy.processor.model.NetworkModel;
import io.github.toenergy.profile.Profile;
import io.github.toenergy.profile.Profiles;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;
import org.jspecify.annotations.Nullable;

/**
 * Checks each {@code @EnergyBudget} of a built network: the estimate (or, with
 * {@code upperBound = true}, the high end of its 90% prediction interval) of the budgeted workload
 * must not exceed the budget. An overshoot is reported on the {@code @EnergyBudget} annotation, as
 * an error, or as a warning under {@code -Atoenergy.budget=warn}.
 */
public final class BudgetValidator {
  /** How many of the costliest layers an overshoot names. */
  static final int TOP_LAYERS = 3;

  private final Reporter reporter;
  private final Profiles profiles;
  private final Diagnostic.Kind overshootKind;

  /**
   * @param warnOnly whether an overshoot is a warning rather than an error
   */
  public BudgetValidator(Reporter reporter, Profiles profiles, boolean warnOnly) {
    this.reporter = reporter;
    this.profiles = profiles;
    this.overshootKind = warnOnly ? Diagnostic.Kind.WARNING : Diagnostic.Kind.ERROR;
  }

  /**
   * Evaluates {@code budgets} (already checked to be well formed) against {@code model}.
   *
   * @param element the {@code @Network} class the budgets sit on
   */
  public void check(Element element, String network, NetworkModel model, List<AnnotationUse> budgets) {
    for (AnnotationUse budget : budgets) {
      check(element, network, model, budget);
    }
  }

  private void check(Element element, String network, NetworkModel model, AnnotationUse budget) {
    Object[] exceeded;
    try {
      exceeded = exceeded(network, model, profiles.profile(budget.stringValue("profile")), budget);
    } catch (CountOverflowException e) {
      reporter.error(Diagnostics.COUNT_OVERFLOW, element, budget, null, network,
          Diagnostics.overflowDetail(network, e.getMessage()));
      return;
    } catch (InvalidNetworkException e) { // a generation budget on a network that cannot decode
      reporter.error(Diagnostics.BUDGET_INVALID, element, budget, "phase", "network " + network, e.getMessage());
      return;
    }
    if (exceeded != null) {
      reporter.report(overshootKind, Diagnostics.BUDGET_EXCEEDED, element, budget, null, exceeded);
    }
  }

  /**
   * Evaluates one well-formed {@code budget} (on {@code profile}, the one it names) against
   * {@code model}: shared by the javac and the KSP processors.
   *
   * @return the arguments of {@link Diagnostics#BUDGET_EXCEEDED}, or null when within the budget
   * @throws CountOverflowException when a count of the budgeted workload exceeds a long
   */
  public static Object @Nullable [] exceeded(String network, NetworkModel model, Profile profile,
      AttributeValues budget) {
    Workload workload = workload(model, budget);
    Estimate estimate = model.estimator(profile).estimate(workload);
    double limit = budget.doubleValue("joules");
    boolean upper = budget.booleanValue("upperBound");
    boolean perToken = budget.booleanValue("perToken");
    double point = perToken ? estimate.joulesPerToken() : estimate.joules();
    double predicted = upper ? perToken ? estimate.joulesPerTokenHigh() : estimate.high() : point;
    if (!(predicted > limit)) {
      return null;
    }
    String compared = upper ? " (upper bound of the 90% interval; estimate " + joules(point) + " J)" : "";
    String qualifiers = compared + (estimate.calibrated() ? "" : " [uncalibrated profile]")
        + (estimate.outsideFittedPhase() ? " [outside the profile's fitted range: "
            + workload.phase().name().toLowerCase(Locale.ROOT) + " not measured]"
            : estimate.outsideFittedRange() ? " [outside the profile's fitted range]" : "");
    return new Object[] {network, joules(predicted), describe(workload, perToken), profile.id(), qualifiers,
        joules(limit),
        overshoot(predicted, limit), topLayers(estimate)};
  }

  /** Most overshoots read as a percentage; 10,000 times and more (a tiny budget) as a factor. */
  static String overshoot(double predicted, double limit) {
    double percent = 100 * (predicted - limit) / limit;
    if (percent < MOST_PERCENT) {
      return String.format(Locale.ROOT, "%.1f%%", percent);
    }
    double factor = predicted / limit;
    return Double.isFinite(factor) ? String.format(Locale.ROOT, "a factor of %.3g", factor)
        : String.format(Locale.ROOT, "a factor above %.3g", Double.MAX_VALUE);
  }

  /** The largest overshoot written as a percentage. */
  static final double MOST_PERCENT = 1e6;

  /** The costliest layers, e.g. {@code conv2d_5 0.8123 J (22.1%)}. */
  static String topLayers(Estimate estimate) {
    List<LayerEstimate> layers = new ArrayList<>(estimate.layers());
    layers.sort(Comparator.comparingDouble(LayerEstimate::joules).reversed());
    return layers.stream().limit(TOP_LAYERS)
        .map(l -> String.format(Locale.ROOT, "%s %s J (%.1f%%)", l.name(), joules(l.joules()), 100 * l.share()))
        .collect(Collectors.joining(", "));
  }

  /**
   * The workload a well-formed budget names: a generation's prompt defaults to the network's own
   * sequence length (the L of its input).
   */
  static Workload workload(NetworkModel model, AttributeValues budget) {
    Phase phase = Phase.valueOf(budget.enumValue("phase"));
    if (!phase.generation()) {
      return new Workload(phase, budget.intValue("batch"), budget.longValue("batches"));
    }
    Shape input = model.network().input();
    int prompt = budget.intValue("prompt") > 0 ? budget.intValue("prompt")
        : input.sequence() ? input.length() : input.channels();
    return new Workload(phase, budget.intValue("batch"), 0, prompt, budget.intValue("tokens"), budget.intValue("gpus"),
        null);
  }

  /**
   * What is wrong with a budget's generation attributes, as (attribute, problem) pairs, both
   * processors' check: lengths and GPUs belong to prefill and decode, decode needs tokens.
   */
  public static List<String[]> generationProblems(AttributeValues budget) {
    Phase phase = Phase.valueOf(budget.enumValue("phase"));
    List<String[]> problems = new ArrayList<>();
    if (!phase.generation()) {
      for (String attribute : new String[] {"prompt", "tokens", "gpus", "perToken"}) {
        if (!budget.isDefault(attribute)) {
          problems.add(new String[] {attribute, attribute + " applies to phase PREFILL or DECODE, not " + phase});
        }
      }
      return problems;
    }
    if (budget.longValue("batches") != 0) {
      problems.add(new String[] {"batches", "a " + phase + " budget is one batch of sequences; batches must be 0, got "
          + budget.longValue("batches")});
    }
    if (budget.intValue("prompt") < 0) {
      problems.add(new String[] {"prompt", "prompt must not be negative (0: the network's own sequence length), got "
          + budget.intValue("prompt")});
    }
    int tokens = budget.intValue("tokens");
    if (phase == Phase.DECODE && tokens <= 0) {
      problems.add(new String[] {"tokens", "a DECODE budget needs tokens, the tokens generated per sequence, "
          + "positive, got " + tokens});
    }
    if (phase == Phase.PREFILL && tokens != 0) {
      problems.add(new String[] {"tokens", "tokens are generated by DECODE; a PREFILL budget runs the prompt only, got "
          + tokens});
    }
    if (budget.intValue("gpus") <= 0) {
      problems.add(new String[] {"gpus", "gpus must be positive, got " + budget.intValue("gpus")});
    }
    return problems;
  }

  /** {@code per inference of batch 1}, {@code per training run of 100 batches of 32}, ... */
  static String describe(Workload workload, boolean perToken) {
    if (workload.phase().generation()) {
      String phase = workload.phase().name().toLowerCase(Locale.ROOT);
      return (perToken ? "per " + (workload.phase() == Phase.DECODE ? "generated" : "prompt") + " token of the "
          : "per ") + phase + " of batch " + workload.batch() + ", prompt " + workload.prompt()
          + (workload.phase() == Phase.DECODE ? ", " + workload.tokens() + " tokens" : "")
          + (workload.gpus() > 1 ? ", " + workload.gpus() + " GPUs" : "");
    }
    boolean training = workload.phase() == Phase.TRAINING;
    if (workload.isRun()) {
      return "per " + (training ? "training" : "inference") + " run of " + workload.batches() + " batches of "
          + workload.batch();
    }
    return (training ? "per training step of batch " : "per inference of batch ") + workload.batch();
  }

  /** Joules with four significant digits. */
  static String joules(double joules) {
    return String.format(Locale.ROOT, "%.4g", joules);
  }
}
