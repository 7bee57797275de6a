package io.github.toenergy.processor.model;

import io.github.toenergy.annotations.ActivationFunction;
import io.github.toenergy.model.Layer;
import io.github.toenergy.processor.validation.Diagnostics;
import io.github.toenergy.processor.validation.Reporter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns validated members into runtime {@link Layer}s, in order: declaration order, or
 * {@code index} order where a class pins it; an {@code @Activation} beside {@code @Dense} or
 * {@code @Conv2d} right after its layer; a residual block's {@code after} activation right after
 * the block. A layer constructor the runtime refuses (its rules are the runtime's) becomes an
 * {@code invalid-layer} error on the annotation.
 */
public final class NetworkAssembler {
  private final Reporter reporter;

  public NetworkAssembler(Reporter reporter) {
    this.reporter = reporter;
  }

  /** The network's top-level nodes. */
  public List<LayerNode> assemble(NetworkType network) {
    return nodes(network.members());
  }

  /** Members in the order their layers run: by {@code index} when every member sets one, else as declared. */
  public static List<LayerMember> ordered(List<LayerMember> members) {
    List<LayerMember> layers = new ArrayList<>();
    for (LayerMember m : members) {
      if (m.primary() != null) {
        layers.add(m);
      }
    }
    boolean indexed = !layers.isEmpty() && layers.stream().allMatch(m -> m.primary().index() >= 0);
    if (indexed) {
      layers.sort(Comparator.comparingInt(m -> m.primary().index())); // stable: ties keep declaration order
    }
    return layers;
  }

  private List<LayerNode> nodes(List<LayerMember> members) {
    List<LayerNode> nodes = new ArrayList<>();
    for (LayerMember member : ordered(members)) {
      LayerUse primary = member.primary();
      if (primary == null) {
        continue; // ordered() keeps layer members only
      }
      if (!member.extra().isEmpty()) {
        // two layer annotations: which layer was meant is unknown, so the shapes after it are too
        nodes.add(LayerNode.leaf(member, primary.annotation(), null, null));
        continue;
      }
      if (primary.kind() == LayerKind.RESIDUAL) {
        nodes.add(residual(member, primary));
        ActivationFunction after = ActivationFunction.valueOf(primary.annotation().enumValue("after"));
        if (after != ActivationFunction.IDENTITY) {
          nodes.add(LayerNode.leaf(member, primary.annotation(), "after", new Layer.Activation(after)));
        }
      } else {
        nodes.add(LayerNode.leaf(member, primary.annotation(), null, build(member, primary)));
      }
      LayerUse activation = member.activation();
      if (activation != null) {
        nodes.add(LayerNode.leaf(member, activation.annotation(), null, build(member, activation)));
      }
    }
    return nodes;
  }

  private LayerNode residual(LayerMember member, LayerUse use) {
    BlockType block = member.block();
    if (use.rejected() || block == null || member.cycle()) {
      return LayerNode.leaf(member, use.annotation(), null, null);
    }
    List<LayerNode> body = nodes(block.body());
    List<LayerNode> shortcut = nodes(block.shortcut());
    Layer layer = null;
    if (!body.isEmpty() && allBuilt(body) && allBuilt(shortcut)) {
      layer = construct(member, use, () -> new Layer.Residual(layers(body), layers(shortcut)));
    }
    return new LayerNode(member, use.annotation(), null, layer, body, shortcut);
  }

  private static boolean allBuilt(List<LayerNode> nodes) {
    return nodes.stream().allMatch(n -> n.layer() != null);
  }

  /** The runtime layers of built nodes. */
  public static List<Layer> layers(List<LayerNode> nodes) {
    List<Layer> layers = new ArrayList<>(nodes.size());
    for (LayerNode node : nodes) {
      layers.add(node.layer());
    }
    return layers;
  }

  private @Nullable Layer build(LayerMember member, LayerUse use) {
    if (use.rejected()) {
      return null;
    }
    AnnotationUse a = use.annotation();
    return construct(member, use, () -> switch (use.kind()) {
      case DENSE -> new Layer.Dense(a.intValue("units"), a.booleanValue("bias"));
      case CONV2D -> new Layer.Conv2d(a.intValue("filters"), a.intValue("kernel"), a.intValue("stride"),
          a.intValue("padding"), a.intValue("dilation"), a.intValue("groups"), a.booleanValue("bias"));
      case MAX_POOL2D -> new Layer.MaxPool2d(a.intValue("kernel"), poolStride(a), a.intValue("padding"));
      case AVG_POOL2D -> new Layer.AvgPool2d(a.intValue("kernel"), poolStride(a), a.intValue("padding"));
      case ADAPTIVE_AVG_POOL2D -> new Layer.AdaptiveAvgPool2d(a.intValue("output"));
      case BATCH_NORM -> new Layer.BatchNorm();
      case FLATTEN -> new Layer.Flatten();
      case DROPOUT -> new Layer.Dropout(a.doubleValue("rate"));
      case ACTIVATION -> new Layer.Activation(ActivationFunction.valueOf(a.enumValue("value")));
      case RESIDUAL -> throw new IllegalStateException("residual blocks are built from their members");
    });
  }

  /** Pooling stride 0 means the kernel size, as in PyTorch. */
  private static int poolStride(AnnotationUse a) {
    int stride = a.intValue("stride");
    return stride == 0 ? a.intValue("kernel") : stride;
  }

  private interface LayerFactory {
    Layer create();
  }

  private @Nullable Layer construct(LayerMember member, LayerUse use, LayerFactory factory) {
    try {
      return factory.create();
    } catch (IllegalArgumentException e) {
      use.reject();
      reporter.error(Diagnostics.INVALID_LAYER, member.element(), use.annotation().mirror(), null,
          member.displayName(), e.getMessage());
      return null;
    }
  }
}
