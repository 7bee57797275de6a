package io.github.toenergy.processor.model;

import io.github.toenergy.model.Layer;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A runtime {@link Layer} together with the member and annotation that produced it, so that a
 * problem found later (a shape that does not fit) is reported where the user wrote the layer.
 *
 * @param member the member that produced the layer
 * @param annotation the layer annotation (for a residual's {@code after} activation: the {@code @Residual})
 * @param attribute the attribute that produced the layer on its own, e.g. {@code after}; null for the annotation itself
 * @param layer the runtime layer, or null when its annotation was rejected (shapes after it are unknown)
 * @param branches for a block, the nodes of each branch as {@code ShapeException.Step#branch()} counts
 *     them: a residual block's body and shortcut (empty: identity), a concat block's branches, a gate's
 *     body; empty for any other layer
 */
public record LayerNode(LayerMember member, AnnotationUse annotation, @Nullable String attribute,
    @Nullable Layer layer, List<List<LayerNode>> branches) {

  public LayerNode {
    branches = branches.stream().map(List::copyOf).toList();
  }

  /** A residual block's node: its body and its shortcut. */
  public LayerNode(LayerMember member, AnnotationUse annotation, @Nullable String attribute, @Nullable Layer layer,
      List<LayerNode> body, List<LayerNode> shortcut) {
    this(member, annotation, attribute, layer, List.of(body, shortcut));
  }

  /** A node without branches. */
  static LayerNode leaf(LayerMember member, AnnotationUse annotation, @Nullable String attribute,
      @Nullable Layer layer) {
    return new LayerNode(member, annotation, attribute, layer, List.of());
  }
}
