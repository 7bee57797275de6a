package io.github.toenergy.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A layer that cannot take the shape it is given: thrown by {@link Layer#outputShape}, the one
 * place shapes are propagated. For a layer inside blocks (residual, concat, gate) it carries the path
 * to that layer ({@link #path()}), the innermost layer's {@link #reason()} and {@link #problem()}, and
 * a message that names the path as {@code body layer 2 (conv2d(8,k=3)): ...}.
 */
public final class ShapeException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Why the shape does not fit. */
  public enum Reason {
    /** A layer that needs a flat input (dense) gets C x H x W. */
    FLAT_INPUT_NEEDED,
    /** A layer that needs C x H x W (convolution, pooling) gets a flat input. */
    SPATIAL_INPUT_NEEDED,
    /** Convolution groups that do not divide the input channels. */
    GROUPS_DO_NOT_DIVIDE_CHANNELS,
    /** A sliding window larger than its padded input, or an output side beyond an int. */
    WINDOW_DOES_NOT_FIT,
    /**
     * A block whose branches do not fit together: residual branches of different shapes, concat
     * branches of different heights and widths, a gate that is neither the input's shape nor C x 1 x 1.
     */
    BRANCHES_DIFFER,
    /** Chunks or shuffle groups that do not divide the input channels. */
    CHANNELS_DO_NOT_DIVIDE,
    /** A flattened input with more than 2^31-1 features. */
    TOO_MANY_FEATURES,
    /**
     * A layer that needs another layout: token ids (embedding) need a flat input, attention,
     * position tables and the recurrent and state-space layers a sequence (attention also an image's
     * positions), {@code tokens} an image.
     */
    LAYOUT_NEEDED,
    /** Features that a layer's heads or groups do not divide (attention heads, conv1d groups, Mamba-2's expand). */
    FEATURES_NOT_DIVISIBLE,
    /** A position beyond the sequence ({@code select(i)}). */
    POSITION_OUT_OF_RANGE
  }

  /**
   * One step into a block.
   *
   * @param branch the 0-based branch: a residual block's body 0 and shortcut 1, a concat block's
   *     branches in order, a gate's body 0, a repeat's layers 0
   * @param index the layer's 0-based index in that branch
   */
  public record Step(int branch, int index) {}

  private final Reason reason;
  private final transient Shape input;
  private final String problem;
  private final transient List<Step> path;

  ShapeException(Reason reason, Shape input, String problem) {
    this(reason, input, problem, List.of(), problem);
  }

  private ShapeException(Reason reason, Shape input, String problem, List<Step> path, String message) {
    super(message);
    this.reason = reason;
    this.input = input;
    this.problem = problem;
    this.path = List.copyOf(path);
  }

  /**
   * The same problem seen from the block that holds the failing layer.
   *
   * @param branchName how the message names the branch: {@code body}, {@code shortcut}, {@code branch 2}, {@code gate}
   */
  ShapeException inside(int branch, String branchName, int index, Layer layer) {
    List<Step> outer = new ArrayList<>(path.size() + 1);
    outer.add(new Step(branch, index));
    outer.addAll(path);
    String prefix = branchName + " layer " + (index + 1) + " (" + layer.toNotation() + "): ";
    return new ShapeException(reason, input, problem, outer, prefix + getMessage());
  }

  /** The same problem seen from the repeat that holds the failing layer: a step into its layers. */
  ShapeException insideRepeat(int repetition, int times, int index, Layer layer) {
    List<Step> outer = new ArrayList<>(path.size() + 1);
    outer.add(new Step(0, index));
    outer.addAll(path);
    String prefix = "repetition " + repetition + " of " + times + ", layer " + (index + 1) + " (" + layer.toNotation()
        + "): ";
    return new ShapeException(reason, input, problem, outer, prefix + getMessage());
  }

  public Reason reason() {
    return reason;
  }

  /** The shape the failing (innermost) layer gets. */
  public Shape input() {
    return input;
  }

  /** What is wrong with the innermost layer, without the path. */
  public String problem() {
    return problem;
  }

  /** From the block the exception was thrown for down to the failing layer; empty when it is that layer. */
  public List<Step> path() {
    return path;
  }
}
