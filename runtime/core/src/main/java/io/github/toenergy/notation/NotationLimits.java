package io.github.toenergy.notation;

import io.github.toenergy.model.Layer;
import io.github.toenergy.model.Network;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How much notation the parser reads (docs/notation.md, "Limits"): more is an error found before
 * any work grows with it, not minutes of parsing or an OutOfMemoryError. The annotation processor
 * checks the networks it accepts against the same limits ({@link #exceeded}), so that whatever it
 * compiles parses back.
 */
public final class NotationLimits {
  /** The longest notation text, in characters (a 1,000-layer network is about 10,000). */
  public static final int MAX_CHARACTERS = 1_000_000;

  /** The most layers in one network, every layer inside blocks (and each block itself) counted. */
  public static final int MAX_LAYERS = 100_000;

  /** The deepest nesting of blocks (residual, concat, gate): deeper text is an error, not a stack overflow. */
  public static final int MAX_NESTING = 64;

  private NotationLimits() {}

  /**
   * Which limit {@code network} exceeds, as a one-line reason, or null when its notation parses
   * back. Walks the layers once, stopping at the first limit passed.
   */
  public static @Nullable String exceeded(Network network) {
    String reason = exceeded(network.layers(), 1, new int[1]);
    if (reason != null) {
      return reason;
    }
    int characters = network.toNotation().length();
    return characters > MAX_CHARACTERS
        ? "its notation has " + characters + " characters, more than the limit of " + MAX_CHARACTERS : null;
  }

  /** The reason of a network with more than {@link #MAX_LAYERS} layers. */
  public static String tooManyLayers() {
    return "it has more than " + MAX_LAYERS + " layers (residual blocks and their layers counted), the limit";
  }

  /** The reason of a network that nests residual blocks more than {@link #MAX_NESTING} deep. */
  public static String tooDeep() {
    return "it nests residual blocks more than " + MAX_NESTING + " deep, the limit";
  }

  /** The branches of a block layer (residual, concat, gate), each nesting one deeper; none for another layer. */
  private static List<List<Layer>> branches(Layer layer) {
    if (layer instanceof Layer.Residual residual) {
      return List.of(residual.body(), residual.shortcut());
    }
    if (layer instanceof Layer.Concat concat) {
      return concat.branches();
    }
    return layer instanceof Layer.Gate gate ? List.of(gate.body()) : List.of();
  }

  /** Walks {@code branch} at nesting {@code depth}, adding its layers to {@code counted[0]}. */
  private static @Nullable String exceeded(List<Layer> branch, int depth, int[] counted) {
    for (Layer layer : branch) {
      if (++counted[0] > MAX_LAYERS) {
        return tooManyLayers();
      }
      List<List<Layer>> branches = branches(layer);
      if (!branches.isEmpty() && depth > MAX_NESTING) {
        return tooDeep();
      }
      for (List<Layer> inner : branches) {
        String reason = exceeded(inner, depth + 1, counted);
        if (reason != null) {
          return reason;
        }
      }
    }
    return null;
  }
}
