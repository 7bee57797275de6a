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
      case RESIDUAL -> null;
      case CONV1D -> new Layer.Conv1d(a.intValue("filters"), a.intValue("kernel"), a.intValue("stride"),
          a.intValue("padding"), a.intValue("dilation"), a.intValue("groups"), a.booleanValue("bias"),
          a.booleanValue("causal"));
      case EMBEDDING -> new Layer.Embedding(a.intValue("vocab"), a.intValue("dim"));
      case UNEMBED -> new Layer.Unembed(a.intValue("vocab"));
      case POSITION_EMBEDDING -> new Layer.PositionEmbedding(a.intValue("rows"));
      case TOKENS -> new Layer.Tokens();
      case PIXEL_UNSHUFFLE -> new Layer.PixelUnshuffle(a.intValue("factor"));
      case CLASS_TOKEN -> new Layer.ClassToken();
      case SELECT_TOKEN -> new Layer.SelectToken(a.intValue("position"));
      case LAYER_NORM -> new Layer.LayerNorm(a.booleanValue("bias"));
      case RMS_NORM -> new Layer.RmsNorm();
      case ATTENTION -> new Layer.Attention(a.intValue("heads"), a.intValue("kvHeads"), a.intValue("headDim"),
          a.booleanValue("causal"), a.booleanValue("bias"), a.booleanValue("outBias"), a.intValue("window"),
          a.intValue("shift"), a.booleanValue("grid"), a.intValue("sliding"), a.intValue("relativeBias"),
          a.booleanValue("rope"), a.booleanValue("qkNorm"), a.intValue("cross"), a.booleanValue("sinks"),
          a.intValue("biasMlp"), a.booleanValue("cosine"));
      case LATENT_ATTENTION -> new Layer.LatentAttention(a.intValue("heads"), a.intValue("qRank"),
          a.intValue("kvRank"), a.intValue("nopeDim"), a.intValue("ropeDim"), a.intValue("vDim"),
          a.booleanValue("causal"));
      case GLU -> new Layer.Glu(a.intValue("hidden"), ActivationFunction.valueOf(a.enumValue("activation")),
          a.booleanValue("bias"));
    };
  }

  /** Pooling stride 0 means the kernel size, as in PyTorch. */
  private static int poolStride(AttributeValues a) {
    int stride = a.intValue("stride");
    return stride == 0 ? a.intValue("kernel") : stride;
  }
}
