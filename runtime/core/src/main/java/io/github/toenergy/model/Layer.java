package io.github.toenergy.model;

import io.github.toenergy.annotations.ActivationFunction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import io.github.toenergy.annotations.UpsampleMode;
import org.jspecify.annotations.Nullable;

/**
 * One layer of a network. Layers are immutable values; each record checks its own attributes in
 * its constructor ({@link InvalidLayerException}, the one place each kind's rules live), knows the
 * shape it produces from its input ({@link ShapeException}, the one place shapes are propagated)
 * and how it is written in the text notation. Its {@link LayerKind} is its entry in the vocabulary;
 * what it costs is the business of {@code io.github.toenergy.cost.LayerArithmetic}.
 */
public sealed interface Layer {

  /**
   * The shape this layer produces from {@code input}.
   *
   * @throws ShapeException naming the problem when the layer cannot take that input
   */
  Shape outputShape(Shape input);

  /** The layer in text notation, e.g. {@code conv2d(64,k=3,p=1)}. */
  String toNotation();

  /** The layer's kind: its entry in the vocabulary. */
  LayerKind kind();

  /**
   * The keyword the notation writes for this layer ({@code conv2d}, {@code relu}): the stem of its
   * rows' names in a cost table ({@code conv2d_1}).
   */
  default String keyword() {
    return kind().keyword();
  }

  /** A fully connected layer on a flat input, or on each position of a sequence. */
  record Dense(int units, boolean bias) implements Layer {
    public Dense {
      new LayerRules(LayerKind.DENSE).positive("units", units).check();
    }

    @Override
    public Shape outputShape(Shape input) {
      return switch (input.layout()) {
        case FLAT -> Shape.flat(units);
        case SEQUENCE -> Shape.sequence(input.length(), units); // applied at each position
        case IMAGE -> throw new ShapeException(ShapeException.Reason.FLAT_INPUT_NEEDED, input,
            "dense needs a flat input but gets " + input + "; add flatten before it");
      };
    }

    @Override
    public String toNotation() {
      return kind().keyword() + "(" + units + (bias ? "" : ",bias=false") + ")";
    }

    @Override
    public LayerKind kind() {
      return LayerKind.DENSE;
    }
  }

  /**
   * A 2-D convolution ({@code torch.nn.Conv2d}); kernel, stride and padding may differ between
   * height and width ({@code k=(1,7)}), dilation is the same on both.
   */
  record Conv2d(int filters, Size2d kernel, Size2d stride, Size2d padding, int dilation, int groups, boolean bias)
      implements Layer {
    public Conv2d {
      new LayerRules(LayerKind.CONV2D).positive("filters", filters).positive("kernel", kernel)
          .positive("stride", stride).notNegative("padding", padding).positive("dilation", dilation)
          .positive("groups", groups).divides("groups", groups, "filters", filters).check();
    }

    /** A convolution whose kernel, stride and padding are the same along height and width. */
    public Conv2d(int filters, int kernel, int stride, int padding, int dilation, int groups, boolean bias) {
      this(filters, Size2d.square(kernel), Size2d.square(stride), Size2d.square(padding), dilation, groups, bias);
    }

    /** A convolution with stride 1, no padding, no dilation, one group and a bias. */
    public static Conv2d of(int filters, int kernel) {
      return new Conv2d(filters, kernel, 1, 0, 1, 1, true);
    }

    @Override
    public Shape outputShape(Shape input) {
      requireGroups(kind(), input, groups);
      return slide(input, filters, kernel, stride, padding, dilation, false);
    }

    /** Input channels each filter sees. */
    public int channelsPerGroup(Shape input) {
      return input.channels() / groups;
    }

    @Override
    public String toNotation() {
      return convNotation(kind(), filters, kernel, stride, padding, null, dilation, groups, bias);
    }

    @Override
    public LayerKind kind() {
      return LayerKind.CONV2D;
    }
  }

  /**
   * A transposed convolution ({@code torch.nn.ConvTranspose2d}): each input element scatters
   * {@code kernel} taps into every output channel of its group. Output side, as PyTorch:
   * {@code (in - 1)s - 2p + d(k - 1) + op + 1}.
   */
  record ConvTranspose2d(int filters, Size2d kernel, Size2d stride, Size2d padding, Size2d outputPadding,
      int dilation, int groups, boolean bias) implements Layer {
    public ConvTranspose2d {
      new LayerRules(LayerKind.CONV_TRANSPOSE2D).positive("filters", filters).positive("kernel", kernel)
          .positive("stride", stride).notNegative("padding", padding).notNegative("outputPadding", outputPadding)
          .positive("dilation", dilation).positive("groups", groups).divides("groups", groups, "filters", filters)
          // PyTorch: "output padding must be smaller than either stride or dilation"
          .require(outputPadding.height() < Math.max(stride.height(), dilation)
              && outputPadding.width() < Math.max(stride.width(), dilation), "outputPadding",
              "output padding " + outputPadding + " must be smaller than the stride " + stride + " or the dilation "
                  + dilation)
          .check();
    }

    @Override
    public Shape outputShape(Shape input) {
      requireGroups(kind(), input, groups);
      return Shape.of(filters, transposedSide(input, input.height(), kernel.height(), stride.height(),
          padding.height(), outputPadding.height()), transposedSide(input, input.width(), kernel.width(),
          stride.width(), padding.width(), outputPadding.width()));
    }

    private int transposedSide(Shape input, int in, int k, int s, int p, int op) {
      long side = ((long) in - 1) * s - 2L * p + (long) dilation * (k - 1) + op + 1;
      if (side < 1 || side > Integer.MAX_VALUE) {
        throw new ShapeException(ShapeException.Reason.WINDOW_DOES_NOT_FIT, input, kind().keyword() + " of " + input
            + " gives an output side of " + side + (side < 1 ? " (padding " + padding + " is too large)" : ", more than 2^31-1"));
      }
      return (int) side;
    }

    @Override
    public String toNotation() {
      return convNotation(kind(), filters, kernel, stride, padding, outputPadding, dilation, groups, bias);
    }

    @Override
    public LayerKind kind() {
      return LayerKind.CONV_TRANSPOSE2D;
    }
  }

  /**
   * Upsampling by an integer factor on height and width ({@code torch.nn.Upsample(scale_factor)}),
   * nearest neighbour or bilinear ({@code align_corners=False}).
   */
  record Upsample(int factor, UpsampleMode mode) implements Layer {
    public Upsample {
      new LayerRules(LayerKind.UPSAMPLE).positive("factor", factor).check();
    }

    @Override
    public Shape outputShape(Shape input) {
      requireSpatial(kind(), input);
      long height = (long) input.height() * factor;
      long width = (long) input.width() * factor;
      if (Math.max(height, width) > Integer.MAX_VALUE) {
        throw new ShapeException(ShapeException.Reason.WINDOW_DOES_NOT_FIT, input, "upsampling " + input + " by "
            + factor + " gives a side of " + Math.max(height, width) + ", more than 2^31-1");
      }
      return Shape.of(input.channels(), (int) height, (int) width);
    }

    @Override
    public String toNotation() {
      return kind().keyword() + "(" + factor + (mode == UpsampleMode.NEAREST ? "" : ",mode="
          + mode.name().toLowerCase(Locale.ROOT)) + ")";
    }

    @Override
    public LayerKind kind() {
      return LayerKind.UPSAMPLE;
    }
  }

  /**
   * Max pooling; stride defaults to the kernel. With {@code ceil}, the output side is rounded up
   * as PyTorch's {@code ceil_mode}: the last window may hang over the padded input.
   */
  record MaxPool2d(Size2d kernel, Size2d stride, Size2d padding, boolean ceil) implements Layer {
    public MaxPool2d {
      checkPool(LayerKind.MAX_POOL2D, kernel, stride, padding);
    }

    /** Square windows, floor mode. */
    public MaxPool2d(int kernel, int stride, int padding) {
      this(Size2d.square(kernel), Size2d.square(stride), Size2d.square(padding), false);
    }

    @Override
    public Shape outputShape(Shape input) {
      return poolOutput(kind(), input, kernel, stride, padding, ceil);
    }

    @Override
    public String toNotation() {
      return poolNotation(kind(), kernel, stride, padding, ceil);
    }

    @Override
    public LayerKind kind() {
      return LayerKind.MAX_POOL2D;
    }
  }

  /**
   * Average pooling (padding counted in the divisor, as PyTorch's default); stride defaults to the
   * kernel; {@code ceil} as for {@link MaxPool2d}.
   */
  record AvgPool2d(Size2d kernel, Size2d stride, Size2d padding, boolean ceil) implements Layer {
    public AvgPool2d {
      checkPool(LayerKind.AVG_POOL2D, kernel, stride, padding);
    }

    /** Square windows, floor mode. */
    public AvgPool2d(int kernel, int stride, int padding) {
      this(Size2d.square(kernel), Size2d.square(stride), Size2d.square(padding), false);
    }

    @Override
    public Shape outputShape(Shape input) {
      return poolOutput(kind(), input, kernel, stride, padding, ceil);
    }

    @Override
    public String toNotation() {
      return poolNotation(kind(), kernel, stride, padding, ceil);
    }

    @Override
    public LayerKind kind() {
      return LayerKind.AVG_POOL2D;
    }
  }

  /**
   * Adaptive average pooling to {@code output} (height x width), PyTorch's window rule: window i
   * spans {@code [floor(i*in/out), ceil((i+1)*in/out))}. An output larger than the input repeats values.
   */
  record AdaptiveAvgPool2d(Size2d output) implements Layer {
    public AdaptiveAvgPool2d {
      new LayerRules(LayerKind.ADAPTIVE_AVG_POOL2D).positive("output", "output size", output).check();
    }

    /** Pooling to {@code output x output}. */
    public AdaptiveAvgPool2d(int output) {
      this(Size2d.square(output));
    }

    @Override
    public Shape outputShape(Shape input) {
      requireSpatial(kind(), input);
      return Shape.of(input.channels(), output.height(), output.width());
    }

    @Override
    public String toNotation() {
      return kind().keyword() + "(" + output.height() + (output.isSquare() ? "" : "," + output.width()) + ")";
    }

    @Override
    public LayerKind kind() {
      return LayerKind.ADAPTIVE_AVG_POOL2D;
    }
  }

  /**
   * An element-wise non-linearity. Softmax normalises over the features at each position: all of a
   * flat sample's, each token's of a sequence (PyTorch's {@code softmax(dim=-1)}), each pixel's channels
   * of an image; its cost is the same per element whichever the rows.
   */
  record Activation(ActivationFunction function) implements Layer {
    /** Computed once: counting asks for every activation's name. */
    private static final String[] NOTATION_NAMES = java.util.Arrays.stream(ActivationFunction.values())
        .map(f -> f.name().replace("_", "").toLowerCase(Locale.ROOT)).toArray(String[]::new);
    private static final Map<String, ActivationFunction> BY_KEYWORD = new LinkedHashMap<>();

    static {
      for (ActivationFunction f : ActivationFunction.values()) {
        BY_KEYWORD.put(NOTATION_NAMES[f.ordinal()], f);
      }
      BY_KEYWORD.put("swish", ActivationFunction.SILU); // PyTorch's older name
    }

    private static final List<String> KEYWORDS = List.copyOf(BY_KEYWORD.keySet());

    @Override
    public Shape outputShape(Shape input) {
      return input;
    }

    @Override
    public String toNotation() {
      return notationName(function);
    }

    @Override
    public LayerKind kind() {
      return LayerKind.ACTIVATION;
    }

    @Override
    public String keyword() {
      return notationName(function);
    }

    /** The notation keyword of an activation: {@code LEAKY_RELU -> leakyrelu}. */
    public static String notationName(ActivationFunction function) {
      return NOTATION_NAMES[function.ordinal()];
    }

    /** The function written {@code keyword} (lower case), aliases included, or null. */
    public static @Nullable ActivationFunction byKeyword(String keyword) {
      return BY_KEYWORD.get(keyword);
    }

    /** Every keyword of an activation: the functions' names, then the aliases ({@code swish} for SILU). */
    static List<String> keywords() {
      return KEYWORDS;
    }
  }

  /** Batch normalisation; two trained parameters per channel. */
  record BatchNorm() implements Layer {
    @Override
    public Shape outputShape(Shape input) {
      return input;
    }

    @Override
    public String toNotation() {
      return kind().keyword();
    }

    @Override
    public LayerKind kind() {
      return LayerKind.BATCH_NORM;
    }
  }

  /** Reshapes C x H x W into C*H*W features; moves no data. */
  record Flatten() implements Layer {
    @Override
    public Shape outputShape(Shape input) {
      // in double, so that a product beyond a long is reported too (exact below 2^53)
      double features = (double) input.channels() * input.height() * input.width();
      if (features > Integer.MAX_VALUE) {
        throw new ShapeException(ShapeException.Reason.TOO_MANY_FEATURES, input, "flatten of " + input + " gives "
            + String.format(Locale.ROOT, "%.0f", features) + " features, more than 2^31-1");
      }
      return Shape.flat((int) features);
    }

    @Override
    public String toNotation() {
      return kind().keyword();
    }

    @Override
    public LayerKind kind() {
      return LayerKind.FLATTEN;
    }
  }

  /** Dropout; the rate does not change the cost. */
  record Dropout(double rate) implements Layer {
    public static final double DEFAULT_RATE = 0.5;

    public Dropout {
      new LayerRules(LayerKind.DROPOUT)
          .require(rate >= 0 && rate < 1, "rate", "dropout rate must be in [0, 1), got " + rate).check();
    }

    @Override
    public Shape outputShape(Shape input) {
      return input;
    }

    @Override
    public String toNotation() {
      return rate == DEFAULT_RATE ? kind().keyword() : kind().keyword() + "(" + rate + ")";
    }

    @Override
    public LayerKind kind() {
      return LayerKind.DROPOUT;
    }
  }

  /**
   * A residual block: {@code body(x) + shortcut(x)}, where an empty shortcut is the identity. Both
   * branches must produce the same shape.
   */
  record Residual(List<Layer> body, List<Layer> shortcut) implements Layer {
    public Residual {
      body = List.copyOf(body);
      shortcut = List.copyOf(shortcut);
      new LayerRules(LayerKind.RESIDUAL)
          .require(!body.isEmpty(), "body", "a residual block needs at least one layer in its body").check();
    }

    @Override
    public Shape outputShape(Shape input) {
      Shape bodyOut = branchOutput(0, "body", body, input);
      Shape shortcutOut = branchOutput(1, "shortcut", shortcut, input);
      if (!bodyOut.equals(shortcutOut)) {
        throw new ShapeException(ShapeException.Reason.BRANCHES_DIFFER, input, "residual body gives " + bodyOut + " but the "
            + (shortcut.isEmpty() ? "identity shortcut" : "shortcut") + " gives " + shortcutOut);
      }
      return bodyOut;
    }

    @Override
    public String toNotation() {
      String text = kind().keyword() + "(" + join(body);
      return shortcut.isEmpty() ? text + ")" : text + " | " + join(shortcut) + ")";
    }

    @Override
    public LayerKind kind() {
      return LayerKind.RESIDUAL;
    }
  }

  /**
   * Parallel branches joined on the channel axis ({@code torch.cat(dim=1)}): each branch gets the
   * block's input, an empty branch is the identity. The branches' outputs must agree in everything
   * but their channels.
   */
  record Concat(List<List<Layer>> branches) implements Layer {
    public Concat {
      branches = branches.stream().map(List::copyOf).toList();
      new LayerRules(LayerKind.CONCAT).require(branches.size() >= 2, "branches",
          "a concat block needs at least two branches, got " + branches.size()).check();
    }

    @Override
    public Shape outputShape(Shape input) {
      Shape first = null;
      long channels = 0;
      for (int i = 0; i < branches.size(); i++) {
        Shape out = branchOutput(i, "branch " + (i + 1), branches.get(i), input);
        if (first == null) {
          first = out;
        } else if (out.layout() != first.layout() || out.height() != first.height() || out.width() != first.width()) {
          throw new ShapeException(ShapeException.Reason.BRANCHES_DIFFER, input, "concat branch 1 gives " + first
              + " but branch " + (i + 1) + " gives " + out + "; branches are joined on channels, so the rest must match");
        }
        channels += out.channels();
      }
      if (channels > Integer.MAX_VALUE) {
        throw new ShapeException(ShapeException.Reason.TOO_MANY_FEATURES, input,
            "concat of " + input + " gives " + channels + " channels, more than 2^31-1");
      }
      return new Shape((int) channels, first.height(), first.width(), first.layout());
    }

    @Override
    public String toNotation() {
      return kind().keyword() + "(" + branches.stream().map(Layer::join).collect(Collectors.joining(" | ")) + ")";
    }

    @Override
    public LayerKind kind() {
      return LayerKind.CONCAT;
    }
  }

  /** The {@code part}-th (0-based) of {@code chunks} equal groups of channels ({@code torch.chunk(dim=1)}); a view. */
  record Chunk(int chunks, int part) implements Layer {
    public Chunk {
      new LayerRules(LayerKind.CHUNK).positive("chunks", chunks).notNegative("part", part)
          .require(part < chunks, "part", "part " + part + " must be below chunks " + chunks + " (parts count from 0)")
          .check();
    }

    @Override
    public Shape outputShape(Shape input) {
      requireDivisible("chunks", chunks, input);
      return new Shape(input.channels() / chunks, input.height(), input.width(), input.layout());
    }

    @Override
    public String toNotation() {
      return kind().keyword() + "(" + chunks + "," + part + ")";
    }

    @Override
    public LayerKind kind() {
      return LayerKind.CHUNK;
    }
  }

  /** Channel shuffle ({@code nn.ChannelShuffle}): the channels as groups x (C/groups), transposed. */
  record ChannelShuffle(int groups) implements Layer {
    public ChannelShuffle {
      new LayerRules(LayerKind.CHANNEL_SHUFFLE).positive("groups", groups).check();
    }

    @Override
    public Shape outputShape(Shape input) {
      requireDivisible("groups", groups, input);
      return input;
    }

    @Override
    public String toNotation() {
      return kind().keyword() + "(" + groups + ")";
    }

    @Override
    public LayerKind kind() {
      return LayerKind.CHANNEL_SHUFFLE;
    }
  }

  /**
   * Channel gating (squeeze-excitation): the body computes a gate from the block's input, of the
   * input's shape or C x 1 x 1 (broadcast over height and width); the output is input x gate.
   */
  record Gate(List<Layer> body) implements Layer {
    public Gate {
      body = List.copyOf(body);
      new LayerRules(LayerKind.GATE)
          .require(!body.isEmpty(), "body", "a gate needs at least one layer in its body").check();
    }

    @Override
    public Shape outputShape(Shape input) {
      Shape gate = branchOutput(0, "gate", body, input);
      if (!gate.equals(input) && !(input.spatial() && gate.equals(Shape.of(input.channels(), 1, 1)))) {
        throw new ShapeException(ShapeException.Reason.BRANCHES_DIFFER, input, "gate body gives " + gate
            + " but a gate of " + input + " must be " + input + (input.spatial() ? " or " + input.channels() + "x1x1" : ""));
      }
      return input;
    }

    @Override
    public String toNotation() {
      return kind().keyword() + "(" + join(body) + ")";
    }

    @Override
    public LayerKind kind() {
      return LayerKind.GATE;
    }
  }

  /** Layer scale: one trained factor per channel, multiplied into every element of that channel. */
  record LayerScale() implements Layer {
    @Override
    public Shape outputShape(Shape input) {
      return input;
    }

    @Override
    public String toNotation() {
      return kind().keyword();
    }

    @Override
    public LayerKind kind() {
      return LayerKind.LAYER_SCALE;
    }
  }

  /** The output of one branch of a block, a failing layer's problem given the path into the block. */
  private static Shape branchOutput(int branch, String branchName, List<Layer> layers, Shape input) {
    Shape shape = input;
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      try {
        shape = layer.outputShape(shape);
      } catch (ShapeException e) {
        throw e.inside(branch, branchName, i, layer);
      }
    }
    return shape;
  }

  /** The layers of one branch in notation, separated by spaces. */
  private static String join(List<Layer> layers) {
    return layers.stream().map(Layer::toNotation).collect(Collectors.joining(" "));
  }

  private static void requireDivisible(String attribute, int parts, Shape input) {
    if (input.channels() % parts != 0) {
      throw new ShapeException(ShapeException.Reason.CHANNELS_DO_NOT_DIVIDE, input,
          attribute + " " + parts + " do not divide the " + input.channels() + " input channels");
    }
  }

  /**
   * A stack of LSTM layers as PyTorch's {@code nn.LSTM(batch_first=True)}: each layer runs its cell
   * at every position of an L x D sequence, in one or both directions; the output is L x (hidden x
   * directions), which the next layer of the stack takes as its input.
   */
  record Lstm(int hidden, int layers, boolean bidirectional, boolean bias) implements Layer {
    public Lstm {
      checkRecurrent(LayerKind.LSTM, hidden, layers, bidirectional);
    }

    @Override
    public Shape outputShape(Shape input) {
      return recurrentOutput(kind(), input, hidden, bidirectional);
    }

    @Override
    public String toNotation() {
      return recurrentNotation(kind(), hidden, layers, bidirectional, bias);
    }

    @Override
    public LayerKind kind() {
      return LayerKind.LSTM;
    }
  }

  /** A stack of GRU layers as PyTorch's {@code nn.GRU(batch_first=True)}; shapes as {@link Lstm}. */
  record Gru(int hidden, int layers, boolean bidirectional, boolean bias) implements Layer {
    public Gru {
      checkRecurrent(LayerKind.GRU, hidden, layers, bidirectional);
    }

    @Override
    public Shape outputShape(Shape input) {
      return recurrentOutput(kind(), input, hidden, bidirectional);
    }

    @Override
    public String toNotation() {
      return recurrentNotation(kind(), hidden, layers, bidirectional, bias);
    }

    @Override
    public LayerKind kind() {
      return LayerKind.GRU;
    }
  }

  /**
   * A mixture-of-experts feed-forward layer, applied at each position of a sequence (or to a flat
   * input, one token): a router picks {@code top} of {@code experts} MLPs of {@code hidden} units per
   * token, and {@code shared} experts run for every token. The output has the input's shape.
   */
  record MixtureOfExperts(int experts, int top, int hidden, int shared, ActivationFunction activation,
      boolean gated, boolean bias) implements Layer {
    public MixtureOfExperts {
      new LayerRules(LayerKind.MIXTURE_OF_EXPERTS).positive("experts", experts).positive("top", top)
          .positive("hidden", hidden).notNegative("shared", shared)
          .require(top <= experts, "top", "top " + top + " must be at most the " + experts + " experts").check();
    }

    @Override
    public Shape outputShape(Shape input) {
      if (input.spatial()) {
        throw new ShapeException(ShapeException.Reason.FLAT_INPUT_NEEDED, input,
            kind().keyword() + " needs a sequence or a flat input but gets " + input + "; add flatten before it");
      }
      return input;
    }

    @Override
    public String toNotation() {
      StringBuilder s = new StringBuilder(kind().keyword()).append("(experts=").append(experts).append(",top=")
          .append(top).append(",hidden=").append(hidden);
      if (shared != 0) s.append(",shared=").append(shared);
      if (activation != ActivationFunction.SILU) s.append(",act=").append(Activation.notationName(activation));
      if (!gated) s.append(",gated=false");
      if (bias) s.append(",bias=true");
      return s.append(')').toString();
    }

    @Override
    public LayerKind kind() {
      return LayerKind.MIXTURE_OF_EXPERTS;
    }
  }

  /**
   * A Mamba-2 mixer (Hugging Face's {@code Mamba2Mixer}, {@code NemotronHMamba2Mixer}) over an L x D
   * sequence: in_proj, causal depthwise conv1d, the chunked SSD scan, a gated RMS norm, out_proj. The
   * inner size is {@code heads x headDim}, or {@code expand x D} when {@code heads} is 0; giving
   * neither means {@code expand} 2, as Hugging Face's {@code Mamba2Config}.
   */
  record Mamba2(int state, int heads, int headDim, int expand, int groups, int conv, int chunk, boolean bias,
      boolean convBias) implements Layer {
    /** Hugging Face's {@code Mamba2Config} defaults (state_size, head_dim, expand, conv_kernel, chunk_size). */
    public static final int DEFAULT_STATE = 128;
    public static final int DEFAULT_HEAD_DIM = 64;
    public static final int DEFAULT_EXPAND = 2;
    public static final int DEFAULT_CONV = 4;
    public static final int DEFAULT_CHUNK = 256;

    public Mamba2 {
      if (heads == 0 && expand == 0) {
        expand = DEFAULT_EXPAND;
      }
      new LayerRules(LayerKind.MAMBA2).positive("state", state).notNegative("heads", heads)
          .positive("headDim", headDim).notNegative("expand", expand).positive("groups", groups)
          .positive("conv", conv).positive("chunk", chunk)
          .require(heads == 0 || expand == 0, "expand", "give heads or expand, not both (heads " + heads
              + ", expand " + expand + ")")
          .require(heads == 0 || heads % groups == 0, "groups", "groups " + groups + " do not divide heads " + heads)
          .require((long) Math.max(heads, 1) * headDim <= Integer.MAX_VALUE, "headDim",
              "heads x headDim is more than 2^31-1")
          .check();
    }

    /** The inner size (heads x headDim) for an input of {@code features}. */
    public long innerFor(int features) {
      return heads > 0 ? (long) heads * headDim : (long) expand * features;
    }

    /** The heads for an input of {@code features}. */
    public long headsFor(int features) {
      return innerFor(features) / headDim;
    }

    @Override
    public Shape outputShape(Shape input) {
      requireSequence(kind(), input);
      long inner = innerFor(input.channels());
      if (heads == 0 && (inner % headDim != 0 || (inner / headDim) % groups != 0)) {
        throw new ShapeException(ShapeException.Reason.FEATURES_NOT_DIVISIBLE, input, "expand "
            + expand + " x " + input.channels() + " features = " + inner + " inner channels do not make whole heads of "
            + headDim + " in " + groups + " group" + (groups == 1 ? "" : "s"));
      }
      return input;
    }

    @Override
    public String toNotation() {
      StringBuilder s = new StringBuilder(kind().keyword()).append('(');
      int start = s.length();
      if (state != DEFAULT_STATE) s.append(",state=").append(state);
      if (heads > 0) s.append(",heads=").append(heads);
      if (expand != 0 && expand != DEFAULT_EXPAND) s.append(",expand=").append(expand);
      if (headDim != DEFAULT_HEAD_DIM) s.append(",headdim=").append(headDim);
      if (groups != 1) s.append(",groups=").append(groups);
      if (conv != DEFAULT_CONV) s.append(",conv=").append(conv);
      if (chunk != DEFAULT_CHUNK) s.append(",chunk=").append(chunk);
      if (bias) s.append(",bias=true");
      if (!convBias) s.append(",convbias=false");
      if (s.length() == start) {
        return kind().keyword();
      }
      s.deleteCharAt(start);
      return s.append(')').toString();
    }

    @Override
    public LayerKind kind() {
      return LayerKind.MAMBA2;
    }
  }

  private static void checkRecurrent(LayerKind kind, int hidden, int layers, boolean bidirectional) {
    new LayerRules(kind).positive("hidden", hidden).positive("layers", layers)
        .require(!bidirectional || hidden <= Integer.MAX_VALUE / 2, "hidden",
            "hidden " + hidden + " x 2 directions is more than 2^31-1")
        .check();
  }

  private static Shape recurrentOutput(LayerKind kind, Shape input, int hidden, boolean bidirectional) {
    requireSequence(kind, input);
    return Shape.sequence(input.length(), bidirectional ? 2 * hidden : hidden);
  }

  private static String recurrentNotation(LayerKind kind, int hidden, int layers, boolean bidirectional, boolean bias) {
    return kind.keyword() + "(" + hidden + (layers != 1 ? ",layers=" + layers : "")
        + (bidirectional ? ",bidirectional=true" : "") + (bias ? "" : ",bias=false") + ")";
  }

  private static void requireSequence(LayerKind kind, Shape input) {
    if (!input.sequence()) {
      throw new ShapeException(ShapeException.Reason.LAYOUT_NEEDED, input, kind.keyword()
          + " needs a sequence input (length x features, input(L,D)) but gets " + input
          + (input.spatial() ? "" : " features"));
    }
  }

  /**
   * A 1-D convolution over the positions of a sequence ({@code torch.nn.Conv1d} on L x D, channels
   * = features): L x D to L' x filters. {@code causal} pads {@code dilation*(kernel-1)} on the left
   * only, so that each output sees no later position and L' = ceil(L / stride) (Mamba's
   * {@code conv1d(..., padding=k-1)[..., :L]}).
   */
  record Conv1d(int filters, int kernel, int stride, int padding, int dilation, int groups, boolean bias,
      boolean causal) implements Layer {
    public Conv1d {
      new LayerRules(LayerKind.CONV1D).positive("filters", filters).positive("kernel", kernel)
          .positive("stride", stride).notNegative("padding", padding).positive("dilation", dilation)
          .positive("groups", groups)
          // not divides(): its diagnostic speaks of @Conv2d
          .require(groups <= 0 || filters % groups == 0, "groups", "groups " + groups + " must divide the " + filters + " filters")
          .require(!causal || padding == 0, "padding", "a causal conv1d pads on the left itself; padding must be 0, got " + padding)
          .check();
    }

    @Override
    public Shape outputShape(Shape input) {
      requireLayout(kind(), input, Shape.Layout.SEQUENCE);
      if (input.channels() % groups != 0) {
        throw new ShapeException(ShapeException.Reason.FEATURES_NOT_DIVISIBLE, input,
            "groups " + groups + " do not divide the " + input.channels() + " input features");
      }
      // PyTorch's rule, as conv2d's sides; causal: L + d(k-1) left-padded positions, a window span of
      // d(k-1) + 1, so floor((L - 1) / s) + 1, and the window always fits
      long length = causal ? (input.length() - 1L) / stride + 1
          : outputSide(input.length(), kernel, stride, padding, dilation, false);
      if (length < 1) {
        throw new ShapeException(ShapeException.Reason.WINDOW_DOES_NOT_FIT, input, "kernel " + kernel
            + (dilation > 1 ? " (dilation " + dilation + ")" : "") + " is longer than the input " + input
            + (padding > 0 ? " padded by " + padding : ""));
      }
      if (length > Integer.MAX_VALUE) {
        throw new ShapeException(ShapeException.Reason.WINDOW_DOES_NOT_FIT, input, "output length " + length
            + " of " + input + " is more than 2^31-1");
      }
      return Shape.sequence((int) length, filters);
    }

    /** Input features each filter sees. */
    public int channelsPerGroup(Shape input) {
      return input.channels() / groups;
    }

    @Override
    public String toNotation() {
      StringBuilder s = new StringBuilder(kind().keyword()).append('(').append(filters).append(",k=").append(kernel);
      if (stride != 1) s.append(",s=").append(stride);
      if (padding != 0) s.append(",p=").append(padding);
      if (dilation != 1) s.append(",d=").append(dilation);
      if (groups != 1) s.append(",g=").append(groups);
      if (!bias) s.append(",bias=false");
      if (causal) s.append(",causal=true");
      return s.append(')').toString();
    }

    @Override
    public LayerKind kind() {
      return LayerKind.CONV1D;
    }
  }

  /**
   * A table of {@code vocab} learned vectors of {@code dim} features, looked up by token id: a flat
   * input of L ids becomes L x dim ({@code torch.nn.Embedding}).
   */
  record Embedding(int vocab, int dim) implements Layer {
    public Embedding {
      new LayerRules(LayerKind.EMBEDDING).positive("vocab", "vocabulary size", vocab).positive("dim", dim).check();
    }

    @Override
    public Shape outputShape(Shape input) {
      if (input.layout() != Shape.Layout.FLAT) {
        throw new ShapeException(ShapeException.Reason.LAYOUT_NEEDED, input,
            "embedding needs a flat input of token ids, input(L), but gets " + input);
      }
      return Shape.sequence(input.channels(), dim);
    }

    @Override
    public String toNotation() {
      return kind().keyword() + "(" + vocab + "," + dim + ")";
    }

    @Override
    public LayerKind kind() {
      return LayerKind.EMBEDDING;
    }
  }

  /**
   * The output projection that reuses an embedding table of {@code vocab} rows (tied weights,
   * Hugging Face's {@code tie_word_embeddings}): L x D to L x vocab, no parameters of its own.
   */
  record Unembed(int vocab) implements Layer {
    public Unembed {
      new LayerRules(LayerKind.UNEMBED).positive("vocab", "vocabulary size", vocab).check();
    }

    @Override
    public Shape outputShape(Shape input) {
      if (input.spatial()) {
        throw new ShapeException(ShapeException.Reason.LAYOUT_NEEDED, input,
            "unembed needs a sequence or flat input but gets " + input);
      }
      return input.sequence() ? Shape.sequence(input.length(), vocab) : Shape.flat(vocab);
    }

    @Override
    public String toNotation() {
      return kind().keyword() + "(" + vocab + ")";
    }

    @Override
    public LayerKind kind() {
      return LayerKind.UNEMBED;
    }
  }

  /**
   * A learned table of {@code rows} vectors, one added to each position of a sequence: absolute
   * position embeddings (BERT's 512, ViT's 197) or BERT's 2 token types.
   */
  record PositionEmbedding(int rows) implements Layer {
    public PositionEmbedding {
      new LayerRules(LayerKind.POSITION_EMBEDDING).positive("rows", "rows of the table", rows).check();
    }

    @Override
    public Shape outputShape(Shape input) {
      requireLayout(kind(), input, Shape.Layout.SEQUENCE);
      return input;
    }

    @Override
    public String toNotation() {
      return kind().keyword() + "(" + rows + ")";
    }

    @Override
    public LayerKind kind() {
      return LayerKind.POSITION_EMBEDDING;
    }
  }

  /**
   * Space to depth ({@code torch.nn.PixelUnshuffle}): each {@code factor x factor} block of pixels
   * becomes one pixel of {@code factor^2} times the channels, C x H x W to (C f^2) x H/f x W/f (Swin's
   * patch merging before its norm and linear layer). A copy, no arithmetic.
   */
  record PixelUnshuffle(int factor) implements Layer {
    public PixelUnshuffle {
      new LayerRules(LayerKind.PIXEL_UNSHUFFLE).positive("factor", factor).check();
    }

    @Override
    public Shape outputShape(Shape input) {
      requireLayout(kind(), input, Shape.Layout.IMAGE);
      if (input.height() % factor != 0 || input.width() % factor != 0) {
        throw new ShapeException(ShapeException.Reason.FEATURES_NOT_DIVISIBLE, input,
            "factor " + factor + " does not divide the height and width of " + input);
      }
      long channels = (long) input.channels() * factor * factor;
      if (channels > Integer.MAX_VALUE) {
        throw new ShapeException(ShapeException.Reason.TOO_MANY_FEATURES, input, "pixelunshuffle(" + factor + ") of "
            + input + " gives " + channels + " channels, more than 2^31-1");
      }
      return Shape.of((int) channels, input.height() / factor, input.width() / factor);
    }

    @Override
    public String toNotation() {
      return kind().keyword() + "(" + factor + ")";
    }

    @Override
    public LayerKind kind() {
      return LayerKind.PIXEL_UNSHUFFLE;
    }
  }

  /** An image's positions as tokens: C x H x W becomes (H*W) x C, a view (ViT after its patch convolution). */
  record Tokens() implements Layer {
    @Override
    public Shape outputShape(Shape input) {
      requireLayout(kind(), input, Shape.Layout.IMAGE);
      long positions = input.positions();
      if (positions > Integer.MAX_VALUE) {
        throw new ShapeException(ShapeException.Reason.TOO_MANY_FEATURES, input, "tokens of " + input + " gives "
            + positions + " positions, more than 2^31-1");
      }
      return Shape.sequence((int) positions, input.channels());
    }

    @Override
    public String toNotation() {
      return kind().keyword();
    }

    @Override
    public LayerKind kind() {
      return LayerKind.TOKENS;
    }
  }

  /**
   * An image's columns as a sequence: C x H x W becomes W positions of C*H features (DeepSpeech2's
   * {@code x.view(N, C*H, W).transpose(1, 2)}: the frequency bins of each time step side by side), a copy
   * into the new layout ({@code .contiguous()}). {@link Tokens} gives H*W positions of C features instead.
   */
  record Columns() implements Layer {
    @Override
    public Shape outputShape(Shape input) {
      requireLayout(kind(), input, Shape.Layout.IMAGE);
      long features = (long) input.channels() * input.height();
      if (features > Integer.MAX_VALUE) {
        throw new ShapeException(ShapeException.Reason.TOO_MANY_FEATURES, input, "columns of " + input + " gives "
            + features + " features per position, more than 2^31-1");
      }
      return Shape.sequence(input.width(), (int) features);
    }

    @Override
    public String toNotation() {
      return kind().keyword();
    }

    @Override
    public LayerKind kind() {
      return LayerKind.COLUMNS;
    }
  }

  /** A learned class token put before the sequence: L x D becomes (L+1) x D, D parameters. */
  record ClassToken() implements Layer {
    @Override
    public Shape outputShape(Shape input) {
      requireLayout(kind(), input, Shape.Layout.SEQUENCE);
      if (input.length() == Integer.MAX_VALUE) {
        throw new ShapeException(ShapeException.Reason.TOO_MANY_FEATURES, input, "clstoken after " + input
            + " gives more than 2^31-1 positions");
      }
      return Shape.sequence(input.length() + 1, input.channels());
    }

    @Override
    public String toNotation() {
      return kind().keyword();
    }

    @Override
    public LayerKind kind() {
      return LayerKind.CLASS_TOKEN;
    }
  }

  /**
   * The features of one position of a sequence: L x D becomes D (ViT's and BERT's class token
   * {@code x[:, 0]}; {@code -1}, the last position, as Python counts from the end).
   */
  record SelectToken(int position) implements Layer {
    @Override
    public Shape outputShape(Shape input) {
      requireLayout(kind(), input, Shape.Layout.SEQUENCE);
      if (position >= input.length() || position < -(long) input.length()) {
        throw new ShapeException(ShapeException.Reason.POSITION_OUT_OF_RANGE, input, "select(" + position
            + ") is beyond the " + input.length() + " positions of " + input);
      }
      return Shape.flat(input.channels());
    }

    @Override
    public String toNotation() {
      return position == 0 ? kind().keyword() : kind().keyword() + "(" + position + ")";
    }

    @Override
    public LayerKind kind() {
      return LayerKind.SELECT_TOKEN;
    }
  }

  /**
   * Layer normalisation over the features of each position: over the channels at each position of
   * an image (ConvNeXt's LayerNorm2d, Swin's channels-last norm), over each token's features, over
   * all of a flat vector. A scale per feature, and a shift unless {@code bias} is false.
   */
  record LayerNorm(boolean bias) implements Layer {
    @Override
    public Shape outputShape(Shape input) {
      return input;
    }

    @Override
    public String toNotation() {
      return bias ? kind().keyword() : kind().keyword() + "(bias=false)";
    }

    @Override
    public LayerKind kind() {
      return LayerKind.LAYER_NORM;
    }
  }

  /** Root-mean-square normalisation over the features of each position, one scale per feature (Llama). */
  record RmsNorm() implements Layer {
    @Override
    public Shape outputShape(Shape input) {
      return input;
    }

    @Override
    public String toNotation() {
      return kind().keyword();
    }

    @Override
    public LayerKind kind() {
      return LayerKind.RMS_NORM;
    }
  }

  /**
   * Multi-head attention over the positions of a sequence (or of an image, each pixel a token of C
   * features), output projected back to the input's D features. Zero means the default for
   * {@code kvHeads} (= heads), {@code headDim} (= D / heads), {@code window}, {@code sliding},
   * {@code relativeBias} and {@code cross} (none).
   *
   * @param heads query heads
   * @param kvHeads key/value heads: fewer than {@code heads} is grouped-query attention, 1 multi-query
   * @param headDim features of each head's queries, keys and values
   * @param causal each position attends to itself and earlier ones only (a mask: same counts)
   * @param bias biases of the query, key and value projections
   * @param outBias bias of the output projection
   * @param window attention within non-overlapping windows of {@code window x window} positions of an
   *     image (Swin, MaxViT block attention) or {@code window} positions of a sequence, padded to whole
   *     windows as torchvision's Swin does
   * @param shift the shifted windows' offset (Swin's odd blocks): a mask added to the scores
   * @param grid MaxViT's grid attention: the {@code window x window} groups take every (H/window)-th
   *     position instead of a block (same counts)
   * @param sliding each position attends to the last {@code sliding} positions (Mistral): a mask
   * @param relativeBias rows of a learned bias table per head added to the scores (Swin and MaxViT:
   *     (2 window - 1)^2; T5: 32 buckets)
   * @param rope rotary position embedding of queries and keys
   * @param qkNorm an RMS norm over each head's query and key features (Qwen3, Gemma 3)
   * @param cross cross-attention to a memory of {@code cross} positions of D features (an encoder's
   *     output, T5's decoder), instead of self-attention
   * @param sinks a learned logit per head added to each softmax row (gpt-oss)
   * @param biasMlp Swin V2's continuous position bias: an MLP of {@code biasMlp} hidden features (2 to
   *     biasMlp, ReLU, biasMlp to heads) computes the bias of each of the (2 window - 1)^2 offsets
   * @param cosine Swin V2's scaled cosine attention: queries and keys L2-normalised, scores times a
   *     learned scale per head
   */
  record Attention(int heads, int kvHeads, int headDim, boolean causal, boolean bias, boolean outBias, int window,
      int shift, boolean grid, int sliding, int relativeBias, boolean rope, boolean qkNorm, int cross, boolean sinks,
      int biasMlp, boolean cosine) implements Layer {
    public Attention {
      new LayerRules(LayerKind.ATTENTION).positive("heads", heads).notNegative("kvHeads", kvHeads)
          .notNegative("headDim", headDim).notNegative("window", window).notNegative("shift", shift)
          .notNegative("sliding", sliding).notNegative("relativeBias", relativeBias).notNegative("cross", cross)
          .notNegative("biasMlp", biasMlp)
          .require(biasMlp == 0 || window > 0, "biasMlp", "a continuous position bias needs a window")
          .require(kvHeads == 0 || heads % kvHeads == 0, "kvHeads",
              "kvHeads " + kvHeads + " must divide heads " + heads)
          .require(shift == 0 || shift < window, "shift", "shift " + shift + " needs a window larger than it, got window " + window)
          .require(!grid || window > 0, "grid", "grid attention needs a window (the grid's size)")
          .require(window == 0 || sliding == 0, "sliding", "sliding and window attention do not combine")
          .require(cross == 0 || !causal && window == 0 && sliding == 0, "cross",
              "cross-attention is neither causal nor windowed")
          .check();
    }

    /** {@code heads} heads, everything else the default: non-causal self-attention with biases, as torch.nn.MultiheadAttention. */
    public static Attention of(int heads) {
      return new Attention(heads, 0, 0, false, true, true, 0, 0, false, 0, 0, false, false, 0, false, 0, false);
    }

    @Override
    public Shape outputShape(Shape input) {
      if (input.layout() == Shape.Layout.FLAT) {
        throw new ShapeException(ShapeException.Reason.LAYOUT_NEEDED, input,
            "attention needs a sequence input(L,D) or an image's positions but gets " + input + " features");
      }
      if (headDim == 0 && input.channels() % heads != 0) {
        throw new ShapeException(ShapeException.Reason.FEATURES_NOT_DIVISIBLE, input,
            "heads " + heads + " do not divide the " + input.channels() + " features; set headdim");
      }
      if (grid && !input.spatial()) {
        throw new ShapeException(ShapeException.Reason.LAYOUT_NEEDED, input, "grid attention needs an image but gets " + input);
      }
      return input;
    }

    /** Features per head for an input of {@code features}. */
    public int headDim(int features) {
      return headDim > 0 ? headDim : features / heads;
    }

    /** Key/value heads. */
    public int keyValueHeads() {
      return kvHeads > 0 ? kvHeads : heads;
    }

    @Override
    public String toNotation() {
      StringBuilder s = new StringBuilder(kind().keyword()).append('(').append(heads);
      option(s, "kvheads", kvHeads);
      option(s, "headdim", headDim);
      if (causal) s.append(",causal=true");
      if (!bias) s.append(",bias=false");
      if (outBias != bias) s.append(",outbias=").append(outBias);
      option(s, "window", window);
      option(s, "shift", shift);
      if (grid) s.append(",grid=true");
      option(s, "sliding", sliding);
      option(s, "relbias", relativeBias);
      if (rope) s.append(",rope=true");
      if (qkNorm) s.append(",qknorm=true");
      option(s, "cross", cross);
      if (sinks) s.append(",sinks=true");
      option(s, "cpb", biasMlp);
      if (cosine) s.append(",cosine=true");
      return s.append(')').toString();
    }

    @Override
    public LayerKind kind() {
      return LayerKind.ATTENTION;
    }
  }

  /**
   * DeepSeek's multi-head latent attention: queries through a rank-{@code qRank} bottleneck (0: one
   * projection), keys and values from a shared rank-{@code kvRank} latent, each head's query and key
   * split into {@code nopeDim} features without and {@code ropeDim} with rotary embedding (the
   * rotary key shared by all heads), values of {@code vDim}; no biases.
   */
  record LatentAttention(int heads, int qRank, int kvRank, int nopeDim, int ropeDim, int vDim, boolean causal)
      implements Layer {
    public LatentAttention {
      new LayerRules(LayerKind.LATENT_ATTENTION).positive("heads", heads).notNegative("qRank", qRank)
          .positive("kvRank", kvRank).notNegative("nopeDim", nopeDim).positive("ropeDim", ropeDim)
          .positive("vDim", vDim).check();
    }

    @Override
    public Shape outputShape(Shape input) {
      requireLayout(kind(), input, Shape.Layout.SEQUENCE);
      return input;
    }

    @Override
    public String toNotation() {
      StringBuilder s = new StringBuilder(kind().keyword()).append('(').append(heads);
      option(s, "qrank", qRank);
      s.append(",kvrank=").append(kvRank).append(",nope=").append(nopeDim).append(",rope=").append(ropeDim)
          .append(",vdim=").append(vDim);
      if (causal) s.append(",causal=true");
      return s.append(')').toString();
    }

    @Override
    public LayerKind kind() {
      return LayerKind.LATENT_ATTENTION;
    }
  }

  /**
   * A gated MLP at each position (SwiGLU, GeGLU): {@code down(act(gate(x)) * up(x))}, with gate and
   * up projections of {@code hidden} features and the down projection back to the input's features.
   */
  record Glu(int hidden, ActivationFunction activation, boolean bias) implements Layer {
    public Glu {
      new LayerRules(LayerKind.GLU).positive("hidden", hidden)
          .require(activation != ActivationFunction.IDENTITY, "activation", "glu needs a gating function, not identity")
          .check();
    }

    @Override
    public Shape outputShape(Shape input) {
      if (input.spatial()) {
        throw new ShapeException(ShapeException.Reason.LAYOUT_NEEDED, input,
            "glu needs a flat or sequence input but gets " + input + "; add tokens or flatten before it");
      }
      return input;
    }

    @Override
    public String toNotation() {
      StringBuilder s = new StringBuilder(kind().keyword()).append('(').append(hidden);
      if (activation != ActivationFunction.SILU) s.append(",act=").append(Activation.notationName(activation));
      if (bias) s.append(",bias=true");
      return s.append(')').toString();
    }

    @Override
    public LayerKind kind() {
      return LayerKind.GLU;
    }
  }

  private static void option(StringBuilder s, String key, int value) {
    if (value != 0) s.append(',').append(key).append('=').append(value);
  }

  private static void requireLayout(LayerKind kind, Shape input, Shape.Layout layout) {
    if (input.layout() != layout) {
      String needed = switch (layout) {
        case SEQUENCE -> "a sequence input(L,D)";
        case IMAGE -> "a C x H x W input";
        case FLAT -> "a flat input";
      };
      throw new ShapeException(ShapeException.Reason.LAYOUT_NEEDED, input,
          kind.keyword() + " needs " + needed + " but gets " + input);
    }
  }

  /**
   * The same layers {@code times} times in a row: {@code repeat(3, residual(...) relu)}. The model
   * keeps it as written, so that the notation stays short; a cost table opens it up into one row per
   * layer and repetition, named as if it had been written out.
   */
  record Repeat(int times, List<Layer> layers) implements Layer {
    public Repeat {
      layers = List.copyOf(layers);
      new LayerRules(LayerKind.REPEAT).positive("times", times)
          .require(!layers.isEmpty(), "layers", "repeat needs at least one layer to repeat").check();
    }

    /**
     * Runs the layers {@code times} times. Once a repetition gives back its input shape, every later
     * one does too (a layer's output depends on its input shape only), so a huge count costs no more
     * than a few repetitions.
     */
    @Override
    public Shape outputShape(Shape input) {
      Shape shape = input;
      for (int r = 1; r <= times; r++) {
        Shape before = shape;
        for (int i = 0; i < layers.size(); i++) {
          Layer layer = layers.get(i);
          try {
            shape = layer.outputShape(shape);
          } catch (ShapeException e) {
            throw e.insideRepeat(r, times, i, layer);
          }
        }
        if (shape.equals(before)) {
          return shape;
        }
      }
      return shape;
    }

    /**
     * Layers once the repetitions are written out, this node and those inside blocks counted:
     * {@code 1 + times * (layers inside)}, saturating at {@link Long#MAX_VALUE}.
     */
    public long expandedSize() {
      long inside = 0;
      for (Layer layer : layers) {
        inside = saturatingAdd(inside, Layer.expandedSize(layer));
      }
      return saturatingAdd(1, inside > Long.MAX_VALUE / times ? Long.MAX_VALUE : inside * times);
    }

    @Override
    public String toNotation() {
      return kind().keyword() + "(" + times + ", " + layers.stream().map(Layer::toNotation)
          .collect(Collectors.joining(" ")) + ")";
    }

    @Override
    public LayerKind kind() {
      return LayerKind.REPEAT;
    }
  }

  /**
   * How many layers {@code layer} stands for once every repetition is written out: itself, plus
   * what its blocks hold (saturating at {@link Long#MAX_VALUE}). What the notation's layer limit counts.
   */
  static long expandedSize(Layer layer) {
    if (layer instanceof Repeat repeat) {
      return repeat.expandedSize();
    }
    long size = 1;
    for (List<Layer> branch : branches(layer)) {
      for (Layer inner : branch) {
        size = saturatingAdd(size, expandedSize(inner));
      }
    }
    return size;
  }

  /** The layers a block holds (residual: body and shortcut; concat; gate; repeat), none for another layer. */
  static List<List<Layer>> branches(Layer layer) {
    if (layer instanceof Residual residual) {
      return List.of(residual.body(), residual.shortcut());
    }
    if (layer instanceof Concat concat) {
      return concat.branches();
    }
    if (layer instanceof Gate gate) {
      return List.of(gate.body());
    }
    return layer instanceof Repeat repeat ? List.of(repeat.layers()) : List.of();
  }

  private static long saturatingAdd(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }

  private static void requireSpatial(LayerKind kind, Shape input) {
    if (!input.spatial()) {
      throw new ShapeException(ShapeException.Reason.SPATIAL_INPUT_NEEDED, input,
          kind.keyword() + " needs a C x H x W input but gets " + input + (input.sequence() ? " (a sequence)" : " features"));
    }
  }

  private static void requireGroups(LayerKind kind, Shape input, int groups) {
    requireSpatial(kind, input);
    if (input.channels() % groups != 0) {
      throw new ShapeException(ShapeException.Reason.GROUPS_DO_NOT_DIVIDE_CHANNELS, input,
          "groups " + groups + " do not divide the " + input.channels() + " input channels");
    }
  }

  /** {@code conv2d(64,k=3,s=2,p=(0,3),...)}: what differs from the defaults, square sizes as one number. */
  private static String convNotation(LayerKind kind, int filters, Size2d kernel, Size2d stride, Size2d padding,
      @Nullable Size2d outputPadding, int dilation, int groups, boolean bias) {
    StringBuilder s = new StringBuilder(kind.keyword()).append('(').append(filters).append(",k=").append(kernel);
    if (!stride.equals(Size2d.square(1))) s.append(",s=").append(stride);
    if (!padding.equals(Size2d.square(0))) s.append(",p=").append(padding);
    if (outputPadding != null && !outputPadding.equals(Size2d.square(0))) s.append(",op=").append(outputPadding);
    if (dilation != 1) s.append(",d=").append(dilation);
    if (groups != 1) s.append(",g=").append(groups);
    if (!bias) s.append(",bias=false");
    return s.append(')').toString();
  }

  private static void checkPool(LayerKind kind, Size2d kernel, Size2d stride, Size2d padding) {
    new LayerRules(kind).positive("kernel", kernel).positive("stride", stride).notNegative("padding", padding)
        .require(2L * padding.height() <= kernel.height() && 2L * padding.width() <= kernel.width(), "padding",
            "padding " + padding + " must be at most half the kernel " + kernel)
        .check();
  }

  private static Shape poolOutput(LayerKind kind, Shape input, Size2d kernel, Size2d stride, Size2d padding,
      boolean ceil) {
    requireSpatial(kind, input);
    return slide(input, input.channels(), kernel, stride, padding, 1, ceil);
  }

  /** {@code maxpool(3,s=2,p=1,ceil=true)}, or {@code maxpool(k=(3,1),...)} for a non-square window. */
  private static String poolNotation(LayerKind kind, Size2d kernel, Size2d stride, Size2d padding, boolean ceil) {
    return kind.keyword() + "(" + (kernel.isSquare() ? "" : "k=") + kernel
        + (!stride.equals(kernel) ? ",s=" + stride : "") + (!padding.equals(Size2d.square(0)) ? ",p=" + padding : "")
        + (ceil ? ",ceil=true" : "") + ")";
  }

  /** The output of a sliding window over both sides of a spatial {@code input}: {@code channels} x sides. */
  private static Shape slide(Shape input, int channels, Size2d kernel, Size2d stride, Size2d padding, int dilation,
      boolean ceil) {
    long height = outputSide(input.height(), kernel.height(), stride.height(), padding.height(), dilation, ceil);
    long width = outputSide(input.width(), kernel.width(), stride.width(), padding.width(), dilation, ceil);
    boolean hasPadding = !padding.equals(Size2d.square(0));
    if (height < 1 || width < 1) {
      throw new ShapeException(ShapeException.Reason.WINDOW_DOES_NOT_FIT, input, "kernel " + kernel
          + (dilation > 1 ? " (dilation " + dilation + ")" : "") + " is larger than the input " + input
          + (hasPadding ? " padded by " + padding : ""));
    }
    long side = Math.max(height, width);
    if (side > Integer.MAX_VALUE) {
      throw new ShapeException(ShapeException.Reason.WINDOW_DOES_NOT_FIT, input, "output side " + side + " of "
          + input + (hasPadding ? " padded by " + padding : "") + " is more than 2^31-1");
    }
    return Shape.of(channels, (int) height, (int) width);
  }

  /**
   * PyTorch's output side ({@code pooling_output_shape}): {@code floor((in + 2p - d(k-1) - 1) / s) + 1};
   * in ceil mode rounded up instead, less one when the last window would start past the input and
   * its left padding. 0 when the window does not fit.
   */
  static long outputSide(int in, int kernel, int stride, int padding, int dilation, boolean ceil) {
    long span = (long) dilation * (kernel - 1) + 1;
    long padded = (long) in + 2L * padding;
    if (span > padded) {
      return 0;
    }
    long side = (padded - span + (ceil ? stride - 1 : 0)) / stride + 1;
    if (ceil && (side - 1) * stride >= (long) in + padding) {
      side--;
    }
    return side;
  }
}
