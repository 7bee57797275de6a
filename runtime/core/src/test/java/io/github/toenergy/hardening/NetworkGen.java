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
 * activation, every number format, residual blocks (identity, projection and arbitrary bodies,
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
    Shape input = r.nextInt(10) < 7
        ? Shape.of(1 + r.nextInt(maxChannels / 4 + 1), 1 + r.nextInt(maxSide), 1 + r.nextInt(maxSide))
        : Shape.flat(1 + r.nextInt(512));
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
      if (pick < 90 && depth < 2) return residual(s, depth);
      if (s.elements() <= 40_000) return new Layer.Flatten();
      return activation();
    }
    if (pick < 40) return new Layer.Dense(1 + r.nextInt(64), r.nextInt(4) != 0);
    if (pick < 65) return activation();
    if (pick < 75) return new Layer.BatchNorm();
    if (pick < 85) return dropout();
    if (depth < 2) return residual(s, depth);
    return new Layer.Flatten(); // a flatten of a flat shape is allowed and changes nothing
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
      if (mode == 0) {
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
    } else if (layer instanceof Layer.Residual res) {
      long seed = r.nextLong(); // the branch lambdas run later; give them their own stream
      Random branch = new Random(seed);
      if (res.shortcut().isEmpty() && r.nextBoolean()) {
        seq.residual(body -> apply(body, res.body(), branch));
      } else {
        seq.residual(body -> apply(body, res.body(), branch), sc -> apply(sc, res.shortcut(), branch));
      }
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
      default -> seq.activation(f);
    }
  }
}
