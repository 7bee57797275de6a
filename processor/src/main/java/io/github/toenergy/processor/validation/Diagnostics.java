package io.github.toenergy.processor.validation;

import java.util.Locale;

/**
 * Every message the processor can print, each with a stable id that starts the message as
 * {@code [toenergy:id]}. Ids never change meaning; docs/annotations.md lists them with an example
 * of each, copied from the tests that assert them.
 */
public enum Diagnostics {
  /** An {@code -Atoenergy.*} option with a value the processor does not understand. */
  INVALID_OPTION("invalid-option", "-A%s=%s: %s"),
  /** A profile file or folder (shipped, on the processor path or under -Atoenergy.profilePath) that cannot be read. */
  PROFILE_INVALID("profile-invalid", "cannot load the energy profiles needed by network %s: %s"),
  /** A profile id in {@code @Network(profiles)} or {@code @EnergyBudget(profile)} that no loaded profile has. */
  UNKNOWN_PROFILE("unknown-profile",
      "%s names unknown profile '%s'; known: %s (add a folder with -Atoenergy.profilePath or a profile jar to the processor path)"),
  /** {@code @Network(input)} is not {C, H, W} or {features} with positive sizes. */
  INVALID_INPUT("invalid-input",
      "network %s: input must be {channels, height, width}, {length, features} or {features}, every size positive; got %s"),
  /** {@code @Network(phase)} names a generation phase, which has no table without prompt and token lengths. */
  INVALID_PHASE("invalid-phase", "network %s: phase %s has no class Javadoc table: a generation needs prompt and token "
      + "lengths; use INFERENCE or TRAINING here, and @EnergyBudget(phase = %s, ...) or the estimator's "
      + "prefill(batch, prompt) and decode(batch, prompt, tokens) for generation"),
  /** A {@code @Network} class without a single layer member. */
  EMPTY_NETWORK("empty-network",
      "network %s has no layers; annotate its fields or methods with @Conv2d, @Dense, @Activation, ..."),
  /** A layer annotation on a member of a class that is neither a {@code @Network} nor a block type. */
  LAYER_OUTSIDE_NETWORK("layer-outside-network",
      "%s: @%s is only read on a member of a @Network class or a block type (@Residual.Block, @Gate.Block, "
          + "@Concat.Branch), and %s is neither"),
  /** {@code @Network}, {@code @Residual.Block} or {@code @EnergyBudget} on a class declared inside a method. */
  LOCAL_CLASS("local-class", "%s: @%s is never shown to annotation processors on a class declared inside a method "
      + "or an initialiser; make it a top-level or member class"),
  /** Two layer annotations on one member (only {@code @Activation} may join {@code @Dense} or {@code @Conv2d}). */
  TWO_LAYER_ANNOTATIONS("two-layer-annotations",
      "%s carries @%s and @%s, but one member is one layer (only @Activation may join @Dense or @Conv2d); "
          + "move @%s to a member of its own"),
  /** {@code @Shortcut} outside a block type, or without a layer annotation beside it. */
  MISPLACED_SHORTCUT("misplaced-shortcut", "%s: @Shortcut %s"),
  /** A size attribute that must be positive is zero or negative. */
  NON_POSITIVE_SIZE("non-positive-size", "%s: @%s %s must be positive, got %d"),
  /** A padding (or pooling stride) that is negative. */
  NEGATIVE_SIZE("negative-size", "%s: @%s %s must not be negative, got %d"),
  /** Convolution groups ({@code @Conv2d}, {@code @ConvTranspose2d}) that do not divide the filters or the input channels. */
  GROUPS_MISMATCH("groups-mismatch", "%s: @%s groups %d must divide %s"),
  /** Any other layer the runtime refuses to build (pool padding over half the kernel, dropout rate outside [0, 1), ...). */
  INVALID_LAYER("invalid-layer", "%s: %s"),
  /** A convolution or pooling window larger than its (padded) input. */
  KERNEL_TOO_LARGE("kernel-too-large", "%s: %s (layer %d of network %s)"),
  /** A layer that cannot take the shape its predecessor produces, or residual branches of different shapes. */
  SHAPE_MISMATCH("shape-mismatch", "%s: %s (layer %d of network %s)"),
  /** {@code @Dense} after a spatial layer without {@code @Flatten}: toenergy never flattens implicitly. */
  DENSE_NEEDS_FLATTEN("dense-needs-flatten",
      "%s: @Dense needs a flat input but gets %s; add a @Flatten member before it (layer %d of network %s)"),
  /** {@code @Residual} on a member whose type is not annotated {@code @Residual.Block}. */
  RESIDUAL_NOT_BLOCK("residual-not-block",
      "%s: @Residual reads the layers of the member's type, but %s is not annotated @Residual.Block"),
  /** A residual block type that contains itself, directly or through other blocks. */
  RESIDUAL_CYCLE("residual-cycle", "%s: residual block %s contains itself"),
  /** {@code @Gate} on a member whose type is not annotated {@code @Gate.Block}. */
  GATE_NOT_BLOCK("gate-not-block",
      "%s: @Gate reads the layers of the member's type, but %s is not annotated @Gate.Block"),
  /** A type in {@code @Concat(branches)} that is not annotated {@code @Concat.Branch}. */
  CONCAT_NOT_BRANCH("concat-not-branch",
      "%s: @Concat branch %d, %s, is not annotated @Concat.Branch (an empty @Concat.Branch type is the identity)"),
  /** A gate or concat branch type that contains itself, directly or through other blocks. */
  BLOCK_CYCLE("block-cycle", "%s: %s contains itself"),
  /** A {@code @Residual.Block} type without body layers. */
  EMPTY_BLOCK("empty-block",
      "residual block %s has no body layers (members with a layer annotation and without @Shortcut)"),
  /**
   * A block parameter problem: in {@code @Residual.Block(params)} (a malformed entry, a name twice,
   * a default naming no parameter or depending on itself), in {@code @Residual(with)} (a name the
   * block does not declare, a parameter without a value, a value that is neither a whole number
   * nor a parameter of the enclosing block) or in {@code @Bind} (an attribute that takes no whole
   * number, a name that is no parameter), or a value beyond an int.
   */
  BLOCK_PARAMETER("block-parameter", "%s: %s"),
  /** {@code @Repeat} or {@code @Bind} without a layer annotation beside it, or {@code @Bind} outside a block with parameters. */
  MISPLACED_MODIFIER("misplaced-modifier", "%s: @%s %s"),
  /** An {@code index} below -1, or an index on an {@code @Activation} that follows {@code @Dense}/{@code @Conv2d}. */
  INVALID_INDEX("invalid-index", "%s: %s"),
  /** Two members with one index, or some members of a class with an index and some without. */
  INDEX_CONFLICT("index-conflict", "%s: %s"),
  /** An {@code @EnergyBudget} whose attributes cannot be a budget, or that is not on a {@code @Network} class. */
  BUDGET_INVALID("budget-invalid", "@EnergyBudget of %s: %s"),
  /** The network's predicted energy (or its upper bound) is over an {@code @EnergyBudget}. */
  BUDGET_EXCEEDED("budget-exceeded", "network %s needs %s J %s on %s%s, over its budget of %s J by %s; "
      + "the layers that cost most: %s"),
  /**
   * A network beyond the text notation's limits ({@code NotationLimits}: layers, residual nesting,
   * characters), which its generated class could not parse back.
   */
  NOTATION_LIMIT("notation-limit", "network %s is beyond the limits of the text notation: %s"),
  /** A count of the network (or a budgeted workload) that does not fit a {@code long}. */
  COUNT_OVERFLOW("count-overflow", "network %s, %s"),
  /** Two networks whose estimators get one name, e.g. a top-level {@code Outer_Foo} and a nested {@code Outer.Foo}. */
  NAME_CLASH("name-clash", "%s: its estimator would be %s, the name of the estimator of %s; rename one of the two"),
  /** The generated source could not be written (e.g. a hand-written class of the same name). */
  WRITE_FAILED("write-failed", "cannot write %s for network %s: %s"),
  /** A failure the processor did not expect: a bug in toenergy, reported once per network, never as a stack trace. */
  INTERNAL_ERROR("internal-error",
      "toenergy failed on network %s (%s); this is a bug in toenergy, please report it with this message");

  private final String id;
  private final String template;

  Diagnostics(String id, String template) {
    this.id = id;
    this.template = template;
  }

  /** The stable id, e.g. {@code budget-exceeded}. */
  public String id() {
    return id;
  }

  /** The {@link java.util.Formatter} template of the text after the id. */
  public String template() {
    return template;
  }

  /**
   * The detail of a runtime {@link io.github.toenergy.cost.CountOverflowException} for
   * {@link #COUNT_OVERFLOW}: its message without the network name it starts with.
   */
  public static String overflowDetail(String network, String message) {
    return message.startsWith(network + ", ") ? message.substring(network.length() + 2) : message;
  }

  /** The full message: {@code [toenergy:id] } followed by the template filled with {@code args}. */
  public String format(Object... args) {
    return "[toenergy:" + id + "] " + String.format(Locale.ROOT, template, args);
  }
}
