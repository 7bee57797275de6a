package io.github.toenergy.processor.model;

import io.github.toenergy.annotations.ActivationFunction;
import io.github.toenergy.annotations.UpsampleMode;
import io.github.toenergy.model.InvalidLayerException;
import io.github.toenergy.model.Layer;
import io.github.toenergy.model.LayerKind;
import io.github.toenergy.model.Size2d;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * How each layer annotation's attributes become a runtime {@link Layer}: the processor's one
 * per-kind table. The rules a layer must obey are not here but in the {@link Layer} record
 * constructors, which throw an {@link InvalidLayerException} naming each broken attribute; only
 * the choice between a size's two spellings ({@code kernel = 3} or {@code kernelSize = {1, 7}}) is
 * checked here, since the record sees one {@link Size2d}.
 */
public final class LayerMapping {
  /** The array spelling of a size attribute: {@code kernel} is also {@code kernelSize = {height, width}}. */
  public static final String PAIR_SUFFIX = "Size";

  private LayerMapping() {}

  /**
   * The layer {@code annotation} declares, or null for a block ({@code @Residual}, {@code @Gate},
   * {@code @Concat}: built from its block types' members) and {@code @Repeat} (which repeats the
   * layers of its member).
   *
   * @throws InvalidLayerException when the attributes break the kind's rules
   */
  public static @Nullable Layer layer(LayerKind kind, AttributeValues a) {
    Sizes s = new Sizes(kind, a);
    // one case per kind, no default: a new kind does not compile until its annotation is mapped here
    return switch (kind) {
      case DENSE -> new Layer.Dense(a.intValue("units"), a.booleanValue("bias"));
      case CONV2D -> s.build(() -> new Layer.Conv2d(a.intValue("filters"), s.get("kernel"), s.get("stride"),
          s.get("padding"), a.intValue("dilation"), a.intValue("groups"), a.booleanValue("bias")));
      case CONV_TRANSPOSE2D -> s.build(() -> new Layer.ConvTranspose2d(a.intValue("filters"), s.get("kernel"),
          s.get("stride"), s.get("padding"), s.get("outputPadding"), a.intValue("dilation"), a.intValue("groups"),
          a.booleanValue("bias")));
      case MAX_POOL2D -> s.build(() -> new Layer.MaxPool2d(s.get("kernel"), s.poolStride(), s.get("padding"),
          a.booleanValue("ceil")));
      case AVG_POOL2D -> s.build(() -> new Layer.AvgPool2d(s.get("kernel"), s.poolStride(), s.get("padding"),
          a.booleanValue("ceil")));
      case ADAPTIVE_AVG_POOL2D -> s.build(() -> new Layer.AdaptiveAvgPool2d(s.get("output")));
      case UPSAMPLE -> new Layer.Upsample(a.intValue("factor"), UpsampleMode.valueOf(a.enumValue("mode")));
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
      case CONV1D -> new Layer.Conv1d(a.intValue("filters"), a.intValue("kernel"), a.intValue("stride"),
          a.intValue("padding"), a.intValue("dilation"), a.intValue("groups"), a.booleanValue("bias"),
          a.booleanValue("causal"));
      case EMBEDDING -> new Layer.Embedding(a.intValue("vocab"), a.intValue("dim"));
      case UNEMBED -> new Layer.Unembed(a.intValue("vocab"));
      case POSITION_EMBEDDING -> new Layer.PositionEmbedding(a.intValue("rows"));
      case TOKENS -> new Layer.Tokens();
      case COLUMNS -> new Layer.Columns();
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
      case CHUNK -> new Layer.Chunk(a.intValue("chunks"), a.intValue("part"));
      case CHANNEL_SHUFFLE -> new Layer.ChannelShuffle(a.intValue("groups"));
      case LAYER_SCALE -> new Layer.LayerScale();
      case RESIDUAL, GATE, CONCAT -> null;
      case REPEAT -> null; // @Repeat modifies a member: the assembler wraps the member's layers
    };
  }

  /**
   * Whether {@code attribute} (as a layer rule names it) was written as its array, e.g. {@code
   * kernelSize = {0, 7}} for {@code kernel}: then its problem belongs on that array.
   */
  public static boolean writtenAsPair(AttributeValues a, String attribute) {
    String pair = attribute + PAIR_SUFFIX;
    return a.has(pair) && a.intArray(pair).length > 0;
  }

  /** The attribute a problem of {@code attribute} is reported on: the array when the size was written as one. */
  public static String reportedAttribute(AttributeValues a, String attribute) {
    return writtenAsPair(a, attribute) ? attribute + PAIR_SUFFIX : attribute;
  }

  /** A size rule broken by a size written as its array: {@code @Conv2d kernelSize must be positive, got {0, 7}}. */
  public static String pairProblem(AttributeValues a, String annotation, InvalidLayerException.Problem problem) {
    String pair = problem.attribute() + PAIR_SUFFIX;
    String rule = problem.rule() == InvalidLayerException.Rule.NOT_NEGATIVE ? "must not be negative" : "must be positive";
    return "@" + annotation + " " + pair + " " + rule + ", got " + braces(a.intArray(pair));
  }

  /** The groups of a layer whose groups do not divide its input channels (a convolution, transposed or not). */
  public static int groups(Layer layer) {
    return layer instanceof Layer.ConvTranspose2d t ? t.groups() : ((Layer.Conv2d) layer).groups();
  }

  private static String braces(int[] values) {
    return Arrays.toString(values).replace('[', '{').replace(']', '}');
  }

  /**
   * Reads each size from its number or its {@code {height, width}} array, collecting what is wrong
   * with the choice, so that the layer is built (and its own rules checked) only when both are fine.
   */
  private static final class Sizes {
    private final LayerKind kind;
    private final AttributeValues a;
    private final List<InvalidLayerException.Problem> problems = new ArrayList<>();

    Sizes(LayerKind kind, AttributeValues a) {
      this.kind = kind;
      this.a = a;
    }

    /** {@code attribute}'s size: the array when one is written (the number then at its default or equal to both), else the number. */
    Size2d get(String attribute) {
      int side = a.intValue(attribute);
      String pairName = attribute + PAIR_SUFFIX;
      int[] pair = a.intArray(pairName);
      if (pair.length == 0) {
        return Size2d.square(side);
      }
      String annotation = "@" + kind.annotation().getSimpleName() + " ";
      if (pair.length != 2) {
        problem(pairName, annotation + pairName + " must be {height, width}, got " + braces(pair));
      } else if (!a.isDefault(attribute) && (side != pair[0] || side != pair[1])) {
        problem(pairName, annotation + attribute + " " + side + " and " + pairName + " " + braces(pair)
            + " disagree; give one of them");
      } else {
        return new Size2d(pair[0], pair[1]);
      }
      return Size2d.square(1); // a placeholder: build() reports the problem instead
    }

    /** A pool's stride: 0 (the default) means the kernel, as in PyTorch. */
    Size2d poolStride() {
      return a.intValue("stride") == 0 && !writtenAsPair(a, "stride") ? get("kernel") : get("stride");
    }

    private void problem(String attribute, String message) {
      var problem = new InvalidLayerException.Problem(attribute, InvalidLayerException.Rule.OTHER, "", message);
      if (!problems.contains(problem)) { // a pool's kernel is read twice when it is also the stride
        problems.add(problem);
      }
    }

    /**
     * The layer {@code make} builds with the sizes read; when a size's spelling is wrong, that
     * problem instead of any the record finds with the placeholder put in its place.
     */
    Layer build(Supplier<Layer> make) {
      Layer layer = null;
      try {
        layer = make.get();
      } catch (InvalidLayerException e) {
        if (problems.isEmpty()) {
          throw e;
        }
      }
      if (!problems.isEmpty()) {
        throw InvalidLayerException.of(kind, problems);
      }
      return Objects.requireNonNull(layer);
    }
  }
}
