package io.github.toenergy.processor.validation;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.model.InvalidLayerException;
import io.github.toenergy.model.Layer;
import io.github.toenergy.model.LayerKind;
import io.github.toenergy.processor.model.AnnotationUse;
import io.github.toenergy.processor.model.BlockParameters;
import io.github.toenergy.processor.model.BlockType;
import io.github.toenergy.processor.model.LayerMapping;
import io.github.toenergy.processor.model.LayerMember;
import io.github.toenergy.processor.model.LayerUse;
import io.github.toenergy.processor.model.NetworkType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import org.jspecify.annotations.Nullable;

/**
 * Checks what can be checked on the annotations alone, before any shape is known: the network's
 * input and profiles, every size attribute, one layer per member, {@code index} use, residual block
 * types and budget attributes. Every problem is reported (none stops the others), and every layer
 * annotation found wrong is marked rejected so that later stages neither build it nor report it
 * again. A block type is checked once per round, however many networks use it.
 */
public final class NetworkValidator {
  private final Reporter reporter;
  private final Set<String> knownProfiles;
  private final Set<TypeElement> checkedBlocks = new HashSet<>();

  /**
   * @param knownProfiles the ids of every loaded profile, in load order
   */
  public NetworkValidator(Reporter reporter, Set<String> knownProfiles) {
    this.reporter = reporter;
    this.knownProfiles = knownProfiles;
  }

  /**
   * Checks {@code network}; problems are reported, nothing is thrown.
   *
   * @return the budgets whose attributes are valid, to be evaluated once the network is built
   */
  public List<AnnotationUse> validate(NetworkType network) {
    Element type = network.type();
    AnnotationUse annotation = network.network();
    validateInput(network, annotation);
    String phase = annotation.enumValue("phase");
    if (Phase.valueOf(phase).generation()) {
      reporter.error(Diagnostics.INVALID_PHASE, type, annotation, "phase", network.name(), phase, phase);
    }
    for (AnnotationValue value : annotation.array("profiles")) {
      String id = (String) value.getValue();
      if (!knownProfiles.contains(id)) {
        reporter.error(Diagnostics.UNKNOWN_PROFILE, type, annotation.mirror(), value, "network " + network.name(), id,
            String.join(", ", knownProfiles));
      }
    }
    validateScope(network.members(), type.getSimpleName().toString(), "a @Network class", BlockParameters.NONE);
    if (network.members().stream().noneMatch(m -> m.primary() != null)) {
      reporter.error(Diagnostics.EMPTY_NETWORK, type, annotation.mirror(), null, network.name());
    }
    List<AnnotationUse> budgets = new ArrayList<>();
    for (AnnotationUse budget : network.budgets()) {
      if (validateBudget(type, budget, network.name())) {
        budgets.add(budget);
      }
    }
    return budgets;
  }

  private void validateInput(NetworkType network, AnnotationUse annotation) {
    List<AnnotationValue> input = annotation.array("input");
    boolean ok = !input.isEmpty() && input.size() <= 3;
    for (AnnotationValue v : input) {
      ok &= ((Number) v.getValue()).intValue() > 0;
    }
    if (!ok) {
      String written = input.stream().map(v -> String.valueOf(v.getValue())).collect(Collectors.joining(", ", "{", "}"));
      reporter.error(Diagnostics.INVALID_INPUT, network.type(), annotation.mirror(), annotation.value("input"),
          network.name(), written);
    }
  }

  /** Checks the budget's own attributes; returns whether it can be evaluated. */
  private boolean validateBudget(Element type, AnnotationUse budget, String network) {
    String profile = budget.stringValue("profile");
    boolean ok = knownProfiles.contains(profile);
    if (!ok) {
      reporter.error(Diagnostics.UNKNOWN_PROFILE, type, budget, "profile", "@EnergyBudget of network " + network,
          profile, String.join(", ", knownProfiles));
    }
    double joules = budget.doubleValue("joules");
    if (!(joules > 0) || Double.isInfinite(joules)) {
      ok = false;
      budgetError(type, budget, "joules", network, "joules must be positive and finite, got " + joules);
    }
    int batch = budget.intValue("batch");
    if (batch <= 0) {
      ok = false;
      budgetError(type, budget, "batch", network, "batch must be positive, got " + batch);
    }
    long batches = budget.longValue("batches");
    if (batches < 0) {
      ok = false;
      budgetError(type, budget, "batches", network,
          "batches must not be negative (0 budgets one step), got " + batches);
    }
    for (String[] problem : BudgetValidator.generationProblems(budget)) {
      ok = false;
      budgetError(type, budget, problem[0], network, problem[1]);
    }
    return ok;
  }

  private void budgetError(Element type, AnnotationUse budget, String attribute, String network, String problem) {
    reporter.error(Diagnostics.BUDGET_INVALID, type, budget, attribute, "network " + network, problem);
  }

  /**
   * Checks the members of one class (a network or a block type).
   *
   * @param owner the class's simple name, for messages
   * @param noShortcut what the class is where {@code @Shortcut} does not belong ({@code a @Network
   *     class}); null for a {@code @Residual.Block} type
   * @param scope the parameters of the block type, which {@code @Bind} may use; none for a network
   */
  private void validateScope(List<LayerMember> members, String owner, @Nullable String noShortcut,
      BlockParameters scope) {
    for (LayerMember member : members) {
      validateMember(member, owner, noShortcut, scope);
    }
    validateIndexes(members, owner);
  }

  private void validateMember(LayerMember member, String owner, @Nullable String noShortcut, BlockParameters scope) {
    LayerUse primary = member.primary();
    AnnotationUse shortcut = member.shortcut();
    if (shortcut != null && noShortcut != null) {
      reporter.error(Diagnostics.MISPLACED_SHORTCUT, member.element(), shortcut.mirror(), null, member.displayName(),
          "is only read on a member of a @Residual.Block type, and " + owner + " is " + noShortcut);
    } else if (shortcut != null && primary == null) {
      reporter.error(Diagnostics.MISPLACED_SHORTCUT, member.element(), shortcut.mirror(), null, member.displayName(),
          "marks a layer of the projection shortcut, but the member has no layer annotation");
    }
    validateRepeat(member);
    Set<String> bound = validateBind(member, owner, scope);
    if (primary == null) {
      return;
    }
    for (LayerUse extra : member.extra()) {
      extra.reject();
      reporter.error(Diagnostics.TWO_LAYER_ANNOTATIONS, member.element(), extra.annotation().mirror(), null,
          member.displayName(), simpleName(primary), simpleName(extra), simpleName(extra));
    }
    validateAttributes(member, primary, bound);
    LayerUse activation = member.activation();
    if (activation != null) {
      validateAttributes(member, activation, Set.of());
      if (activation.index() != -1) {
        reporter.error(Diagnostics.INVALID_INDEX, member.element(), activation.annotation().mirror(),
            activation.annotation().explicit("index"), member.displayName(),
            "@Activation beside @" + simpleName(primary)
                + " runs right after that layer and takes no index of its own; remove it");
      }
    }
    if (primary.kind() == LayerKind.RESIDUAL) {
      validateResidual(member, primary, scope);
    } else if (primary.kind() == LayerKind.GATE) {
      validateGate(member, primary);
    } else if (primary.kind() == LayerKind.CONCAT) {
      validateConcat(member, primary);
    }
  }

  private void validateGate(LayerMember member, LayerUse use) {
    BlockType block = member.block();
    if (member.cycle()) {
      use.reject();
      reporter.error(Diagnostics.BLOCK_CYCLE, member.element(), use.annotation().mirror(), null,
          member.displayName(), "gate block " + member.type());
    } else if (block == null) {
      use.reject();
      reporter.error(Diagnostics.GATE_NOT_BLOCK, member.element(), use.annotation().mirror(), null,
          member.displayName(), String.valueOf(member.type()));
    } else if (checkedBlocks.add(block.type())) {
      validateScope(block.members(), block.simpleName(), "a @Gate.Block type", BlockParameters.NONE);
    }
  }

  /** {@code @Repeat}: beside a layer annotation, with a positive count; else the member's layer is not built. */
  private void validateRepeat(LayerMember member) {
    AnnotationUse repeat = member.repeat();
    if (repeat == null) {
      return;
    }
    LayerUse primary = member.primary();
    if (primary == null) {
      reporter.error(Diagnostics.MISPLACED_MODIFIER, member.element(), repeat.mirror(), null, member.displayName(),
          "Repeat", "repeats the layers of its member, but the member has no layer annotation");
      return;
    }
    int times = repeat.intValue("value");
    if (times <= 0) {
      primary.reject();
      reporter.error(Diagnostics.NON_POSITIVE_SIZE, member.element(), repeat.mirror(), repeat.explicit("value"),
          member.displayName(), "Repeat", "value", times);
    }
  }

  /**
   * {@code @Bind}: in a block type with parameters, beside a layer annotation, binding its
   * whole-number attributes to expressions of the parameters.
   *
   * @return the attributes it binds, whose written values are not judged (a placeholder 0)
   */
  private Set<String> validateBind(LayerMember member, String owner, BlockParameters scope) {
    AnnotationUse bind = member.bind();
    if (bind == null) {
      return Set.of();
    }
    LayerUse primary = member.primary();
    if (primary == null) {
      reporter.error(Diagnostics.MISPLACED_MODIFIER, member.element(), bind.mirror(), null, member.displayName(),
          "Bind", "binds attributes of a layer annotation, but the member has none");
      return Set.of();
    }
    if (scope.isEmpty()) {
      primary.reject();
      reporter.error(Diagnostics.MISPLACED_MODIFIER, member.element(), bind.mirror(), null, member.displayName(),
          "Bind", "is only read in a @Residual.Block type with params, and " + owner + " declares none");
      return BlockParameters.boundNames(bind.strings("value"));
    }
    Set<String> bindable = new java.util.LinkedHashSet<>(primary.annotation().intAttributes());
    bindable.remove("index");
    List<BlockParameters.Problem> problems = scope.checkBind(bind.strings("value"), bindable,
        primary.annotation().simpleName());
    if (!problems.isEmpty()) {
      primary.reject();
      report(member, bind, "value", problems);
    }
    return BlockParameters.boundNames(bind.strings("value"));
  }

  /** Each problem on the array element it was found in (or the annotation), as {@code block-parameter}. */
  private void report(LayerMember member, AnnotationUse annotation, String attribute,
      List<BlockParameters.Problem> problems) {
    List<AnnotationValue> values = annotation.explicit(attribute) == null ? List.of() : annotation.array(attribute);
    for (BlockParameters.Problem problem : problems) {
      AnnotationValue at = problem.element() >= 0 && problem.element() < values.size()
          ? values.get(problem.element()) : annotation.explicit(attribute);
      reporter.error(Diagnostics.BLOCK_PARAMETER, member.element(), annotation.mirror(), at, member.displayName(),
          problem.message());
    }
  }

  /**
   * Each type in {@code branches} must be a {@code @Concat.Branch}, and there must be enough of them:
   * the record's rule, learned by building a concat of as many identity branches.
   */
  private void validateConcat(LayerMember member, LayerUse use) {
    AnnotationUse a = use.annotation();
    try {
      new Layer.Concat(Collections.nCopies(member.branches().size(), List.of()));
    } catch (InvalidLayerException e) {
      use.reject();
      for (InvalidLayerException.Problem problem : e.problems()) {
        report(member, a, problem);
      }
    }
    for (int i = 0; i < member.branches().size(); i++) {
      LayerMember.BranchType branch = member.branches().get(i);
      if (branch.cycle()) {
        use.reject();
        reporter.error(Diagnostics.BLOCK_CYCLE, member.element(), a.mirror(), branch.value(), member.displayName(),
            "concat branch " + branch.type());
      } else if (branch.block() == null) {
        use.reject();
        reporter.error(Diagnostics.CONCAT_NOT_BRANCH, member.element(), a.mirror(), branch.value(),
            member.displayName(), i + 1, String.valueOf(branch.type()));
      } else if (checkedBlocks.add(branch.block().type())) {
        validateScope(branch.block().members(), branch.block().simpleName(), "a @Concat.Branch type",
            BlockParameters.NONE);
      }
    }
  }

  /**
   * Builds the use's layer to learn whether its attributes obey the kind's rules, which live in the
   * runtime's layer records only, and reports each broken rule on the attribute's value.
   */
  private void validateAttributes(LayerMember member, LayerUse use, Set<String> bound) {
    AnnotationUse a = use.annotation();
    boolean ok = true;
    try {
      LayerMapping.layer(use.kind(), a);
    } catch (InvalidLayerException e) {
      for (InvalidLayerException.Problem problem : e.problems()) {
        if (!bound.contains(problem.attribute())) { // a bound attribute is judged with its values, when built
          ok = false;
          report(member, a, problem);
        }
      }
    }
    int index = use.index();
    if (index < -1) {
      ok = false;
      reporter.error(Diagnostics.INVALID_INDEX, member.element(), a.mirror(), a.explicit("index"),
          member.displayName(), "@" + simpleName(use) + " index must be -1 (declaration order) or at least 0, got "
              + index);
    }
    if (!ok) {
      use.reject();
    }
  }

  /** One broken rule of a layer annotation, as its catalogue diagnostic on the attribute's value. */
  private void report(LayerMember member, AnnotationUse a, InvalidLayerException.Problem problem) {
    String attribute = problem.attribute();
    var value = a.explicit(LayerMapping.reportedAttribute(a, attribute));
    boolean pair = LayerMapping.writtenAsPair(a, attribute);
    if (pair && problem.rule() != InvalidLayerException.Rule.OTHER) { // kernelSize = {0, 7}
      reporter.error(Diagnostics.INVALID_LAYER, member.element(), a.mirror(), value, member.displayName(),
          LayerMapping.pairProblem(a, a.simpleName(), problem));
      return;
    }
    switch (problem.rule()) {
      case POSITIVE, NOT_NEGATIVE -> {
        int written = a.intValue(attribute);
        // where the annotation's default is 0 (pool stride: "the kernel"), 0 takes the other
        // attribute's value, whose own problem is reported; only a negative value is wrong
        // (a kernel's default 0 means "see kernelSize": with no kernelSize, 0 is the problem)
        boolean zeroMeansDefault = attribute.equals("stride") && a.defaultsToZero(attribute);
        if (written == 0 && zeroMeansDefault) {
          return;
        }
        boolean negative = problem.rule() == InvalidLayerException.Rule.NOT_NEGATIVE
            || (written < 0 && zeroMeansDefault);
        reporter.error(negative ? Diagnostics.NEGATIVE_SIZE : Diagnostics.NON_POSITIVE_SIZE, member.element(),
            a.mirror(), value, member.displayName(), a.simpleName(), attribute, written);
      }
      case DIVIDES -> reporter.error(Diagnostics.GROUPS_MISMATCH, member.element(), a.mirror(), value,
          member.displayName(), a.simpleName(), a.intValue(attribute),
          "its " + a.intValue(problem.other()) + " " + problem.other());
      case OTHER -> reporter.error(Diagnostics.INVALID_LAYER, member.element(), a.mirror(), value,
          member.displayName(), problem.message());
    }
  }

  private static String simpleName(LayerUse use) {
    return use.kind().annotation().getSimpleName();
  }

  private void validateResidual(LayerMember member, LayerUse use, BlockParameters scope) {
    BlockType block = member.block();
    if (member.cycle()) {
      use.reject();
      reporter.error(Diagnostics.RESIDUAL_CYCLE, member.element(), use.annotation().mirror(), null,
          member.displayName(), String.valueOf(member.type()));
      return;
    }
    if (block == null) {
      use.reject();
      reporter.error(Diagnostics.RESIDUAL_NOT_BLOCK, member.element(), use.annotation().mirror(), null,
          member.displayName(), String.valueOf(member.type()));
      return;
    }
    List<BlockParameters.Problem> with = block.parameters().checkWith(use.annotation().strings("with"), scope);
    if (!with.isEmpty()) {
      use.reject();
      report(member, use.annotation(), "with", with);
    }
    if (!block.parameters().problems().isEmpty()) {
      use.reject();
    }
    if (!checkedBlocks.add(block.type())) {
      return;
    }
    for (BlockParameters.Problem problem : block.parameters().problems()) {
      List<AnnotationValue> params = block.annotation().array("params");
      reporter.error(Diagnostics.BLOCK_PARAMETER, block.type(), block.annotation().mirror(),
          problem.element() < params.size() ? params.get(problem.element()) : null,
          "@Residual.Block " + block.simpleName(), problem.message());
    }
    validateScope(block.members(), block.simpleName(), null, block.parameters());
    if (block.body().stream().noneMatch(m -> m.primary() != null)) {
      reporter.error(Diagnostics.EMPTY_BLOCK, block.type(), block.annotation().mirror(), null,
          block.type().getQualifiedName());
    }
  }

  /**
   * Either every layer member of a class sets {@code index} or none does (a partial order would
   * leave the others' positions to guesswork), and no two share one.
   */
  private void validateIndexes(List<LayerMember> members, String owner) {
    Map<Integer, LayerMember> byIndex = new HashMap<>();
    @Nullable LayerMember unindexed = null;
    @Nullable LayerMember indexed = null;
    for (LayerMember member : members) {
      LayerUse primary = member.primary();
      if (primary == null) {
        continue;
      }
      int index = primary.index();
      if (index < 0) {
        if (unindexed == null) {
          unindexed = member;
        }
        continue;
      }
      if (indexed == null) {
        indexed = member;
      }
      LayerMember previous = byIndex.putIfAbsent(index, member);
      if (previous != null) {
        reporter.error(Diagnostics.INDEX_CONFLICT, member.element(), primary.annotation().mirror(),
            primary.annotation().explicit("index"), member.displayName(),
            "index " + index + " is also the index of " + previous.displayName());
      }
    }
    if (indexed != null && unindexed != null) {
      LayerUse use = unindexed.primary();
      reporter.error(Diagnostics.INDEX_CONFLICT, unindexed.element(), use.annotation().mirror(), null,
          unindexed.displayName(), "has no index but " + indexed.displayName() + " has one; set index on every layer "
              + "member of " + owner + " or on none");
    }
  }
}
