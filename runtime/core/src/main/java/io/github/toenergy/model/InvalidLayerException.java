package io.github.toenergy.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A layer whose own attributes break its kind's rules (a kernel of 0, groups that do not divide
 * the filters, a dropout rate of 1.5): thrown by the {@link Layer} record constructors, the one
 * place each rule is written, with every problem of the layer. Callers map the problems to their
 * own way of reporting them (the notation parser to a column, the annotation processor to a
 * diagnostic on the attribute's value).
 */
public final class InvalidLayerException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The kind of rule an attribute breaks. */
  public enum Rule {
    /** The attribute must be positive. */
    POSITIVE,
    /** The attribute must not be negative. */
    NOT_NEGATIVE,
    /** The attribute must divide {@link Problem#other()} (convolution groups and filters). */
    DIVIDES,
    /** Any other rule; the message says which. */
    OTHER
  }

  /**
   * One broken rule.
   *
   * @param attribute the attribute's name, as the record component and the annotation attribute
   *     call it, e.g. {@code kernel}
   * @param rule which rule it breaks
   * @param other for {@link Rule#DIVIDES}: the attribute it must divide; else empty
   * @param message what is wrong, e.g. {@code kernel must be positive, got 0}
   */
  public record Problem(String attribute, Rule rule, String other, String message) {}

  private final LayerKind kind;
  private final transient List<Problem> problems;

  InvalidLayerException(LayerKind kind, List<Problem> problems) {
    super(problems.stream().map(Problem::message).collect(Collectors.joining("; ")));
    this.kind = kind;
    this.problems = List.copyOf(problems);
  }

  /**
   * One broken rule that is found before the layer's record can be built, e.g. by the annotation
   * processor when {@code kernel} and {@code kernelSize} disagree.
   */
  public static InvalidLayerException of(LayerKind kind, List<Problem> problems) {
    return new InvalidLayerException(kind, problems);
  }

  public LayerKind kind() {
    return kind;
  }

  /** Every broken rule of the layer, in the order its attributes are declared. */
  public List<Problem> problems() {
    return problems;
  }
}
