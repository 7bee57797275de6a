package io.github.toenergy.processor.model;

import io.github.toenergy.annotations.ActivationFunction;
import io.github.toenergy.model.InvalidLayerException;
import io.github.toenergy.model.Layer;
import io.github.toenergy.model.LayerKind;
import org.jspecify.annotations.Nullable;

/**
 * How each layer annotation's attributes become a runtime {@link Layer}: the processor's one
 * per-kind table. The rules a layer must obey are not here but in the {@link Layer} record
 * constructors, which throw an {@link InvalidLayerException} naming each broken attribute.
 */
public final class LayerMapping {
  private LayerMapping() {}

  /**
   * The layer {@code annotation} declares, or null for {@code @Residual} (built from its block's
   * members).
   *
   * @throws InvalidLayerException when the attributes break the kind's rules
   */
  public static @Nullable Layer layer(LayerKind kind, AttributeValues a) {
    // one case per kind, no default: a new kind does not compile until its annotation is mapped here
    return switch (kind) {
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
      case LSTM -> new Layer.Lstm(a.intValue("hidden"), a.intValue("layers"), a.booleanValue("bidirectional"),
          a.booleanValue("bias"));
      case GRU -> new Layer.Gru(a.intValue("hidden"), a.intValue("layers"), a.booleanValue("bidirectional"),
          a.booleanValue("bias"));
      case MIXTURE_OF_EXPERTS -> new Layer.MixtureOfExperts(a.intValue("experts"), a.intValue("top"),
          a.intValue("hidden"), a.intValue("shared"), ActivationFunction.valueOf(a.enumValue("activation")),
          a.booleanValue("gated"), a.booleanValue("bias"));
      case MAMBA2 -> new Layer.Mamba2(a.intValue("state"), a.intValue("heads"), a.intValue("headDim"),
          a.intValue("expand"), a.intValue("groups"), a.intValue("conv"), a.intValue("chunk"),
          a.booleanValue("bias"), a.booleanValue("convBias"));
      case RESIDUAL -> null;
    };
  }

  /** Pooling stride 0 means the kernel size, as in PyTorch. */
  private static int poolStride(AttributeValues a) {
    int stride = a.intValue("stride");
    return stride == 0 ? a.intValue("kernel") : stride;
  }
}
