package io.github.toenergy.model;

import org.jspecify.annotations.Nullable;

/**
 * A network that cannot exist: a size that is not positive, a kernel larger than its input, a
 * shape that does not fit the next layer. The message names the layer and the shapes involved.
 */
public final class InvalidNetworkException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int layerIndex;
  private final @Nullable String layerName;
  private final String problem;

  public InvalidNetworkException(int layerIndex, @Nullable String layerName, String problem) {
    super(layerName == null ? problem : "layer " + layerIndex + " (" + layerName + "): " + problem);
    this.layerIndex = layerIndex;
    this.layerName = layerName;
    this.problem = problem;
  }

  /** Layer {@code layerIndex} cannot take its input; {@link #shapeProblem()} says why, and where inside blocks. */
  InvalidNetworkException(int layerIndex, String layerName, ShapeException cause) {
    this(layerIndex, layerName, cause.getMessage());
    initCause(cause);
  }

  /** The typed shape problem of the layer, or null when the network has no input shape. */
  public @Nullable ShapeException shapeProblem() {
    return getCause() instanceof ShapeException e ? e : null;
  }

  /** Index of the offending top-level layer, 1-based; 0 for the input. */
  public int layerIndex() {
    return layerIndex;
  }

  /** The layer in notation, or null for the input. */
  public @Nullable String layerName() {
    return layerName;
  }

  /** What is wrong, without the layer prefix (for diagnostics that point at the layer themselves). */
  public String problem() {
    return problem;
  }
}
