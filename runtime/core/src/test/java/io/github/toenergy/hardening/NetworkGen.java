package io.github.toenergy.hardening;

import io.github.toenergy.annotations.ActivationFunction;
import io.github.toenergy.annotations.UpsampleMode;
import io.github.toenergy.model.Format;
import io.github.toenergy.model.Layer;
import io.github.toenergy.model.LayerSequence;
import io.github.toenergy.model.Network;
import io.github.toenergy.model.Shape;
import io.github.toenergy.model.Size2d;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Random valid networks for property tests: spatial and flat inputs, every layer kind and
 * activation, every number format, repeats, residual blocks (identity, projection and arbitrary bodies,
 * nested), concat and gate blocks, with sizes kept small enough that every count fits a long. Each layer is chosen to fit
 * the shape it receives, so nearly every generated network is valid by construction.
 *
 * <p>{@link #viaBuilder} rebuilds a network through the builder DSL, choosing randomly among the
 * DSL's equivalent spellings, so that the DSL and the {@link Layer} records can be compared.
 */
final class NetworkGen {
  private static final ActivationFunction[] ACTIVATIONS = ActivationFunction.values();
  private static final Format[] FORMATS = Format.values();

  private final Random r;
  private final int maxSide;
  private final int maxChannels;

  private NetworkGen(Random r, int maxSide, int maxChannels) {
    this.r = r;
    this.maxSide = maxSide;
    this.maxChannels = maxChannels;
  }

  /** A random valid network of up to 14 top-level layers. */
  static Network network(Random r) {
    return new NetworkGen(r, 64, 32).network();
  }

  /** A random valid spatial network whose first layer is a convolution. */
  static Network convFirst(Random r) {
    NetworkGen g = new NetworkGen(r, 32, 16);
    Shape input = Shape.of(1 + r.nextInt(8), 4 + r.nextInt(29), 4 + r.nextInt(29));
    List<Layer> layers = new ArrayList<>();
    layers.add(g.conv(input));
    layers.addAll(g.layers(layers.get(0).outputShape(input), r.nextInt(8), 0));
    return new Network("conv_first", input, g.format(), layers);
  }

  /** A random valid network on a flat input (dense layers, activations, flat residual blocks). */
  static Network flat(Random r) {
    NetworkGen g = new NetworkGen(r, 64, 32);
    Shape input = Shape.flat(1 + r.nextInt(512));
    return new Network("flat", input, g.format(), g.layers(input, 1 + r.nextInt(14), 0));
  }

  private Network network() {
    int layout = r.nextInt(20);
    Shape input = layout < 12
        ? Shape.of(1 + r.nextInt(maxChannels / 4 + 1), 1 + r.nextInt(maxSide), 1 + r.nextInt(maxSide))
        : layout < 16 ? Shape.flat(1 + r.nextInt(512)) : Shape.sequence(1 + r.nextInt(maxSide), 1 + r.nextInt(maxChannels));
    String name = List.of("net", "lenet_like", "mlp", "x1", "ResNetish").get(r.nextInt(5));
    return new Network(name, input, format(), layers(input, r.nextInt(15), 0));
  }

  private Format format() {
    return r.nextInt(3) == 0 ? FORMATS[r.nextInt(FORMATS.length)] : Format.FP32;
  }

  /** {@code count} layers that each fit the shape the previous one produces. */
  List<Layer> layers(Shape input, int count, int depth) {
    List<Layer> layers = new ArrayList<>();
    Shape shape = input;
    for (int i = 0; i < count; i++) {
      Layer layer = layer(shape, depth);
      layers.add(layer);
      shape = layer.outputShape(shape);
    }
    return layers;
  }

  private Layer layer(Shape s, int depth) {
    if (r.nextInt(10) == 0) {
      return channelLayer(s, depth);
    }
    int pick = r.nextInt(100);
    if (s.sequence()) { // a recurrent, mixture-of-experts or Mamba-2 layer in one of four draws
      return r.nextInt(4) == 0 ? sequenceLayer(s) : sequenceLayer(s, depth, pick);
    }
    if (r.nextInt(8) == 0) {
      return transformerLayer(s);
    }
    if (s.spatial()) {
      if (pick < 28) return conv(s);
      if (pick < 38) return pool(s, true);
      if (pick < 44) return pool(s, false);
      if (pick < 47) return new Layer.AdaptiveAvgPool2d(1 + r.nextInt(4));
      if (pick < 49) return r.nextBoolean() ? new Layer.AdaptiveAvgPool2d(new Size2d(1 + r.nextInt(4), 1 + r.nextInt(4)))
          : growing(s);
      if (pick < 64) return activation();
      if (pick < 72) return new Layer.BatchNorm();
      if (pick < 77) return dropout();
      if (pick < 90 && depth < 2) return r.nextInt(5) == 0 ? repeat(s, depth) : residual(s, depth);
      if (s.elements() <= 40_000) return new Layer.Flatten();
      return activation();
    }
    if (pick < 40) return new Layer.Dense(1 + r.nextInt(64), r.nextInt(4) != 0);
    if (pick < 65) return activation();
    if (pick < 75) return new Layer.BatchNorm();
    if (pick < 85) return dropout();
    if (depth < 2) return r.nextInt(5) == 0 ? repeat(s, depth) : residual(s, depth);
    return new Layer.Flatten(); // a flatten of a flat shape is allowed and changes nothing
  }

  /** A layer of issue 12's vocabulary that takes an image or a flat input. */
  private Layer transformerLayer(Shape s) {
    int pick = r.nextInt(6);
    if (s.spatial()) {
      if (pick == 0 && s.positions() <= 256) return new Layer.Tokens();
      if (pick == 1 && s.height() % 2 == 0 && s.width() % 2 == 0) return new Layer.PixelUnshuffle(2);
      if (pick == 2) return new Layer.LayerNorm(r.nextBoolean());
      if (pick == 3 && s.positions() <= 256) {
        int window = 1 + r.nextInt(4);
        return new Layer.Attention(heads(s.channels()), 0, 0, false, r.nextBoolean(), r.nextBoolean(), window,
            r.nextInt(window), r.nextBoolean(), 0, r.nextInt(3) * (2 * window - 1) * (2 * window - 1), false, false, 0,
            false, r.nextBoolean() ? 1 + r.nextInt(16) : 0, r.nextBoolean());
      }
      if (pick == 5 && (long) s.channels() * s.height() <= 512) return new Layer.Columns();
      return new Layer.RmsNorm();
    }
    if (pick == 0 && s.channels() <= 48) return new Layer.Embedding(1 + r.nextInt(100), 1 + r.nextInt(maxChannels));
    if (pick == 1) return new Layer.Glu(1 + r.nextInt(64), glu(), r.nextBoolean());
    return r.nextBoolean() ? new Layer.LayerNorm(r.nextBoolean()) : new Layer.RmsNorm();
  }

  /** Any layer that takes a sequence of L x D. */
  private Layer sequenceLayer(Shape s, int depth, int pick) {
    int d = s.channels();
    if (pick < 12) return new Layer.Dense(1 + r.nextInt(64), r.nextInt(4) != 0);
    if (pick < 20) return attention(s);
    if (pick < 25) {
      return new Layer.LatentAttention(1 + r.nextInt(4), r.nextInt(3) * 4, 1 + r.nextInt(8), r.nextInt(6),
          1 + r.nextInt(4), 1 + r.nextInt(8), r.nextBoolean());
    }
    if (pick < 32) return new Layer.Glu(1 + r.nextInt(64), glu(), r.nextBoolean());
    if (pick < 38) return new Layer.LayerNorm(r.nextBoolean());
    if (pick < 43) return new Layer.RmsNorm();
    if (pick < 50) {
      boolean causal = r.nextBoolean();
      int groups = r.nextBoolean() ? d : 1;
      int kernel = 1 + r.nextInt(Math.min(4, s.length() + (causal ? 3 : 0)));
      return new Layer.Conv1d(groups * (1 + r.nextInt(3)), kernel, 1 + r.nextInt(2), 0, 1, groups, r.nextBoolean(), causal);
    }
    if (pick < 53) return new Layer.PositionEmbedding(1 + r.nextInt(600));
    if (pick < 55) return new Layer.Unembed(1 + r.nextInt(100));
    if (pick < 59 && s.length() < 64) return new Layer.ClassToken();
    if (pick < 62) return new Layer.SelectToken(r.nextBoolean() ? 0 : -1 - r.nextInt(s.length()));
    if (pick < 74) return activation();
    if (pick < 80) return dropout();
    if (pick < 92 && depth < 2) {
      List<Layer> body = r.nextBoolean() ? List.of(new Layer.LayerNorm(true), attention(s))
          : List.of(new Layer.RmsNorm(), new Layer.Glu(1 + r.nextInt(32), glu(), false));
      return new Layer.Residual(body, List.of());
    }
    return new Layer.BatchNorm();
  }

  private Layer.Attention attention(Shape s) {
    int heads = heads(s.channels());
    int kvHeads = r.nextBoolean() ? 0 : heads(heads); // a divisor of the heads
    boolean cross = r.nextInt(6) == 0;
    boolean causal = !cross && r.nextBoolean();
    int window = !cross && r.nextInt(5) == 0 ? 1 + r.nextInt(6) : 0;
    int sliding = !cross && window == 0 && r.nextInt(4) == 0 ? 1 + r.nextInt(8) : 0;
    boolean bias = r.nextBoolean();
    return new Layer.Attention(heads, kvHeads, r.nextInt(3) == 0 ? 1 + r.nextInt(16) : 0, causal, bias,
        r.nextInt(4) == 0 ? !bias : bias, window, window > 1 && r.nextBoolean() ? 1 + r.nextInt(window - 1) : 0,
        false, sliding, r.nextInt(4) == 0 ? 1 + r.nextInt(40) : 0, r.nextBoolean(), r.nextBoolean(),
        cross ? 1 + r.nextInt(30) : 0, r.nextInt(4) == 0, window > 0 && r.nextBoolean() ? 1 + r.nextInt(16) : 0,
        r.nextInt(4) == 0);
  }

  /** A random divisor of {@code features}: a number of heads that divides it. */
  private int heads(int features) {
    List<Integer> divisors = new ArrayList<>();
    for (int d = 1; d <= features; d++) {
      if (features % d == 0) divisors.add(d);
    }
    return divisors.get(r.nextInt(divisors.size()));
  }

  private ActivationFunction glu() {
    ActivationFunction f = ACTIVATIONS[r.nextInt(ACTIVATIONS.length)];
    return f == ActivationFunction.IDENTITY ? ActivationFunction.SILU : f;
  }

  /** A layer over the positions of a sequence: LSTM, GRU, mixture of experts or Mamba-2. */
  private Layer sequenceLayer(Shape s) {
    switch (r.nextInt(4)) {
      case 0:
        return new Layer.Lstm(1 + r.nextInt(maxChannels), 1 + r.nextInt(3), r.nextBoolean(), r.nextInt(4) != 0);
      case 1:
        return new Layer.Gru(1 + r.nextInt(maxChannels), 1 + r.nextInt(3), r.nextBoolean(), r.nextInt(4) != 0);
      case 2: {
        int experts = 1 + r.nextInt(8);
        return new Layer.MixtureOfExperts(experts, 1 + r.nextInt(experts), 1 + r.nextInt(maxChannels), r.nextInt(3),
            ACTIVATIONS[r.nextInt(ACTIVATIONS.length)], r.nextBoolean(), r.nextInt(4) == 0);
      }
      default: {
        int groups = 1 + r.nextInt(3);
        boolean expand = r.nextInt(3) == 0; // expand x D inner channels in heads of D: expand heads
        int heads = expand ? 0 : groups * (1 + r.nextInt(3));
        int headDim = expand ? s.channels() : 1 + r.nextInt(8);
        int factor = expand ? groups * (1 + r.nextInt(2)) : 0;
        return new Layer.Mamba2(1 + r.nextInt(16), heads, headDim, factor, groups, 1 + r.nextInt(4),
            1 + r.nextInt(2 * maxSide), r.nextInt(4) == 0, r.nextInt(4) != 0);
      }
    }
  }

  /** A layer of the channel vocabulary: concat, chunk, shuffle, gate or layer scale, fitting {@code s}. */
  private Layer channelLayer(Shape s, int depth) {
    List<Integer> divisors = new ArrayList<>();
    for (int d = 1; d <= s.channels(); d++) {
      if (s.channels() % d == 0) divisors.add(d);
    }
    int n = divisors.get(r.nextInt(divisors.size()));
    return switch (r.nextInt(5)) {
      case 0 -> new Layer.Chunk(n, r.nextInt(n));
      case 1 -> new Layer.ChannelShuffle(n);
      case 2 -> new Layer.LayerScale();
      case 3 -> gate(s, depth);
      default -> depth < 2 ? concat(s, depth) : new Layer.LayerScale();
    };
  }

  /** Squeeze-excitation on a spatial shape, a gate of the input's shape, or (flat) a dense gate. */
  private Layer gate(Shape s, int depth) {
    List<Layer> body = new ArrayList<>();
    if (!s.spatial()) {
      body.add(new Layer.Dense(s.channels(), r.nextBoolean()));
    } else if (r.nextBoolean()) {
      body.add(new Layer.AdaptiveAvgPool2d(1));
      body.add(new Layer.Conv2d(1 + r.nextInt(8), 1, 1, 0, 1, 1, true));
      body.add(activation());
      body.add(new Layer.Conv2d(s.channels(), 1, 1, 0, 1, 1, true));
    } else {
      body.add(new Layer.Conv2d(s.channels(), 3, 1, 1, 1, 1, r.nextBoolean()));
      if (depth < 2 && r.nextBoolean()) body.add(gate(s, depth + 1));
    }
    body.add(new Layer.Activation(r.nextBoolean() ? ActivationFunction.SIGMOID : ActivationFunction.HARDSIGMOID));
    return new Layer.Gate(body);
  }

  /** Two to four branches that keep the height and width: identity, convolutions, chunks, nested blocks. */
  private Layer concat(Shape s, int depth) {
    List<List<Layer>> branches = new ArrayList<>();
    int count = 2 + r.nextInt(3);
    for (int b = 0; b < count; b++) {
      List<Layer> branch = new ArrayList<>();
      Shape shape = s;
      int layers = r.nextInt(3);
      for (int i = 0; i < layers; i++) {
        Layer layer = switch (r.nextInt(5)) {
          case 0 -> s.spatial() ? new Layer.Conv2d(1 + r.nextInt(maxChannels), 3, 1, 1, 1, 1, r.nextBoolean())
              : new Layer.Dense(1 + r.nextInt(64), true);
          case 1 -> s.spatial() ? new Layer.Conv2d(1 + r.nextInt(maxChannels), 1, 1, 0, 1, 1, r.nextBoolean())
              : new Layer.BatchNorm();
          case 2 -> activation();
          case 3 -> channelLayer(shape, depth + 1);
          default -> new Layer.BatchNorm();
        };
        branch.add(layer);
        shape = layer.outputShape(shape);
      }
      branches.add(branch);
    }
    return new Layer.Concat(branches);
  }

  private Layer activation() {
    return new Layer.Activation(ACTIVATIONS[r.nextInt(ACTIVATIONS.length)]);
  }

  private Layer dropout() {
    return switch (r.nextInt(3)) {
      case 0 -> new Layer.Dropout(Layer.Dropout.DEFAULT_RATE);
      case 1 -> new Layer.Dropout(r.nextInt(100) / 100.0);
      default -> new Layer.Dropout(r.nextDouble() * 0.999);
    };
  }

  Layer.Conv2d conv(Shape s) {
    int channels = s.channels();
    List<Integer> divisors = new ArrayList<>();
    for (int d = 1; d <= channels; d++) {
      if (channels % d == 0) divisors.add(d);
    }
    int groups = r.nextInt(3) == 0 ? divisors.get(r.nextInt(divisors.size())) : 1;
    int filters = groups * (1 + r.nextInt(Math.max(1, maxChannels / groups)));
    int dilation = r.nextInt(5) == 0 ? 2 : 1;
    if (r.nextInt(4) != 0) { // square, the common case
      int kernel = 1 + r.nextInt(5);
      int padding = r.nextInt(3);
      int side = Math.min(s.height(), s.width()) + 2 * padding;
      if (dilation * (kernel - 1) + 1 > side) {
        dilation = 1;
        kernel = 1 + r.nextInt(Math.min(side, 5));
      }
      int stride = 1 + r.nextInt(3);
      return new Layer.Conv2d(filters, kernel, stride, padding, dilation, groups, r.nextInt(3) != 0);
    }
    // Inception's 1x7, 7x1, 3x1: each side on its own
    dilation = 1;
    Size2d padding = new Size2d(r.nextInt(4), r.nextInt(4));
    Size2d kernel = new Size2d(1 + r.nextInt(Math.min(s.height() + 2 * padding.height(), 7)),
        1 + r.nextInt(Math.min(s.width() + 2 * padding.width(), 7)));
    Size2d stride = new Size2d(1 + r.nextInt(3), 1 + r.nextInt(3));
    return new Layer.Conv2d(filters, kernel, stride, padding, dilation, groups, r.nextInt(3) != 0);
  }

  private Layer pool(Shape s, boolean max) {
    Size2d kernel = Size2d.square(1 + r.nextInt(4));
    if (r.nextInt(4) == 0) kernel = new Size2d(1 + r.nextInt(4), 1 + r.nextInt(4));
    Size2d padding = new Size2d(r.nextInt(kernel.height() / 2 + 1), r.nextInt(kernel.width() / 2 + 1));
    if (kernel.height() > s.height() + 2 * padding.height() || kernel.width() > s.width() + 2 * padding.width()) {
      kernel = Size2d.square(1);
      padding = Size2d.square(0);
    }
    Size2d stride = r.nextBoolean() ? kernel : r.nextInt(4) == 0 ? new Size2d(1 + r.nextInt(3), 1 + r.nextInt(3))
        : Size2d.square(1 + r.nextInt(3));
    boolean ceil = r.nextInt(3) == 0;
    return max ? new Layer.MaxPool2d(kernel, stride, padding, ceil) : new Layer.AvgPool2d(kernel, stride, padding, ceil);
  }

  /** A transposed convolution or an upsampling (on small inputs only, so that shapes stay small). */
  private Layer growing(Shape s) {
    if (s.elements() > 20_000) {
      return new Layer.AdaptiveAvgPool2d(1);
    }
    if (r.nextBoolean()) {
      return new Layer.Upsample(1 + r.nextInt(3), r.nextBoolean() ? UpsampleMode.NEAREST : UpsampleMode.BILINEAR);
    }
    int groups = s.channels() % 2 == 0 && r.nextBoolean() ? 2 : 1;
    int filters = groups * (1 + r.nextInt(Math.max(1, maxChannels / 4)));
    Size2d kernel = r.nextBoolean() ? Size2d.square(1 + r.nextInt(4)) : new Size2d(1 + r.nextInt(4), 1 + r.nextInt(4));
    Size2d stride = r.nextBoolean() ? Size2d.square(1 + r.nextInt(3)) : new Size2d(1 + r.nextInt(3), 1 + r.nextInt(3));
    int dilation = r.nextInt(4) == 0 ? 2 : 1;
    // padding at most (k - 1) / 2 keeps the output side positive
    Size2d padding = new Size2d(r.nextInt((kernel.height() - 1) / 2 + 1), r.nextInt((kernel.width() - 1) / 2 + 1));
    Size2d outputPadding = new Size2d(r.nextInt(Math.max(stride.height(), dilation)),
        r.nextInt(Math.max(stride.width(), dilation)));
    return new Layer.ConvTranspose2d(filters, kernel, stride, padding, outputPadding, dilation, groups, r.nextBoolean());
  }

  /** A repeat of 1 to 3 layers, 1 to 4 times; once when the layers cannot take what they give. */
  private Layer repeat(Shape s, int depth) {
    List<Layer> body = layers(s, 1 + r.nextInt(3), depth + 1);
    Layer.Repeat repeat = new Layer.Repeat(1 + r.nextInt(4), body);
    try {
      repeat.outputShape(s);
      return repeat;
    } catch (IllegalArgumentException e) {
      return new Layer.Repeat(1, body);
    }
  }

  private Layer residual(Shape s, int depth) {
    int mode = r.nextInt(3);
    if (s.spatial()) {
      if (mode == 0) {
        return identityResidual(s, depth);
      }
      if (mode == 1) { // ResNet down-sampling block with a projection shortcut
        int f = 1 + r.nextInt(maxChannels);
        List<Layer> body = new ArrayList<>(List.of(new Layer.Conv2d(f, 3, 2, 1, 1, 1, false), new Layer.BatchNorm(),
            new Layer.Activation(ActivationFunction.RELU)));
        if (r.nextBoolean()) body.add(new Layer.Conv2d(f, 3, 1, 1, 1, 1, false));
        List<Layer> shortcut = new ArrayList<>(List.of(new Layer.Conv2d(f, 1, 2, 0, 1, 1, false)));
        if (r.nextBoolean()) shortcut.add(new Layer.BatchNorm());
        return new Layer.Residual(body, shortcut);
      }
    } else if (mode < 2) {
      int f = s.channels();
      if (mode == 0 && f <= 4096) { // f x f weights twice: wider, a training run of 1000 batches leaves a long
        return new Layer.Residual(List.of(new Layer.Dense(f, true), activation(), new Layer.Dense(f, r.nextBoolean())),
            List.of());
      }
      int m = 1 + r.nextInt(64);
      return new Layer.Residual(List.of(new Layer.Dense(m, true), activation()), List.of(new Layer.Dense(m, false)));
    }
    // an arbitrary body, with whatever shortcut makes the shapes meet
    List<Layer> body = layers(s, 1 + r.nextInt(3), depth + 1);
    Shape out = s;
    for (Layer layer : body) out = layer.outputShape(out);
    if (out.equals(s)) {
      return new Layer.Residual(body, List.of());
    }
    if (out.spatial()) {
      return new Layer.Residual(body, List.of(new Layer.Conv2d(out.channels(), 1, 1, 0, 1, 1, false),
          new Layer.AdaptiveAvgPool2d(new Size2d(out.height(), out.width()))));
    }
    if (!out.spatial()) {
      List<Layer> shortcut = new ArrayList<>();
      if (s.spatial()) shortcut.add(new Layer.Flatten());
      shortcut.add(new Layer.Dense(out.channels(), true));
      Shape check = s;
      for (Layer layer : shortcut) check = layer.outputShape(check);
      if (check.equals(out)) return new Layer.Residual(body, shortcut);
    }
    return new Layer.Residual(List.of(new Layer.BatchNorm()), List.of()); // shapes cannot meet: a trivial block
  }

  /** A spatial block whose body keeps the shape: conv(same filters, k=3, p=1), batchnorm, ... */
  private Layer identityResidual(Shape s, int depth) {
    List<Layer> body = new ArrayList<>();
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      body.add(switch (r.nextInt(6)) {
        case 0 -> new Layer.Conv2d(s.channels(), 3, 1, 1, 1, 1, r.nextBoolean());
        case 1 -> new Layer.Conv2d(s.channels(), 1, 1, 0, 1, 1, r.nextBoolean());
        case 2 -> new Layer.BatchNorm();
        case 3 -> dropout();
        case 4 -> depth < 1 ? identityResidual(s, depth + 1) : new Layer.BatchNorm();
        default -> activation();
      });
    }
    return new Layer.Residual(body, r.nextInt(4) == 0 ? List.of(new Layer.BatchNorm()) : List.of());
  }

  // ---- the builder DSL ----------------------------------------------------------------------

  /** {@code network} rebuilt through {@link Network#builder}, with randomly chosen equivalent DSL calls. */
  static Network viaBuilder(Network network, Random r) {
    Network.Builder b = Network.builder(network.name());
    Shape in = network.input();
    if (in.spatial()) {
      b.input(in.channels(), in.height(), in.width());
    } else if (in.sequence()) {
      b.input(in.length(), in.channels());
    } else {
      b.input(in.channels());
    }
    if (network.format() != Format.FP32 || r.nextBoolean()) {
      b.format(network.format());
    }
    apply(b, network.layers(), r);
    return b.build();
  }

  private static <S extends LayerSequence<S>> void apply(S seq, List<Layer> layers, Random r) {
    for (Layer layer : layers) {
      add(seq, layer, r);
    }
  }

  /** A size through the DSL: one number when square (sometimes), else height and width. */
  private static void size(Size2d size, java.util.function.IntConsumer square,
      java.util.function.BiConsumer<Integer, Integer> pair, Random r) {
    if (size.isSquare() && r.nextBoolean()) square.accept(size.height());
    else pair.accept(size.height(), size.width());
  }

  private static void pool(LayerSequence.PoolOptions o, Size2d stride, Size2d padding, boolean ceil, Random r) {
    size(stride, o::stride, o::stride, r);
    size(padding, o::padding, o::padding, r);
    if (ceil) o.ceil();
    else if (r.nextBoolean()) o.ceil(false);
  }

  private static <S extends LayerSequence<S>> void add(S seq, Layer layer, Random r) {
    if (r.nextInt(8) == 0) {
      seq.add(layer); // the generic entry point
      return;
    }
    if (layer instanceof Layer.Dense d) {
      if (d.bias() && r.nextBoolean()) seq.dense(d.units());
      else seq.dense(d.units(), d.bias());
    } else if (layer instanceof Layer.Conv2d c) {
      Size2d one = Size2d.square(1);
      boolean plain = c.stride().equals(one) && c.padding().equals(Size2d.square(0)) && c.dilation() == 1
          && c.groups() == 1 && c.bias() && c.kernel().isSquare();
      if (plain && r.nextBoolean()) {
        seq.conv2d(c.filters(), c.kernel().height());
      } else {
        boolean all = r.nextBoolean(); // set every option, or only those that differ from the defaults
        seq.conv2d(c.filters(), o -> {
          if (all || !c.kernel().equals(one)) size(c.kernel(), o::kernel, o::kernel, r);
          if (all || !c.stride().equals(one)) size(c.stride(), o::stride, o::stride, r);
          if (all || !c.padding().equals(Size2d.square(0))) size(c.padding(), o::padding, o::padding, r);
          if (all || c.dilation() != 1) o.dilation(c.dilation());
          if (all || c.groups() != 1) o.groups(c.groups());
          if (all || !c.bias()) o.bias(c.bias());
        });
      }
    } else if (layer instanceof Layer.ConvTranspose2d c) {
      boolean plain = c.kernel().isSquare() && c.stride().isSquare() && c.padding().equals(Size2d.square(0))
          && c.outputPadding().equals(Size2d.square(0)) && c.dilation() == 1 && c.groups() == 1 && c.bias();
      if (plain && r.nextBoolean()) {
        seq.convTranspose2d(c.filters(), c.kernel().height(), c.stride().height());
      } else {
        seq.convTranspose2d(c.filters(), o -> {
          size(c.kernel(), o::kernel, o::kernel, r);
          size(c.stride(), o::stride, o::stride, r);
          size(c.padding(), o::padding, o::padding, r);
          size(c.outputPadding(), o::outputPadding, o::outputPadding, r);
          o.dilation(c.dilation()).groups(c.groups()).bias(c.bias());
        });
      }
    } else if (layer instanceof Layer.Upsample u) {
      if (u.mode() == UpsampleMode.NEAREST && r.nextBoolean()) seq.upsample(u.factor());
      else seq.upsample(u.factor(), u.mode());
    } else if (layer instanceof Layer.MaxPool2d p) {
      if (p.stride().equals(p.kernel()) && p.padding().equals(Size2d.square(0)) && !p.ceil() && p.kernel().isSquare()
          && r.nextBoolean()) {
        seq.maxPool2d(p.kernel().height());
      } else {
        seq.maxPool2d(p.kernel().height(), p.kernel().width(), o -> pool(o, p.stride(), p.padding(), p.ceil(), r));
      }
    } else if (layer instanceof Layer.AvgPool2d p) {
      if (p.stride().equals(p.kernel()) && p.padding().equals(Size2d.square(0)) && !p.ceil() && p.kernel().isSquare()
          && r.nextBoolean()) {
        seq.avgPool2d(p.kernel().height());
      } else if (p.kernel().isSquare() && r.nextBoolean()) {
        seq.avgPool2d(p.kernel().height(), o -> pool(o, p.stride(), p.padding(), p.ceil(), r));
      } else {
        seq.avgPool2d(p.kernel().height(), p.kernel().width(), o -> pool(o, p.stride(), p.padding(), p.ceil(), r));
      }
    } else if (layer instanceof Layer.AdaptiveAvgPool2d a) {
      if (a.output().equals(Size2d.square(1)) && r.nextBoolean()) seq.globalAvgPool();
      else if (a.output().isSquare() && r.nextBoolean()) seq.adaptiveAvgPool2d(a.output().height());
      else seq.adaptiveAvgPool2d(a.output().height(), a.output().width());
    } else if (layer instanceof Layer.Activation a) {
      activation(seq, a.function(), r);
    } else if (layer instanceof Layer.BatchNorm) {
      seq.batchNorm();
    } else if (layer instanceof Layer.Flatten) {
      seq.flatten();
    } else if (layer instanceof Layer.Dropout d) {
      if (d.rate() == Layer.Dropout.DEFAULT_RATE && r.nextBoolean()) seq.dropout();
      else seq.dropout(d.rate());
    } else if (layer instanceof Layer.Lstm l) {
      boolean plain = l.layers() == 1 && !l.bidirectional() && l.bias();
      if (plain && r.nextBoolean()) seq.lstm(l.hidden());
      else seq.lstm(l.hidden(), o -> o.layers(l.layers()).bidirectional(l.bidirectional()).bias(l.bias()));
    } else if (layer instanceof Layer.Gru g) {
      boolean plain = g.layers() == 1 && !g.bidirectional() && g.bias();
      if (plain && r.nextBoolean()) seq.gru(g.hidden());
      else seq.gru(g.hidden(), o -> o.layers(g.layers()).bidirectional(g.bidirectional()).bias(g.bias()));
    } else if (layer instanceof Layer.MixtureOfExperts m) {
      boolean plain = m.shared() == 0 && m.activation() == ActivationFunction.SILU && m.gated() && !m.bias();
      if (plain && r.nextBoolean()) seq.mixtureOfExperts(m.experts(), m.top(), m.hidden());
      else seq.mixtureOfExperts(m.experts(), m.top(), m.hidden(),
          o -> o.shared(m.shared()).activation(m.activation()).gated(m.gated()).bias(m.bias()));
    } else if (layer instanceof Layer.Mamba2 m) {
      seq.mamba2(o -> {
        o.state(m.state()).headDim(m.headDim()).groups(m.groups()).conv(m.conv()).chunk(m.chunk()).bias(m.bias())
            .convBias(m.convBias());
        if (m.heads() > 0) o.heads(m.heads());
        else if (m.expand() != Layer.Mamba2.DEFAULT_EXPAND || r.nextBoolean()) o.expand(m.expand());
      });
    } else if (layer instanceof Layer.Residual res) {
      long seed = r.nextLong(); // the branch lambdas run later; give them their own stream
      Random branch = new Random(seed);
      if (res.shortcut().isEmpty() && r.nextBoolean()) {
        seq.residual(body -> apply(body, res.body(), branch));
      } else {
        seq.residual(body -> apply(body, res.body(), branch), sc -> apply(sc, res.shortcut(), branch));
      }
    } else if (layer instanceof Layer.Repeat rep) {
      Random inner = new Random(r.nextLong());
      seq.repeat(rep.times(), body -> apply(body, rep.layers(), inner));
    } else if (layer instanceof Layer.Conv1d c) {
      boolean plain = c.stride() == 1 && c.padding() == 0 && c.dilation() == 1 && c.groups() == 1 && c.bias()
          && !c.causal();
      if (plain && r.nextBoolean()) {
        seq.conv1d(c.filters(), c.kernel());
      } else {
        seq.conv1d(c.filters(), o -> {
          o.kernel(c.kernel()).stride(c.stride()).padding(c.padding()).dilation(c.dilation()).groups(c.groups())
              .bias(c.bias());
          if (c.causal()) o.causal();
        });
      }
    } else if (layer instanceof Layer.Embedding e) {
      seq.embedding(e.vocab(), e.dim());
    } else if (layer instanceof Layer.Unembed u) {
      seq.unembed(u.vocab());
    } else if (layer instanceof Layer.PositionEmbedding p) {
      seq.positionEmbedding(p.rows());
    } else if (layer instanceof Layer.Tokens) {
      seq.tokens();
    } else if (layer instanceof Layer.Columns) {
      seq.columns();
    } else if (layer instanceof Layer.PixelUnshuffle p) {
      seq.pixelUnshuffle(p.factor());
    } else if (layer instanceof Layer.ClassToken) {
      seq.classToken();
    } else if (layer instanceof Layer.SelectToken t) {
      if (t.position() == 0 && r.nextBoolean()) seq.selectToken();
      else seq.selectToken(t.position());
    } else if (layer instanceof Layer.LayerNorm n) {
      if (n.bias() && r.nextBoolean()) seq.layerNorm();
      else seq.layerNorm(n.bias());
    } else if (layer instanceof Layer.RmsNorm) {
      seq.rmsNorm();
    } else if (layer instanceof Layer.Attention a) {
      if (a.equals(Layer.Attention.of(a.heads())) && r.nextBoolean()) {
        seq.attention(a.heads());
      } else {
        seq.attention(a.heads(), o -> {
          o.kvHeads(a.kvHeads()).headDim(a.headDim()).bias(a.bias()).outBias(a.outBias()).window(a.window())
              .shift(a.shift()).sliding(a.sliding()).relativeBias(a.relativeBias()).cross(a.cross())
              .biasMlp(a.biasMlp());
          if (a.cosine()) o.cosine();
          if (a.causal()) o.causal();
          if (a.grid()) o.grid();
          if (a.rope()) o.rope();
          if (a.qkNorm()) o.qkNorm();
          if (a.sinks()) o.sinks();
        });
      }
    } else if (layer instanceof Layer.LatentAttention m) {
      seq.latentAttention(m.heads(), m.qRank(), m.kvRank(), m.nopeDim(), m.ropeDim(), m.vDim(), m.causal());
    } else if (layer instanceof Layer.Glu g) {
      if (g.activation() == ActivationFunction.SILU && !g.bias() && r.nextBoolean()) seq.glu(g.hidden());
      else seq.glu(g.hidden(), g.activation(), g.bias());
    } else if (layer instanceof Layer.Concat concat) {
      Random branch = new Random(r.nextLong());
      List<Consumer<LayerSequence.Block>> branches = new ArrayList<>();
      for (List<Layer> layers : concat.branches()) {
        branches.add(b -> apply(b, layers, branch));
      }
      if (branches.size() == 2 && r.nextBoolean()) seq.concat(branches.get(0), branches.get(1));
      else seq.concat(branches);
    } else if (layer instanceof Layer.Gate gate) {
      Random branch = new Random(r.nextLong());
      seq.gate(body -> apply(body, gate.body(), branch));
    } else if (layer instanceof Layer.Chunk c) {
      seq.chunk(c.chunks(), c.part());
    } else if (layer instanceof Layer.ChannelShuffle c) {
      seq.channelShuffle(c.groups());
    } else if (layer instanceof Layer.LayerScale) {
      seq.layerScale();
    } else {
      throw new AssertionError("a layer kind the generator does not know: " + layer);
    }
  }

  private static <S extends LayerSequence<S>> void activation(S seq, ActivationFunction f, Random r) {
    if (r.nextBoolean()) {
      seq.activation(f);
      return;
    }
    switch (f) {
      case RELU -> seq.relu();
      case RELU6 -> seq.relu6();
      case SIGMOID -> seq.sigmoid();
      case TANH -> seq.tanh();
      case SOFTMAX -> seq.softmax();
      case HARDSWISH -> seq.hardswish();
      case HARDTANH -> seq.hardtanh();
      default -> seq.activation(f);
    }
  }
}
