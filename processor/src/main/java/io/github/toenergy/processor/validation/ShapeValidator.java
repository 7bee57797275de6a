package io.github.toenergy.processor.validation;

import io.github.toenergy.model.Format;
import io.github.toenergy.model.InvalidNetworkException;
import io.github.toenergy.model.Layer;
import io.github.toenergy.model.Network;
import io.github.toenergy.model.Shape;
import io.github.toenergy.notation.NotationParser;
import io.github.toenergy.processor.model.LayerNode;
import io.github.toenergy.processor.model.NetworkAssembler;
import io.github.toenergy.processor.model.NetworkType;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Propagates shapes through the assembled layers with the runtime's own rules
 * ({@link Layer#outputShape}) and reports the first layer of each chain that cannot take its input,
 * on the member of the network class that brings that layer (for a layer inside a residual block:
 * the {@code @Residual} member, the message naming the block's member). After a failure the shapes
 * downstream are unknown, so nothing after it is judged. Then builds the runtime {@link Network},
 * mapping an {@link InvalidNetworkException}'s layer index back to its member.
 */
public final class ShapeValidator {
  private final Reporter reporter;

  public ShapeValidator(Reporter reporter) {
    this.reporter = reporter;
  }

  /**
   * Checks every shape and builds the network.
   *
   * @return the network, or null when a layer is missing (rejected earlier) or a shape does not fit
   */
  public @Nullable Network build(NetworkType network, Shape input, Format format, List<LayerNode> nodes) {
    Shape shape = input;
    boolean complete = true;
    for (int i = 0; i < nodes.size() && shape != null; i++) {
      LayerNode node = nodes.get(i);
      shape = check(node, shape, new Context(network.name(), node, i + 1, ""));
      complete &= node.layer() != null;
    }
    if (shape == null || !complete) {
      return null;
    }
    try {
      return new Network(network.name(), input, format, NetworkAssembler.layers(nodes));
    } catch (InvalidNetworkException e) {
      // the walk above applies the same rules, so this is a safety net: still point at the member
      int index = Math.max(e.layerIndex(), 1) - 1;
      LayerNode node = nodes.get(Math.min(index, nodes.size() - 1));
      reporter.error(Diagnostics.SHAPE_MISMATCH, node.member().element(), node.annotation().mirror(), null,
          node.member().displayName(), e.problem(), e.layerIndex(), network.name());
      return null;
    }
  }

  /**
   * Where a layer sits: the top-level node that brings it, its 1-based index, the path inside blocks
   * and how many residual blocks enclose it.
   */
  private record Context(String network, LayerNode top, int index, String path, int depth) {
    Context(String network, LayerNode top, int index, String path) {
      this(network, top, index, path, 0);
    }

    Context inside(LayerNode node) {
      String step = node.member().displayName();
      return new Context(network, top, index, path.isEmpty() ? step : path + " > " + step, depth);
    }

    /** The context of a residual block's layers. */
    Context nested() {
      return new Context(network, top, index, path, depth + 1);
    }

    String where() {
      return path.isEmpty() ? top.member().displayName() : top.member().displayName() + " (" + path + ")";
    }
  }

  /** The node's output shape, or null when it (or something inside it) cannot take {@code in}. */
  private @Nullable Shape check(LayerNode node, Shape in, Context context) {
    Layer layer = node.layer();
    boolean residual = !node.body().isEmpty();
    if (residual) {
      Context nested = context.nested();
      if (nested.depth() > NotationParser.MAX_NESTING) {
        // reported once, on the network's member that leads there; the blocks inside are not walked
        String block = node.member().block() == null ? node.member().displayName()
            : node.member().block().simpleName();
        reporter.error(Diagnostics.NESTING_TOO_DEEP, context.top().member().element(),
            context.top().annotation().mirror(), null, context.top().member().displayName(),
            nested.depth(), block, NotationParser.MAX_NESTING, context.index(), context.network());
        return null;
      }
      Shape body = branch(node.body(), in, nested);
      Shape shortcut = branch(node.shortcut(), in, nested);
      if (body == null || shortcut == null || layer == null) {
        return null;
      }
    } else if (layer == null) {
      return null; // rejected, already reported
    }
    try {
      return layer.outputShape(in);
    } catch (IllegalArgumentException e) {
      report(node, layer, in, context, e.getMessage());
      return null;
    }
  }

  private @Nullable Shape branch(List<LayerNode> nodes, Shape in, Context context) {
    Shape shape = in;
    for (LayerNode node : nodes) {
      shape = check(node, shape, context.inside(node));
      if (shape == null) {
        return null;
      }
    }
    return shape;
  }

  private void report(LayerNode node, Layer layer, Shape in, Context context, String problem) {
    LayerNode top = context.top();
    var element = top.member().element();
    var mirror = top.annotation().mirror();
    String where = context.where();
    if (layer instanceof Layer.Dense && in.spatial()) {
      reporter.error(Diagnostics.DENSE_NEEDS_FLATTEN, element, mirror, null, where, in, context.index(),
          context.network());
    } else if (layer instanceof Layer.Conv2d c && in.spatial() && in.channels() % c.groups() != 0) {
      reporter.error(Diagnostics.GROUPS_MISMATCH, element, mirror, null, where, c.groups(),
          "the " + in.channels() + " input channels it gets as layer " + context.index() + " of network "
              + context.network());
    } else if ((layer instanceof Layer.Conv2d || layer instanceof Layer.MaxPool2d || layer instanceof Layer.AvgPool2d)
        && in.spatial()) {
      reporter.error(Diagnostics.KERNEL_TOO_LARGE, element, mirror, null, where, problem, context.index(),
          context.network());
    } else {
      reporter.error(Diagnostics.SHAPE_MISMATCH, element, mirror, null, where, problem, context.index(),
          context.network());
    }
  }
}
