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
    if (o.causal) {
      throw new IllegalArgumentException("conv2d has no causal option (conv1d has)");
    }
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
    if (o.causal) {
      throw new IllegalArgumentException("convTranspose2d has no causal option (conv1d has)");
    }
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

  /** A clamp, {@code nn.Hardtanh(min_val, max_val)} (DeepSpeech2's {@code Hardtanh(0, 20)}); the bounds do not change the cost. */
  public S hardtanh() {
    return activation(ActivationFunction.HARDTANH);
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

  /** A 1-D convolution over a sequence's positions, stride 1, no padding. */
  public S conv1d(int filters, int kernel) {
    return conv1d(filters, c -> c.kernel(kernel));
  }

  /** A 1-D convolution configured by {@code options}, e.g. {@code c -> c.kernel(4).groups(768).causal()}. */
  public S conv1d(int filters, Consumer<ConvOptions> options) {
    ConvOptions o = new ConvOptions();
    options.accept(o);
    if (!o.kernel.isSquare() || !o.stride.isSquare() || !o.padding.isSquare() || !o.outputPadding.equals(Size2d.square(0))) {
      throw new IllegalArgumentException("conv1d takes one kernel, stride and padding (kernel(4), not kernel(1, 4)) and no "
          + "outputPadding");
    }
    return add(new Layer.Conv1d(filters, o.kernel.height(), o.stride.height(), o.padding.height(), o.dilation, o.groups,
        o.bias, o.causal));
  }

  /** A table of {@code vocab} vectors of {@code dim} features looked up by token id. */
  public S embedding(int vocab, int dim) {
    return add(new Layer.Embedding(vocab, dim));
  }

  /** The output projection tied to an embedding table of {@code vocab} rows (no parameters of its own). */
  public S unembed(int vocab) {
    return add(new Layer.Unembed(vocab));
  }

  /** A learned table of {@code rows} vectors added to the positions of a sequence. */
  public S positionEmbedding(int rows) {
    return add(new Layer.PositionEmbedding(rows));
  }

  /** An image's positions as a sequence of tokens: C x H x W to (H*W) x C. */
  public S tokens() {
    return add(new Layer.Tokens());
  }

  /** An image's columns as a sequence: C x H x W to W positions of C*H features (DeepSpeech2 after its convolutions). */
  public S columns() {
    return add(new Layer.Columns());
  }

  /** Space to depth: each factor x factor block of pixels into channels. */
  public S pixelUnshuffle(int factor) {
    return add(new Layer.PixelUnshuffle(factor));
  }

  /** A learned class token put before the sequence. */
  public S classToken() {
    return add(new Layer.ClassToken());
  }

  /** The features of the first position (the class token). */
  public S selectToken() {
    return selectToken(0);
  }

  /** The features of position {@code position} (negative: from the end). */
  public S selectToken(int position) {
    return add(new Layer.SelectToken(position));
  }

  /** Layer normalisation with scale and shift. */
  public S layerNorm() {
    return layerNorm(true);
  }

  /** Layer normalisation, with or without the shift. */
  public S layerNorm(boolean bias) {
    return add(new Layer.LayerNorm(bias));
  }

  public S rmsNorm() {
    return add(new Layer.RmsNorm());
  }

  /** Multi-head self-attention with {@code heads} heads, biases, not causal (torch.nn.MultiheadAttention). */
  public S attention(int heads) {
    return add(Layer.Attention.of(heads));
  }

  /** Multi-head attention configured by {@code options}, e.g. {@code a -> a.kvHeads(8).causal().rope().bias(false)}. */
  public S attention(int heads, Consumer<AttentionOptions> options) {
    AttentionOptions o = new AttentionOptions();
    options.accept(o);
    return add(new Layer.Attention(heads, o.kvHeads, o.headDim, o.causal, o.bias, o.outBias, o.window, o.shift, o.grid,
        o.sliding, o.relativeBias, o.rope, o.qkNorm, o.cross, o.sinks, o.biasMlp, o.cosine));
  }

  /** DeepSeek's multi-head latent attention ({@code qRank} 0: a full query projection). */
  public S latentAttention(int heads, int qRank, int kvRank, int nopeDim, int ropeDim, int vDim, boolean causal) {
    return add(new Layer.LatentAttention(heads, qRank, kvRank, nopeDim, ropeDim, vDim, causal));
  }

  /** A SwiGLU MLP of {@code hidden} features, no biases. */
  public S glu(int hidden) {
    return glu(hidden, ActivationFunction.SILU, false);
  }

  /** A gated MLP with {@code activation} on the gate (GELU: GeGLU), biases on or off. */
  public S glu(int hidden, ActivationFunction activation, boolean bias) {
    return add(new Layer.Glu(hidden, activation, bias));
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
   * The layers {@code layers} adds, {@code times} times in a row (notation {@code repeat(n, ...)}):
   * {@code repeat(2, s -> s.residual(b -> b.conv2d(64, c -> c.kernel(3).padding(1))).relu())}.
   */
  public S repeat(int times, Consumer<Block> layers) {
    return add(new Layer.Repeat(times, Block.layersOf(layers)));
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

  /** The layers of one branch of a block (residual, concat, gate), or of a repeat. */
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
    private boolean causal;

    ConvOptions() {}

    /** Conv1d only: pad dilation x (kernel - 1) on the left, keeping the length (conv2d refuses it). */
    public ConvOptions causal() {
      this.causal = true;
      return this;
    }

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

  /** Options of {@link Layer.Attention}; defaults as torch.nn.MultiheadAttention (biases, not causal). */
  public static final class AttentionOptions {
    private int kvHeads;
    private int headDim;
    private boolean causal;
    private boolean bias = true;
    private boolean outBias = true;
    private int window;
    private int shift;
    private boolean grid;
    private int sliding;
    private int relativeBias;
    private boolean rope;
    private boolean qkNorm;
    private int cross;
    private boolean sinks;
    private int biasMlp;
    private boolean cosine;

    AttentionOptions() {}

    /** Swin V2's continuous position bias MLP of {@code hidden} features. */
    public AttentionOptions biasMlp(int hidden) {
      this.biasMlp = hidden;
      return this;
    }

    /** Swin V2's scaled cosine attention. */
    public AttentionOptions cosine() {
      this.cosine = true;
      return this;
    }

    /** Key/value heads (grouped-query; 1: multi-query). */
    public AttentionOptions kvHeads(int kvHeads) {
      this.kvHeads = kvHeads;
      return this;
    }

    public AttentionOptions headDim(int headDim) {
      this.headDim = headDim;
      return this;
    }

    public AttentionOptions causal() {
      this.causal = true;
      return this;
    }

    /** Biases of all four projections on or off. */
    public AttentionOptions bias(boolean bias) {
      this.bias = bias;
      this.outBias = bias;
      return this;
    }

    /** Bias of the output projection alone (after {@link #bias}). */
    public AttentionOptions outBias(boolean outBias) {
      this.outBias = outBias;
      return this;
    }

    public AttentionOptions window(int window) {
      this.window = window;
      return this;
    }

    public AttentionOptions shift(int shift) {
      this.shift = shift;
      return this;
    }

    public AttentionOptions grid() {
      this.grid = true;
      return this;
    }

    public AttentionOptions sliding(int sliding) {
      this.sliding = sliding;
      return this;
    }

    public AttentionOptions relativeBias(int rows) {
      this.relativeBias = rows;
      return this;
    }

    public AttentionOptions rope() {
      this.rope = true;
      return this;
    }

    public AttentionOptions qkNorm() {
      this.qkNorm = true;
      return this;
    }

    /** Cross-attention to a memory of {@code positions}. */
    public AttentionOptions cross(int positions) {
      this.cross = positions;
      return this;
    }

    public AttentionOptions sinks() {
      this.sinks = true;
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
