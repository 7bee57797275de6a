package io.github.toenergy.model;

import io.github.toenergy.annotations.ActivationFunction;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One layer of a network. Layers are immutable values; a layer knows the shape it produces from
 * its input and how it is written in the text notation. What it costs is the business of
 * {@code io.github.toenergy.cost.LayerArithmetic}.
 */
public sealed interface Layer {

  /**
   * The shape this layer produces from {@code input}.
   *
   * @throws IllegalArgumentException naming the problem when the layer cannot take that input
   */
  Shape outputShape(Shape input);

  /** The layer in text notation, e.g. {@code conv2d(64,k=3,p=1)}. */
  String toNotation();

  /** Short kind name used for generated row names, e.g. {@code conv2d}. */
  String kind();

  /** A fully connected layer on a flat input. */
  record Dense(int units, boolean bias) implements Layer {
    public Dense {
      requirePositive("units", units);
    }

    @Override
    public Shape outputShape(Shape input) {
      if (input.spatial()) {
        throw new IllegalArgumentException("dense needs a flat input but gets " + input + "; add flatten before it");
      }
      return Shape.flat(units);
    }

    @Override
    public String toNotation() {
      return "dense(" + units + (bias ? "" : ",bias=false") + ")";
    }

    @Override
    public String kind() {
      return "dense";
    }
  }

  /** A 2-D convolution with a square kernel. */
  record Conv2d(int filters, int kernel, int stride, int padding, int dilation, int groups, boolean bias)
      implements Layer {
    public Conv2d {
      requirePositive("filters", filters);
      requirePositive("kernel", kernel);
      requirePositive("stride", stride);
      requireNonNegative("padding", padding);
      requirePositive("dilation", dilation);
      requirePositive("groups", groups);
      if (filters % groups != 0) {
        throw new IllegalArgumentException("groups " + groups + " do not divide filters " + filters);
      }
    }

    /** A convolution with stride 1, no padding, no dilation, one group and a bias. */
    public static Conv2d of(int filters, int kernel) {
      return new Conv2d(filters, kernel, 1, 0, 1, 1, true);
    }

    @Override
    public Shape outputShape(Shape input) {
      requireSpatial("conv2d", input);
      if (input.channels() % groups != 0) {
        throw new IllegalArgumentException(
            "groups " + groups + " do not divide the " + input.channels() + " input channels");
      }
      return Shape.of(filters, outputSide(input.height(), kernel, stride, padding, dilation, input),
          outputSide(input.width(), kernel, stride, padding, dilation, input));
    }

    /** Input channels each filter sees. */
    public int channelsPerGroup(Shape input) {
      return input.channels() / groups;
    }

    @Override
    public String toNotation() {
      StringBuilder s = new StringBuilder("conv2d(").append(filters).append(",k=").append(kernel);
      if (stride != 1) s.append(",s=").append(stride);
      if (padding != 0) s.append(",p=").append(padding);
      if (dilation != 1) s.append(",d=").append(dilation);
      if (groups != 1) s.append(",g=").append(groups);
      if (!bias) s.append(",bias=false");
      return s.append(')').toString();
    }

    @Override
    public String kind() {
      return "conv2d";
    }
  }

  /** Max pooling over square windows; stride defaults to the kernel. */
  record MaxPool2d(int kernel, int stride, int padding) implements Layer {
    public MaxPool2d {
      checkPool(kernel, stride, padding);
    }

    @Override
    public Shape outputShape(Shape input) {
      return poolOutput("maxpool", input, kernel, stride, padding);
    }

    @Override
    public String toNotation() {
      return poolNotation("maxpool", kernel, stride, padding);
    }

    @Override
    public String kind() {
      return "maxpool";
    }
  }

  /** Average pooling over square windows (padding counted in the divisor, as PyTorch's default). */
  record AvgPool2d(int kernel, int stride, int padding) implements Layer {
    public AvgPool2d {
      checkPool(kernel, stride, padding);
    }

    @Override
    public Shape outputShape(Shape input) {
      return poolOutput("avgpool", input, kernel, stride, padding);
    }

    @Override
    public String toNotation() {
      return poolNotation("avgpool", kernel, stride, padding);
    }

    @Override
    public String kind() {
      return "avgpool";
    }
  }

  /**
   * Adaptive average pooling to {@code output x output}, PyTorch's window rule: window i spans
   * {@code [floor(i*in/out), ceil((i+1)*in/out))}. An output larger than the input repeats values.
   */
  record AdaptiveAvgPool2d(int output) implements Layer {
    public AdaptiveAvgPool2d {
      requirePositive("output size", output);
    }

    @Override
    public Shape outputShape(Shape input) {
      requireSpatial("adaptiveavgpool", input);
      return Shape.of(input.channels(), output, output);
    }

    @Override
    public String toNotation() {
      return "adaptiveavgpool(" + output + ")";
    }

    @Override
    public String kind() {
      return "adaptiveavgpool";
    }
  }

  /** An element-wise non-linearity (softmax: over all features of a sample). */
  record Activation(ActivationFunction function) implements Layer {
    /** Computed once: counting asks for every activation's name. */
    private static final String[] NOTATION_NAMES = java.util.Arrays.stream(ActivationFunction.values())
        .map(f -> f.name().replace("_", "").toLowerCase(Locale.ROOT)).toArray(String[]::new);

    @Override
    public Shape outputShape(Shape input) {
      return input;
    }

    @Override
    public String toNotation() {
      return notationName(function);
    }

    @Override
    public String kind() {
      return notationName(function);
    }

    /** The notation keyword of an activation: {@code LEAKY_RELU -> leakyrelu}. */
    public static String notationName(ActivationFunction function) {
      return NOTATION_NAMES[function.ordinal()];
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
      return "batchnorm";
    }

    @Override
    public String kind() {
      return "batchnorm";
    }
  }

  /** Reshapes C x H x W into C*H*W features; moves no data. */
  record Flatten() implements Layer {
    @Override
    public Shape outputShape(Shape input) {
      // in double, so that a product beyond a long is reported too (exact below 2^53)
      double features = (double) input.channels() * input.height() * input.width();
      if (features > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("flatten of " + input + " gives "
            + String.format(Locale.ROOT, "%.0f", features) + " features, more than 2^31-1");
      }
      return Shape.flat((int) features);
    }

    @Override
    public String toNotation() {
      return "flatten";
    }

    @Override
    public String kind() {
      return "flatten";
    }
  }

  /** Dropout; the rate does not change the cost. */
  record Dropout(double rate) implements Layer {
    public static final double DEFAULT_RATE = 0.5;

    public Dropout {
      if (!(rate >= 0 && rate < 1)) {
        throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
      }
    }

    @Override
    public Shape outputShape(Shape input) {
      return input;
    }

    @Override
    public String toNotation() {
      return rate == DEFAULT_RATE ? "dropout" : "dropout(" + rate + ")";
    }

    @Override
    public String kind() {
      return "dropout";
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
      if (body.isEmpty()) {
        throw new IllegalArgumentException("a residual block needs at least one layer in its body");
      }
    }

    @Override
    public Shape outputShape(Shape input) {
      Shape bodyOut = branchOutput("body", body, input);
      Shape shortcutOut = branchOutput("shortcut", shortcut, input);
      if (!bodyOut.equals(shortcutOut)) {
        throw new IllegalArgumentException("residual body gives " + bodyOut + " but the "
            + (shortcut.isEmpty() ? "identity shortcut" : "shortcut") + " gives " + shortcutOut);
      }
      return bodyOut;
    }

    private static Shape branchOutput(String branch, List<Layer> layers, Shape input) {
      Shape shape = input;
      for (int i = 0; i < layers.size(); i++) {
        Layer layer = layers.get(i);
        try {
          shape = layer.outputShape(shape);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              branch + " layer " + (i + 1) + " (" + layer.toNotation() + "): " + e.getMessage(), e);
        }
      }
      return shape;
    }

    @Override
    public String toNotation() {
      String text = "residual(" + join(body);
      return shortcut.isEmpty() ? text + ")" : text + " | " + join(shortcut) + ")";
    }

    private static String join(List<Layer> layers) {
      return layers.stream().map(Layer::toNotation).collect(Collectors.joining(" "));
    }

    @Override
    public String kind() {
      return "residual";
    }
  }

  private static void requirePositive(String what, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(what + " must be positive, got " + value);
    }
  }

  private static void requireNonNegative(String what, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(what + " must not be negative, got " + value);
    }
  }

  private static void requireSpatial(String kind, Shape input) {
    if (!input.spatial()) {
      throw new IllegalArgumentException(kind + " needs a C x H x W input but gets " + input + " features");
    }
  }

  private static void checkPool(int kernel, int stride, int padding) {
    requirePositive("kernel", kernel);
    requirePositive("stride", stride);
    requireNonNegative("padding", padding);
    if (2 * padding > kernel) {
      throw new IllegalArgumentException("padding " + padding + " must be at most half the kernel " + kernel);
    }
  }

  private static Shape poolOutput(String kind, Shape input, int kernel, int stride, int padding) {
    requireSpatial(kind, input);
    return Shape.of(input.channels(), outputSide(input.height(), kernel, stride, padding, 1, input),
        outputSide(input.width(), kernel, stride, padding, 1, input));
  }

  private static String poolNotation(String kind, int kernel, int stride, int padding) {
    return kind + "(" + kernel + (stride != kernel ? ",s=" + stride : "") + (padding != 0 ? ",p=" + padding : "") + ")";
  }

  /** PyTorch's output size: {@code floor((in + 2p - d(k-1) - 1) / s) + 1}, checked to be positive. */
  private static int outputSide(int in, int kernel, int stride, int padding, int dilation, Shape input) {
    long span = (long) dilation * (kernel - 1) + 1;
    long padded = (long) in + 2L * padding;
    if (span > padded) {
      throw new IllegalArgumentException("kernel " + kernel + (dilation > 1 ? " (dilation " + dilation + ")" : "")
          + " is larger than the input " + input + (padding > 0 ? " padded by " + padding : ""));
    }
    long side = (padded - span) / stride + 1;
    if (side > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("output side " + side + " of " + input + (padding > 0 ? " padded by " + padding : "")
          + " is more than 2^31-1");
    }
    return (int) side;
  }
}
