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

  /** An element-wise non-linearity (softmax: over all features of a sample). */
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
