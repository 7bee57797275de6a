package io.github.toenergy.model;

import io.github.toenergy.annotations.ActivationFunction;
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

  /** A convolution configured by {@code options}, e.g. {@code c -> c.kernel(3).padding(1)}. */
  public S conv2d(int filters, Consumer<ConvOptions> options) {
    ConvOptions o = new ConvOptions();
    options.accept(o);
    return add(new Layer.Conv2d(filters, o.kernel, o.stride, o.padding, o.dilation, o.groups, o.bias));
  }

  /** Max pooling with stride = kernel. */
  public S maxPool2d(int kernel) {
    return add(new Layer.MaxPool2d(kernel, kernel, 0));
  }

  /** Max pooling configured by {@code options}. */
  public S maxPool2d(int kernel, Consumer<PoolOptions> options) {
    PoolOptions o = PoolOptions.of(kernel, options);
    return add(new Layer.MaxPool2d(kernel, o.stride, o.padding));
  }

  /** Average pooling with stride = kernel. */
  public S avgPool2d(int kernel) {
    return add(new Layer.AvgPool2d(kernel, kernel, 0));
  }

  /** Average pooling configured by {@code options}. */
  public S avgPool2d(int kernel, Consumer<PoolOptions> options) {
    PoolOptions o = PoolOptions.of(kernel, options);
    return add(new Layer.AvgPool2d(kernel, o.stride, o.padding));
  }

  /** Adaptive average pooling to {@code output x output}. */
  public S adaptiveAvgPool2d(int output) {
    return add(new Layer.AdaptiveAvgPool2d(output));
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

  /** An LSTM of {@code hidden} units: one layer, one direction, with biases (PyTorch's defaults). */
  public S lstm(int hidden) {
    return add(new Layer.Lstm(hidden, 1, false, true));
  }

  /** An LSTM configured by {@code options}, e.g. {@code r -> r.layers(2).bidirectional(true)}. */
  public S lstm(int hidden, Consumer<RecurrentOptions> options) {
    RecurrentOptions o = RecurrentOptions.of(options);
    return add(new Layer.Lstm(hidden, o.layers, o.bidirectional, o.bias));
  }

  /** A GRU of {@code hidden} units: one layer, one direction, with biases (PyTorch's defaults). */
  public S gru(int hidden) {
    return add(new Layer.Gru(hidden, 1, false, true));
  }

  /** A GRU configured by {@code options}, e.g. {@code r -> r.layers(2).bidirectional(true)}. */
  public S gru(int hidden, Consumer<RecurrentOptions> options) {
    RecurrentOptions o = RecurrentOptions.of(options);
    return add(new Layer.Gru(hidden, o.layers, o.bidirectional, o.bias));
  }

  /**
   * A mixture of {@code experts} gated SiLU experts of {@code hidden} units, {@code top} per token, no
   * shared expert and no bias (Mixtral's).
   */
  public S mixtureOfExperts(int experts, int top, int hidden) {
    return mixtureOfExperts(experts, top, hidden, o -> { });
  }

  /** A mixture of experts configured by {@code options}, e.g. {@code m -> m.shared(1)}. */
  public S mixtureOfExperts(int experts, int top, int hidden, Consumer<ExpertOptions> options) {
    ExpertOptions o = new ExpertOptions();
    options.accept(o);
    return add(new Layer.MixtureOfExperts(experts, top, hidden, o.shared, o.activation, o.gated, o.bias));
  }

  /** A Mamba-2 mixer with Hugging Face's {@code Mamba2Config} defaults (state 128, expand 2, head dim 64). */
  public S mamba2() {
    return mamba2(o -> { });
  }

  /** A Mamba-2 mixer configured by {@code options}, e.g. {@code m -> m.heads(128).headDim(80).groups(8)}. */
  public S mamba2(Consumer<Mamba2Options> options) {
    Mamba2Options o = new Mamba2Options();
    options.accept(o);
    return add(new Layer.Mamba2(o.state, o.heads, o.headDim, o.expand, o.groups, o.conv, o.chunk, o.bias, o.convBias));
  }

  /** A residual block with an identity shortcut. */
  public S residual(Consumer<Block> body) {
    return add(new Layer.Residual(Block.layersOf(body), List.of()));
  }

  /** A residual block with a projection shortcut. */
  public S residual(Consumer<Block> body, Consumer<Block> shortcut) {
    return add(new Layer.Residual(Block.layersOf(body), Block.layersOf(shortcut)));
  }

  /** The layers added so far. */
  protected List<Layer> layers() {
    return List.copyOf(layers);
  }

  @SuppressWarnings("unchecked")
  private S self() {
    return (S) this;
  }

  /** The layers of one branch of a residual block. */
  public static final class Block extends LayerSequence<Block> {
    private Block() {}

    static List<Layer> layersOf(Consumer<Block> branch) {
      Block block = new Block();
      branch.accept(block);
      return block.layers();
    }
  }

  /** Options of a convolution; defaults as in PyTorch, kernel 1. */
  public static final class ConvOptions {
    private int kernel = 1;
    private int stride = 1;
    private int padding = 0;
    private int dilation = 1;
    private int groups = 1;
    private boolean bias = true;

    ConvOptions() {}

    public ConvOptions kernel(int kernel) {
      this.kernel = kernel;
      return this;
    }

    public ConvOptions stride(int stride) {
      this.stride = stride;
      return this;
    }

    public ConvOptions padding(int padding) {
      this.padding = padding;
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

  /** Options of an LSTM or GRU; defaults as in PyTorch: one layer, one direction, biases. */
  public static final class RecurrentOptions {
    private int layers = 1;
    private boolean bidirectional;
    private boolean bias = true;

    private RecurrentOptions() {}

    static RecurrentOptions of(Consumer<RecurrentOptions> options) {
      RecurrentOptions o = new RecurrentOptions();
      options.accept(o);
      return o;
    }

    public RecurrentOptions layers(int layers) {
      this.layers = layers;
      return this;
    }

    public RecurrentOptions bidirectional(boolean bidirectional) {
      this.bidirectional = bidirectional;
      return this;
    }

    public RecurrentOptions bias(boolean bias) {
      this.bias = bias;
      return this;
    }
  }

  /** Options of a mixture of experts; defaults: no shared expert, gated SiLU, no bias. */
  public static final class ExpertOptions {
    private int shared;
    private ActivationFunction activation = ActivationFunction.SILU;
    private boolean gated = true;
    private boolean bias;

    ExpertOptions() {}

    public ExpertOptions shared(int shared) {
      this.shared = shared;
      return this;
    }

    public ExpertOptions activation(ActivationFunction activation) {
      this.activation = activation;
      return this;
    }

    public ExpertOptions gated(boolean gated) {
      this.gated = gated;
      return this;
    }

    public ExpertOptions bias(boolean bias) {
      this.bias = bias;
      return this;
    }
  }

  /**
   * Options of a Mamba-2 mixer; defaults as Hugging Face's {@code Mamba2Config}: state 128, expand 2
   * (unless heads are given), head dim 64, 1 group, conv kernel 4, chunk 256, no projection bias, a
   * conv bias.
   */
  public static final class Mamba2Options {
    private int state = Layer.Mamba2.DEFAULT_STATE;
    private int heads;
    private int headDim = Layer.Mamba2.DEFAULT_HEAD_DIM;
    private int expand;
    private int groups = 1;
    private int conv = Layer.Mamba2.DEFAULT_CONV;
    private int chunk = Layer.Mamba2.DEFAULT_CHUNK;
    private boolean bias;
    private boolean convBias = true;

    Mamba2Options() {}

    public Mamba2Options state(int state) {
      this.state = state;
      return this;
    }

    /** The heads; the inner size is then heads x headDim. */
    public Mamba2Options heads(int heads) {
      this.heads = heads;
      return this;
    }

    public Mamba2Options headDim(int headDim) {
      this.headDim = headDim;
      return this;
    }

    /** The inner size as a multiple of the input's features, instead of {@link #heads}. */
    public Mamba2Options expand(int expand) {
      this.expand = expand;
      return this;
    }

    public Mamba2Options groups(int groups) {
      this.groups = groups;
      return this;
    }

    public Mamba2Options conv(int conv) {
      this.conv = conv;
      return this;
    }

    public Mamba2Options chunk(int chunk) {
      this.chunk = chunk;
      return this;
    }

    public Mamba2Options bias(boolean bias) {
      this.bias = bias;
      return this;
    }

    public Mamba2Options convBias(boolean convBias) {
      this.convBias = convBias;
      return this;
    }
  }

  /** Options of a pooling layer; stride defaults to the kernel. */
  public static final class PoolOptions {
    private int stride;
    private int padding = 0;

    private PoolOptions(int kernel) {
      this.stride = kernel;
    }

    static PoolOptions of(int kernel, Consumer<PoolOptions> options) {
      PoolOptions o = new PoolOptions(kernel);
      options.accept(o);
      return o;
    }

    public PoolOptions stride(int stride) {
      this.stride = stride;
      return this;
    }

    public PoolOptions padding(int padding) {
      this.padding = padding;
      return this;
    }
  }
}
