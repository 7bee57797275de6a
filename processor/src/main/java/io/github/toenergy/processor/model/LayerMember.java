package io.github.toenergy.processor.model;

import java.util.List;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.type.TypeMirror;
import org.jspecify.annotations.Nullable;

/**
 * A field, method or nested type of a network or block type that carries layer annotations, as
 * written: its main layer, the {@code @Activation} that follows it, any further layer annotations
 * (an error), its {@code @Shortcut} mark and, for {@code @Residual} and {@code @Gate}, the block
 * type it reads; for {@code @Concat}, the branch types it lists.
 */
public final class LayerMember {
  /**
   * One type a block member reads: its type for {@code @Residual} and {@code @Gate}, each of
   * {@code @Concat(branches)}.
   *
   * @param value for a concat branch: the class literal in {@code branches}; else null
   * @param type the type as written, null when it is no type
   * @param block the block it declares, null when it lacks the marker (or is a cycle)
   * @param cycle whether the type is one of the blocks that contain the member
   */
  public record BranchType(@Nullable AnnotationValue value, @Nullable TypeMirror type, @Nullable BlockType block,
      boolean cycle) {}

  private final Element element;
  private final String displayName;
  private final @Nullable LayerUse primary;
  private final @Nullable LayerUse activation;
  private final List<LayerUse> extra;
  private final @Nullable AnnotationUse shortcut;
  private final @Nullable TypeMirror type;
  private final @Nullable BlockType block;
  private final boolean cycle;
  private final List<BranchType> branches;

  LayerMember(Element element, String displayName, @Nullable LayerUse primary, @Nullable LayerUse activation,
      List<LayerUse> extra, @Nullable AnnotationUse shortcut, @Nullable TypeMirror type, @Nullable BlockType block,
      boolean cycle, List<BranchType> branches) {
    this.element = element;
    this.displayName = displayName;
    this.primary = primary;
    this.activation = activation;
    this.extra = List.copyOf(extra);
    this.shortcut = shortcut;
    this.type = type;
    this.block = block;
    this.cycle = cycle;
    this.branches = List.copyOf(branches);
  }

  public Element element() {
    return element;
  }

  /** How messages name the member: {@code conv1}, {@code conv1()} or {@code BasicBlock.conv1}. */
  public String displayName() {
    return displayName;
  }

  /** The layer annotation that makes this member a layer; null for a {@code @Shortcut} alone. */
  public @Nullable LayerUse primary() {
    return primary;
  }

  /** An {@code @Activation} beside {@code @Dense} or {@code @Conv2d}: a second layer after the primary. */
  public @Nullable LayerUse activation() {
    return activation;
  }

  /** Layer annotations beyond the primary and its activation: each is an error. */
  public List<LayerUse> extra() {
    return extra;
  }

  public @Nullable AnnotationUse shortcut() {
    return shortcut;
  }

  /** The member's type (field type, method return type, or the nested type itself). */
  public @Nullable TypeMirror type() {
    return type;
  }

  /** For {@code @Residual} and {@code @Gate}: the block its type declares, or null when the type is not a block. */
  public @Nullable BlockType block() {
    return block;
  }

  /** For {@code @Residual} and {@code @Gate}: whether the member's block type is one of the blocks that contain it. */
  public boolean cycle() {
    return cycle;
  }

  /** For {@code @Concat}: the types of {@code branches}, in order; else empty. */
  public List<BranchType> branches() {
    return branches;
  }
}
