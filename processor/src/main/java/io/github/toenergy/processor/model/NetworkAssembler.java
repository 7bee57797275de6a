package io.github.toenergy.processor.model;

import io.github.toenergy.annotations.ActivationFunction;
import io.github.toenergy.model.Layer;
import io.github.toenergy.model.LayerKind;
import io.github.toenergy.notation.NotationLimits;
import io.github.toenergy.processor.validation.Diagnostics;
import io.github.toenergy.processor.validation.Reporter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns validated members into runtime {@link Layer}s, in order: declaration order, or
 * {@code index} order where a class pins it; an {@code @Activation} beside {@code @Dense} or
 * {@code @Conv2d} right after its layer; a residual block's {@code after} activation right after
 * the block. The validator has already reported (and rejected) every annotation whose layer the
 * runtime refuses; a refusal here is a safety net, an {@code invalid-layer} error on the annotation.
 */
public final class NetworkAssembler {
  private final Reporter reporter;

  public NetworkAssembler(Reporter reporter) {
    this.reporter = reporter;
  }

  /**
   * The network's top-level nodes; none when the network is beyond the notation's limits (an error
   * on the {@code @Network} annotation), which is judged before building so that block types that
   * hold each other many times over cannot make javac build millions of nodes.
   */
  public List<LayerNode> assemble(NetworkType network) {
    String beyond = beyondLimits(network.members());
    if (beyond != null) {
      reporter.error(Diagnostics.NOTATION_LIMIT, network.type(), network.network().mirror(), null, network.name(),
          beyond);
      return List.of();
    }
    return nodes(network.members());
  }

  /**
   * Which of {@link NotationLimits} the layers of {@code members} pass, counted as {@link #nodes}
   * will build them, or null. Each block type is walked once however often it is used.
   */
  private static @Nullable String beyondLimits(List<LayerMember> members) {
    if (nesting(members, new HashMap<>()) > NotationLimits.MAX_NESTING) {
      return NotationLimits.tooDeep();
    }
    return layerCount(members, new HashMap<>()) > NotationLimits.MAX_LAYERS ? NotationLimits.tooManyLayers() : null;
  }

  /** The blocks whose layers {@link #nodes} will open for {@code member}: residual, gate, concat branches. */
  private static List<BlockType> opened(LayerMember member) {
    LayerUse primary = member.primary();
    if (primary == null || !member.extra().isEmpty() || primary.rejected()) {
      return List.of();
    }
    List<BlockType> blocks = new ArrayList<>();
    if ((primary.kind() == LayerKind.RESIDUAL || primary.kind() == LayerKind.GATE) && !member.cycle()
        && member.block() != null) {
      blocks.add(member.block());
    }
    for (LayerMember.BranchType branch : member.branches()) {
      if (branch.block() != null) {
        blocks.add(branch.block());
      }
    }
    return blocks;
  }

  /** How many layers {@link #nodes} builds for {@code members}; past the limit, any larger number. */
  private static long layerCount(List<LayerMember> members, Map<BlockType, Long> counted) {
    long count = 0;
    for (LayerMember member : ordered(members)) {
      LayerUse primary = member.primary();
      count++;
      if (!member.extra().isEmpty()) {
        continue; // one node for the whole member
      }
      for (BlockType block : opened(member)) {
        Long inside = counted.get(block);
        if (inside == null) {
          inside = layerCount(block.body(), counted) + layerCount(block.shortcut(), counted);
          counted.put(block, inside);
        }
        count += inside;
      }
      if (primary != null && primary.kind() == LayerKind.RESIDUAL
          && ActivationFunction.valueOf(primary.annotation().enumValue("after")) != ActivationFunction.IDENTITY) {
        count++;
      }
      if (member.activation() != null) {
        count++;
      }
      if (count > NotationLimits.MAX_LAYERS) {
        return count; // enough to judge, and no sum can overflow
      }
    }
    return count;
  }

  /** How deep {@link #nodes} nests residual blocks for {@code members}; past the limit, any larger number. */
  private static int nesting(List<LayerMember> members, Map<BlockType, Integer> known) {
    int deepest = 0;
    for (LayerMember member : members) {
      for (BlockType block : opened(member)) {
        if (deepest > NotationLimits.MAX_NESTING) {
          break;
        }
        Integer inside = known.get(block);
        if (inside == null) {
          inside = nesting(block.members(), known);
          known.put(block, inside);
        }
        deepest = Math.max(deepest, 1 + inside);
      }
    }
    return deepest;
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
      } else if (primary.kind() == LayerKind.GATE || primary.kind() == LayerKind.CONCAT) {
        nodes.add(channelBlock(member, primary));
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

  /** A gate (its type's layers) or a concat block (one branch per type in {@code branches}). */
  private LayerNode channelBlock(LayerMember member, LayerUse use) {
    List<BlockType> blocks = new ArrayList<>();
    if (use.kind() == LayerKind.GATE) {
      blocks.add(member.cycle() ? null : member.block());
    } else {
      member.branches().forEach(b -> blocks.add(b.block()));
    }
    if (use.rejected() || blocks.contains(null)) {
      return LayerNode.leaf(member, use.annotation(), null, null);
    }
    List<List<LayerNode>> branches = new ArrayList<>();
    for (BlockType block : blocks) {
      branches.add(nodes(block.body()));
    }
    Layer layer = null;
    if (branches.stream().allMatch(NetworkAssembler::allBuilt)) {
      List<List<Layer>> layers = branches.stream().map(NetworkAssembler::layers).toList();
      layer = construct(member, use, () -> use.kind() == LayerKind.GATE ? new Layer.Gate(layers.get(0))
          : new Layer.Concat(layers));
    }
    return new LayerNode(member, use.annotation(), null, layer, branches);
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
    return construct(member, use, () -> LayerMapping.layer(use.kind(), use.annotation()));
  }

  private interface LayerFactory {
    @Nullable Layer create();
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
