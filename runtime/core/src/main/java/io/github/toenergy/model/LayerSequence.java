package io.github.toenergy.model;

import io.github.toenergy.annotations.ActivationFunction;
import io.github.toenergy.annotations.UpsampleMode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The builder DSL's layer methods, shared by {@link Network.Builder} and residual blocks. Options
 * beyond the required sizes go through a lambda: {@code conv2d(64, c -> c.kernel(3).padding(1))}.
 *
 * @param <S> the concrete builder, returned for chaining
 */
public abstract class LayerSequence<S extends LayerSequence<S>> {
  private final List<Layer> layers = new ArrayList<>();

  LayerSequence() {}

  /** Appends any layer. */
  public S add(Layer layer) {
    layers.add(layer);
    return self();
  }

  /** {@code dense(units)} with a bias. */
  public S dense(int units) {
    return add(new Layer.Dense(units, true));
  }

  /** {@code dense(units)}, bias on or off. */
  public S dense(int units, boolean bias) {
    return add(new Layer.Dense(units, bias));
  }

  /** A convolution with a square kernel, stride 1, no padding. */
  public S conv2d(int filters, int kernel) {
    return add(Layer.Conv2d.of(filters, kernel));
  }

  /** A convolution configured by {@code options}, e.g. {@code c -> c.kernel(3).padding(1)} or {@code c -> c.kernel(1, 7)}. */
  public S conv2d(int filters, Consumer<ConvOptions> options) {
    ConvOptions o = new ConvOptions();
    options.accept(o);
    if (!o.outputPadding.equals(Size2d.square(0))) {
      throw new IllegalArgumentException("outputPadding is an option of convTranspose2d, not of conv2d");
    }
    return add(new Layer.Conv2d(filters, o.kernel, o.stride, o.padding, o.dilation, o.groups, o.bias));
  }

  /** A transposed convolution with a square kernel and stride, e.g. {@code convTranspose2d(64, 2, 2)} (U-Net). */
  public S convTranspose2d(int filters, int kernel, int stride) {
    return convTranspose2d(filters, c -> c.kernel(kernel).stride(stride));
  }

  /** A transposed convolution configured by {@code options}, {@code outputPadding} included. */
  public S convTranspose2d(int filters, Consumer<ConvOptions> options) {
    ConvOptions o = new ConvOptions();
    options.accept(o);
    return add(new Layer.ConvTranspose2d(filters, o.kernel, o.stride, o.padding, o.outputPadding, o.dilation,
        o.groups, o.bias));
  }

  /** Nearest-neighbour upsampling by {@code factor}. */
  public S upsample(int factor) {
    return upsample(factor, UpsampleMode.NEAREST);
  }

  /** Upsampling by {@code factor}, nearest or bilinear. */
  public S upsample(int factor, UpsampleMode mode) {
    return add(new Layer.Upsample(factor, mode));
  }

  /** Max pooling with stride = kernel. */
  public S maxPool2d(int kernel) {
    return add(new Layer.MaxPool2d(kernel, kernel, 0));
  }

  /** Max pooling configured by {@code options}, e.g. {@code p -> p.stride(2).ceil()}. */
  public S maxPool2d(int kernel, Consumer<PoolOptions> options) {
    return maxPool2d(kernel, kernel, options);
  }

  /** Max pooling over {@code kernelHeight x kernelWidth} windows, configured by {@code options}. */
  public S maxPool2d(int kernelHeight, int kernelWidth, Consumer<PoolOptions> options) {
    PoolOptions o = PoolOptions.of(new Size2d(kernelHeight, kernelWidth), options);
    return add(new Layer.MaxPool2d(o.kernel, o.stride, o.padding, o.ceil));
  }

  /** Average pooling with stride = kernel. */
  public S avgPool2d(int kernel) {
    return add(new Layer.AvgPool2d(kernel, kernel, 0));
  }

  /** Average pooling configured by {@code options}. */
  public S avgPool2d(int kernel, Consumer<PoolOptions> options) {
    return avgPool2d(kernel, kernel, options);
  }

  /** Average pooling over {@code kernelHeight x kernelWidth} windows, configured by {@code options}. */
  public S avgPool2d(int kernelHeight, int kernelWidth, Consumer<PoolOptions> options) {
    PoolOptions o = PoolOptions.of(new Size2d(kernelHeight, kernelWidth), options);
    return add(new Layer.AvgPool2d(o.kernel, o.stride, o.padding, o.ceil));
  }

  /** Adaptive average pooling to {@code output x output}. */
  public S adaptiveAvgPool2d(int output) {
    return add(new Layer.AdaptiveAvgPool2d(output));
  }

  /** Adaptive average pooling to {@code height x width}. */
  public S adaptiveAvgPool2d(int height, int width) {
    return add(new Layer.AdaptiveAvgPool2d(new Size2d(height, width)));
  }

  /** Global average pooling: adaptive pooling to 1 x 1. */
  public S globalAvgPool() {
    return adaptiveAvgPool2d(1);
  }

  public S batchNorm() {
    return add(new Layer.BatchNorm());
  }

  public S flatten() {
    return add(new Layer.Flatten());
  }

  public S dropout() {
    return add(new Layer.Dropout(Layer.Dropout.DEFAULT_RATE));
  }

  public S dropout(double rate) {
    return add(new Layer.Dropout(rate));
  }

  public S activation(ActivationFunction function) {
    return add(new Layer.Activation(function));
  }

  public S relu() {
    return activation(ActivationFunction.RELU);
  }

  public S relu6() {
    return activation(ActivationFunction.RELU6);
  }

  public S sigmoid() {
    return activation(ActivationFunction.SIGMOID);
  }

  public S tanh() {
    return activation(ActivationFunction.TANH);
  }

  public S softmax() {
    return activation(ActivationFunction.SOFTMAX);
  }

  public S hardswish() {
    return activation(ActivationFunction.HARDSWISH);
  }

  /** A residual block with an identity shortcut. */
  public S residual(Consumer<Block> body) {
    return add(new Layer.Residual(Block.layersOf(body), List.of()));
  }

  /** A residual block with a projection shortcut. */
  public S residual(Consumer<Block> body, Consumer<Block> shortcut) {
    return add(new Layer.Residual(Block.layersOf(body), Block.layersOf(shortcut)));
  }

  /**
   * Parallel branches joined on channels, each fed this point's input; an empty branch ({@code b -> {}})
   * is the identity: {@code concat(b -> {}, b -> b.batchNorm().relu().conv2d(32, 3))}.
   */
  @SafeVarargs
  public final S concat(Consumer<Block>... branches) {
    return concat(List.of(branches));
  }

  /** As {@link #concat(Consumer[])}, the branches in a list (any number, e.g. built in a loop). */
  public S concat(List<? extends Consumer<Block>> branches) {
    List<List<Layer>> layers = new ArrayList<>(branches.size());
    for (Consumer<Block> branch : branches) {
      layers.add(Block.layersOf(branch));
    }
    return add(new Layer.Concat(layers));
  }

  /** The {@code part}-th (from 0) of {@code chunks} equal channel groups. */
  public S chunk(int chunks, int part) {
    return add(new Layer.Chunk(chunks, part));
  }

  /** Channel shuffle over {@code groups} groups. */
  public S channelShuffle(int groups) {
    return add(new Layer.ChannelShuffle(groups));
  }

  /**
   * Channel gating: {@code body} computes a gate from this point's input (its shape, or C x 1 x 1)
   * and the output is input x gate, e.g. squeeze-excitation
   * {@code gate(g -> g.globalAvgPool().conv2d(8, 1).relu().conv2d(32, 1).sigmoid())}.
   */
  public S gate(Consumer<Block> body) {
    return add(new Layer.Gate(Block.layersOf(body)));
  }

  /** Layer scale: one trained factor per channel. */
  public S layerScale() {
    return add(new Layer.LayerScale());
  }

  /** The layers added so far. */
  protected List<Layer> layers() {
    return List.copyOf(layers);
  }

  @SuppressWarnings("unchecked")
  private S self() {
    return (S) this;
  }

  /** The layers of one branch of a block (residual, concat, gate). */
  public static final class Block extends LayerSequence<Block> {
    private Block() {}

    static List<Layer> layersOf(Consumer<Block> branch) {
      Block block = new Block();
      branch.accept(block);
      return block.layers();
    }
  }

  /**
   * Options of a convolution, transposed or not; defaults as in PyTorch, kernel 1. A size given
   * as two numbers is (height, width).
   */
  public static final class ConvOptions {
    private Size2d kernel = Size2d.square(1);
    private Size2d stride = Size2d.square(1);
    private Size2d padding = Size2d.square(0);
    private Size2d outputPadding = Size2d.square(0);
    private int dilation = 1;
    private int groups = 1;
    private boolean bias = true;

    ConvOptions() {}

    public ConvOptions kernel(int kernel) {
      return kernel(kernel, kernel);
    }

    public ConvOptions kernel(int height, int width) {
      this.kernel = new Size2d(height, width);
      return this;
    }

    public ConvOptions stride(int stride) {
      return stride(stride, stride);
    }

    public ConvOptions stride(int height, int width) {
      this.stride = new Size2d(height, width);
      return this;
    }

    public ConvOptions padding(int padding) {
      return padding(padding, padding);
    }

    public ConvOptions padding(int height, int width) {
      this.padding = new Size2d(height, width);
      return this;
    }

    /** Rows and columns added to one side of a transposed convolution's output (convTranspose2d only). */
    public ConvOptions outputPadding(int outputPadding) {
      return outputPadding(outputPadding, outputPadding);
    }

    public ConvOptions outputPadding(int height, int width) {
      this.outputPadding = new Size2d(height, width);
      return this;
    }

    public ConvOptions dilation(int dilation) {
      this.dilation = dilation;
      return this;
    }

    public ConvOptions groups(int groups) {
      this.groups = groups;
      return this;
    }

    public ConvOptions bias(boolean bias) {
      this.bias = bias;
      return this;
    }
  }

  /** Options of a pooling layer; stride defaults to the kernel, floor mode. */
  public static final class PoolOptions {
    private final Size2d kernel;
    private Size2d stride;
    private Size2d padding = Size2d.square(0);
    private boolean ceil;

    private PoolOptions(Size2d kernel) {
      this.kernel = kernel;
      this.stride = kernel;
    }

    static PoolOptions of(Size2d kernel, Consumer<PoolOptions> options) {
      PoolOptions o = new PoolOptions(kernel);
      options.accept(o);
      return o;
    }

    public PoolOptions stride(int stride) {
      return stride(stride, stride);
    }

    public PoolOptions stride(int height, int width) {
      this.stride = new Size2d(height, width);
      return this;
    }

    public PoolOptions padding(int padding) {
      return padding(padding, padding);
    }

    public PoolOptions padding(int height, int width) {
      this.padding = new Size2d(height, width);
      return this;
    }

    /** Rounds the output size up, as PyTorch's {@code ceil_mode=True}. */
    public PoolOptions ceil() {
      return ceil(true);
    }

    public PoolOptions ceil(boolean ceil) {
      this.ceil = ceil;
      return this;
    }
  }
}
