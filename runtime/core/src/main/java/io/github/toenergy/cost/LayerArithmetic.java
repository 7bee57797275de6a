package io.github.toenergy.cost;

import io.github.toenergy.annotations.ActivationFunction;
import io.github.toenergy.annotations.Phase;
import io.github.toenergy.model.Layer;
import io.github.toenergy.model.LayerKind;
import io.github.toenergy.model.Network;
import io.github.toenergy.model.Shape;
import io.github.toenergy.model.Size2d;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates each layer into ALU tasks, exactly and in constant time per layer (the assumptions,
 * with worked numbers, are in docs/method.md):
 *
 * <ul>
 *   <li>INFERENCE is one forward pass.
 *   <li>TRAINING is forward + backward (gradients with respect to the layer's input and its
 *       weights, for every layer, the first included) + a plain SGD update {@code w -= lr * g}, one
 *       MAC per parameter per step.
 *   <li>Data movement: the weights are read from main memory once per step (training: read twice,
 *       gradient written, then read weight and gradient and write the weight: 6 words per
 *       parameter); activations are read and written once per pass (training: forward reads the
 *       input and writes the output; backward reads the output gradient and the saved input and
 *       writes the input gradient). Flatten, inference dropout and the identity move nothing.
 * </ul>
 */
final class LayerArithmetic {
  private LayerArithmetic() {}

  /** Forward + backward + update: words moved per parameter in a training step. */
  static final int TRAINING_WEIGHT_WORDS_PER_PARAMETER = 6;

  static List<LayerCost> count(Network network, Phase phase) {
    List<LayerCost> rows = new ArrayList<>();
    Counter counter = new Counter(phase, rows);
    for (int i = 0; i < network.layers().size(); i++) {
      Layer layer = network.layers().get(i);
      try {
        counter.layer("", layer, network.inputOf(i));
      } catch (CountOverflowException e) {
        throw e;
      } catch (ArithmeticException e) {
        throw new CountOverflowException(network.name() + ", layer " + (i + 1) + " (" + layer.toNotation() + ")");
      }
    }
    return List.copyOf(rows);
  }

  /** Walks layers, naming rows {@code kind_n} per scope and opening residual blocks. */
  private static final class Counter {
    private final Phase phase;
    private final List<LayerCost> rows;
    private final Map<String, Integer> seen = new HashMap<>();

    Counter(Phase phase, List<LayerCost> rows) {
      this.phase = phase;
      this.rows = rows;
    }

    private String name(String scope, String kind) {
      String key = scope + kind;
      int n = seen.merge(key, 1, Integer::sum);
      return key + "_" + n;
    }

    void layer(String scope, Layer layer, Shape in) {
      Shape out = layer.outputShape(in);
      if (layer instanceof Layer.Residual residual) {
        String block = name(scope, residual.keyword()) + "/";
        Shape shape = in;
        for (Layer inner : residual.body()) {
          layer(block, inner, shape);
          shape = inner.outputShape(shape);
        }
        shape = in;
        for (Layer inner : residual.shortcut()) {
          layer(block + "shortcut/", inner, shape);
          shape = inner.outputShape(shape);
        }
        rows.add(residualAdd(block + "add", layer.toNotation(), in, out));
        return;
      }
      if (layer instanceof Layer.Concat concat) {
        String block = name(scope, concat.keyword()) + "/";
        for (int b = 0; b < concat.branches().size(); b++) {
          branch(block + "branch" + (b + 1) + "/", concat.branches().get(b), in);
        }
        rows.add(concatJoin(block + "join", concat, in, out));
        return;
      }
      if (layer instanceof Layer.Gate gate) {
        String block = name(scope, gate.keyword()) + "/";
        Shape gateShape = branch(block, gate.body(), in);
        rows.add(gateMultiply(block + "multiply", gate, in, gateShape));
        return;
      }
      rows.add(leaf(name(scope, layer.keyword()), layer, in, out));
    }

    /** Counts the layers of one branch of a block, each fed the one before; returns the branch's output. */
    private Shape branch(String scope, List<Layer> layers, Shape in) {
      Shape shape = in;
      for (Layer inner : layers) {
        layer(scope, inner, shape);
        shape = inner.outputShape(shape);
      }
      return shape;
    }

    /**
     * The join closing a concat block: no arithmetic, the branches' outputs copied into one tensor.
     * Backward, the branches' gradients of the shared input are summed, as for a residual block.
     */
    private LayerCost concatJoin(String name, Layer.Concat concat, Shape in, Shape out) {
      Tally t = new Tally();
      t.activationWords = Math.multiplyExact(2, out.elements()); // read every branch's output, write the joined one
      if (phase == Phase.TRAINING) {
        long sums = concat.branches().size() - 1L;
        t.sample.add(Op.ADD, sums, in.elements());
        t.activationWords = Math.addExact(t.activationWords, Math.multiplyExact(3 * sums, in.elements()));
      }
      return t.toCost(name, LayerKind.CONCAT, concat.toNotation(), out);
    }

    /**
     * The product closing a gate block: input x gate, one multiply per input element (the gate
     * broadcast over height and width when it is C x 1 x 1).
     */
    private LayerCost gateMultiply(String name, Layer.Gate gate, Shape in, Shape gateShape) {
      Tally t = new Tally();
      long n = in.elements();
      long g = gateShape.elements();
      t.sample.add(Op.MULTIPLY, n);
      t.activationWords = Math.addExact(Math.multiplyExact(2, n), g); // read input and gate, write the product
      if (phase == Phase.TRAINING) {
        // dx = dy * gate and dgate = dy * x (summed over height and width when broadcast); the two
        // gradients of x, directly and through the body, are summed
        t.sample.add(Op.MULTIPLY, 2, n);
        t.sample.add(Op.ADD, n - g);
        t.sample.add(Op.ADD, n);
        // read dy, x and the gate, write dx and dgate, then read both gradients of x and write their sum
        t.activationWords = Math.addExact(t.activationWords, Math.addExact(Math.multiplyExact(6, n), 2 * g));
      }
      return t.toCost(name, LayerKind.GATE, gate.toNotation(), in);
    }

    private LayerCost residualAdd(String name, String notation, Shape in, Shape out) {
      Tally t = new Tally();
      t.sample.add(Op.ADD, out.elements());
      t.activationWords = Math.multiplyExact(3, out.elements()); // read both branches, write the sum
      if (phase == Phase.TRAINING) {
        // backward: the gradient is copied to both branches; the two branch gradients of x are summed
        t.sample.add(Op.ADD, in.elements());
        t.activationWords = Math.addExact(t.activationWords, Math.multiplyExact(3, in.elements()));
      }
      return t.toCost(name, LayerKind.RESIDUAL, notation, out);
    }

    private LayerCost leaf(String name, Layer layer, Shape in, Shape out) {
      Tally t = new Tally();
      boolean training = phase == Phase.TRAINING;
      long nIn = in.elements();
      long nOut = out.elements();
      // one case per kind, no default: a new kind does not compile until it is priced here
      boolean movesData = switch (layer.kind()) {
        case DENSE -> dense(t, (Layer.Dense) layer, in, training);
        case CONV2D -> conv2d(t, (Layer.Conv2d) layer, in, nOut, training);
        case CONV_TRANSPOSE2D -> convTranspose2d(t, (Layer.ConvTranspose2d) layer, in, nIn, nOut, training);
        case UPSAMPLE -> {
          Layer.Upsample u = (Layer.Upsample) layer;
          switch (u.mode()) {
            case NEAREST -> {
              // forward copies; backward sums the factor^2 gradients of each input's copies
              if (training) t.sample.add(Op.ADD, nOut - nIn);
            }
            case BILINEAR -> {
              // PyTorch's CPU kernel per output: (x00 wx0 + x01 wx1) wy0 + (x10 wx0 + x11 wx1) wy1
              t.sample.add(Op.MULTIPLY, 6, nOut);
              t.sample.add(Op.ADD, 3, nOut);
              if (training) {
                // backward: the four weights wy*wx, each times the gradient, added into four inputs
                t.sample.add(Op.MULTIPLY, 8, nOut);
                t.sample.add(Op.ADD, 4, nOut);
              }
            }
          }
          yield true;
        }
        case MAX_POOL2D -> {
          Layer.MaxPool2d p = (Layer.MaxPool2d) layer;
          long taps = poolTaps(in, out, p.kernel(), p.stride(), p.padding());
          t.sample.add(Op.COMPARE, taps - nOut); // window - 1 compares per output
          if (training) t.sample.add(Op.ADD, nOut); // scatter the gradient to the arg-max
          yield true;
        }
        case AVG_POOL2D -> {
          Layer.AvgPool2d p = (Layer.AvgPool2d) layer;
          long taps = poolTaps(in, out, p.kernel(), p.stride(), p.padding());
          t.sample.add(Op.ADD, taps - nOut); // window - 1 adds per output
          t.sample.add(Op.MULTIPLY, nOut); // times 1 / window
          if (training) {
            t.sample.add(Op.MULTIPLY, nOut);
            t.sample.add(Op.ADD, taps); // spread each output gradient over its window
          }
          yield true;
        }
        case ADAPTIVE_AVG_POOL2D -> {
          AdaptiveWindows w = AdaptiveWindows.of(in, ((Layer.AdaptiveAvgPool2d) layer).output());
          int passes = training ? 2 : 1; // backward spreads the gradient over the same windows
          t.sample.add(Op.ADD, passes, Math.multiplyExact((long) in.channels(), w.adds()));
          t.sample.add(Op.MULTIPLY, passes, Math.multiplyExact((long) in.channels(), w.averagedOutputs()));
          yield true;
        }
        case ACTIVATION -> {
          ActivationFunction function = ((Layer.Activation) layer).function();
          Op op = Op.of(function);
          if (op != null) {
            t.sample.add(op, nIn);
            if (training) t.sample.addAll(backward(function).times(nIn));
          }
          yield op != null; // the identity moves nothing
        }
        case BATCH_NORM -> batchNorm(t, in, nIn, training);
        case DROPOUT -> {
          if (training) {
            t.sample.add(Op.COMPARE, nIn); // draw the mask
            t.sample.add(Op.MULTIPLY, 2, nIn); // scale forward, mask the gradient backward
          }
          yield training; // identity at inference
        }
        case FLATTEN -> false; // a view
        case CHUNK -> false; // a view of some channels
        case CHANNEL_SHUFFLE -> {
          // a permutation: every element read and written once, backward the inverse permutation
          t.activationWords = Math.multiplyExact(training ? 4 : 2, nIn);
          yield false;
        }
        case LAYER_SCALE -> {
          t.parameters = in.channels(); // one factor per channel
          t.sample.add(Op.MULTIPLY, nIn);
          if (training) {
            // dx = dy * gamma; dgamma = sum over each channel's elements of dy * x
            t.sample.add(Op.MULTIPLY, 2, nIn);
            t.sample.add(Op.ADD, nIn - in.channels());
          }
          yield true;
        }
        case RESIDUAL, CONCAT, GATE ->
            throw new IllegalStateException(layer.kind() + " blocks are opened by layer(), not priced as leaves");
      };
      if (t.parameters > 0) {
        t.step.add(Op.MAC, training ? t.parameters : 0); // SGD update
        t.weightWords = training ? Math.multiplyExact(TRAINING_WEIGHT_WORDS_PER_PARAMETER, t.parameters) : t.parameters;
      }
      if (movesData) {
        long forward = Math.addExact(nIn, nOut);
        long backward = training ? Math.addExact(nOut, Math.multiplyExact(2, nIn)) : 0;
        t.activationWords = Math.addExact(forward, backward);
      }
      return t.toCost(name, layer.kind(), layer.toNotation(), out);
    }

    /** On a sequence the same weights apply at every position: MACs scale with the length, parameters do not. */
    private static boolean dense(Tally t, Layer.Dense d, Shape in, boolean training) {
      long weights = Math.multiplyExact((long) in.channels(), d.units());
      long macs = Math.multiplyExact(weights, in.positions());
      long biasAdds = d.bias() ? Math.multiplyExact((long) d.units(), in.positions()) : 0;
      t.sample.add(Op.MAC, macs);
      t.parameters = Math.addExact(weights, d.bias() ? d.units() : 0);
      t.sample.add(Op.ADD, biasAdds);
      if (training) {
        t.sample.add(Op.MAC, 2, macs); // dX = W^T dY and dW = dY x^T
        t.sample.add(Op.ADD, biasAdds); // dB accumulates dY
      }
      return true;
    }

    private static boolean conv2d(Tally t, Layer.Conv2d c, Shape in, long nOut, boolean training) {
      long kernelTaps = Math.multiplyExact((long) c.channelsPerGroup(in), c.kernel().area());
      long macs = Math.multiplyExact(nOut, kernelTaps);
      t.sample.add(Op.MAC, macs);
      t.parameters = Math.addExact(Math.multiplyExact(c.filters(), kernelTaps), c.bias() ? c.filters() : 0);
      if (c.bias()) t.sample.add(Op.ADD, nOut);
      if (training) {
        t.sample.add(Op.MAC, 2, macs); // transposed convolution for dX, correlation for dW
        if (c.bias()) t.sample.add(Op.ADD, nOut);
      }
      return true;
    }

    /**
     * Elements read by all windows of a pooling layer, padding included; in ceil mode the last
     * window of a row or column is cut at the end of the padded input, as PyTorch's divisor is.
     */
    private static long poolTaps(Shape in, Shape out, Size2d kernel, Size2d stride, Size2d padding) {
      long rows = poolWindowSum(in.height(), out.height(), kernel.height(), stride.height(), padding.height());
      long columns = poolWindowSum(in.width(), out.width(), kernel.width(), stride.width(), padding.width());
      return Math.multiplyExact(Math.multiplyExact((long) in.channels(), rows), columns);
    }

    /** Sum of the window sizes along one axis: all whole but the last, which may hang over the padded input. */
    private static long poolWindowSum(int in, int out, int kernel, int stride, int padding) {
      long lastStart = (long) (out - 1) * stride; // in padded coordinates
      return (long) (out - 1) * kernel + Math.min(kernel, (long) in + 2L * padding - lastStart);
    }

    private static boolean convTranspose2d(Tally t, Layer.ConvTranspose2d c, Shape in, long nIn, long nOut,
        boolean training) {
      // each input element meets every weight of its group's output channels, as torch and fvcore count
      long tapsPerInput = Math.multiplyExact((long) c.filters() / c.groups(), c.kernel().area());
      long macs = Math.multiplyExact(nIn, tapsPerInput);
      t.sample.add(Op.MAC, macs);
      t.parameters = Math.addExact(Math.multiplyExact(in.channels(), tapsPerInput), c.bias() ? c.filters() : 0);
      if (c.bias()) t.sample.add(Op.ADD, nOut);
      if (training) {
        t.sample.add(Op.MAC, 2, macs); // a convolution for dX, a correlation for dW
        if (c.bias()) t.sample.add(Op.ADD, nOut);
      }
      return true;
    }

    private static boolean batchNorm(Tally t, Shape in, long nIn, boolean training) {
      t.parameters = 2L * in.channels(); // gamma and beta
      if (training) {
        // forward with batch statistics: mean (add), variance (subtract, square, add),
        // normalise (subtract, multiply), affine (multiply, add)
        t.sample.add(Op.ADD, 4, nIn);
        t.sample.add(Op.MULTIPLY, 3, nIn);
        // backward: dgamma (MAC), dbeta (add), dx (3 multiplies, 4 adds)
        t.sample.add(Op.MAC, nIn);
        t.sample.add(Op.ADD, 5, nIn);
        t.sample.add(Op.MULTIPLY, 3, nIn);
        // per channel and step: 1 / sqrt(var + eps)
        t.step.add(Op.SQRT, in.channels());
        t.step.add(Op.DIVIDE, in.channels());
      } else {
        // running statistics folded into one scale and shift per channel
        t.sample.add(Op.MULTIPLY, nIn);
        t.sample.add(Op.ADD, nIn);
      }
      return true;
    }
  }

  /** ALU tasks of the backward pass of one element of an activation (from its saved output or input). */
  static OpCounts backward(ActivationFunction function) {
    OpCounts.Builder b = OpCounts.builder();
    switch (function) {
      case RELU -> b.add(Op.COMPARE, 1); // pass the gradient where x > 0
      case RELU6 -> b.add(Op.COMPARE, 2);
      case LEAKY_RELU -> b.add(Op.COMPARE, 1).add(Op.MULTIPLY, 1);
      case HARDSIGMOID -> b.add(Op.COMPARE, 2).add(Op.MULTIPLY, 1);
      case HARDSWISH -> b.add(Op.COMPARE, 2).add(Op.MULTIPLY, 2).add(Op.ADD, 1);
      case SIGMOID, TANH -> b.add(Op.ADD, 1).add(Op.MULTIPLY, 2); // s(1-s)g, (1-t^2)g
      case SOFTMAX -> b.add(Op.MAC, 1).add(Op.ADD, 1).add(Op.MULTIPLY, 1); // s(g - sum(s g))
      case GELU -> b.add(Op.TANH, 1).add(Op.MULTIPLY, 7).add(Op.ADD, 3);
      case SILU -> b.add(Op.SIGMOID, 1).add(Op.MULTIPLY, 3).add(Op.ADD, 2);
      case ELU -> b.add(Op.COMPARE, 1).add(Op.MULTIPLY, 1).add(Op.ADD, 1);
      case IDENTITY -> { }
    }
    return b.build();
  }

  /** Counts mutable while one layer is tallied. */
  private static final class Tally {
    final OpCounts.Builder sample = OpCounts.builder();
    final OpCounts.Builder step = OpCounts.builder();
    long parameters;
    long weightWords;
    long activationWords;

    LayerCost toCost(String name, LayerKind kind, String notation, Shape out) {
      return new LayerCost(name, kind, notation, out, sample.build(), step.build(), parameters, weightWords, activationWords);
    }
  }

  /**
   * PyTorch's adaptive windows along one axis: window i spans {@code [floor(i*in/out),
   * ceil((i+1)*in/out))}. In closed form, so that a huge output costs no more than a small one
   * (checked against enumerating the windows in the tests). With {@code g = gcd(in, out)}:
   * <ul>
   *   <li>sizes add up to {@code sum_{j=1..out} ceil(j*in/out) - sum_{i=0..out-1} floor(i*in/out)};
   *       ceil exceeds floor for the {@code out - g} values of j where {@code j*in/out} is not whole,
   *       and the j = out term is {@code in}, so the sum is {@code in + out - g};
   *   <li>a window spans more than {@code in/out} elements, so when {@code out < in} none has size
   *       1; when {@code out >= in} every window has 1 or 2, so {@code 2*out - (in + out - g)} of
   *       the {@code out} windows have size 1.
   * </ul>
   */
  record AdaptiveWindows(long adds, long averagedOutputs) {
    static AdaptiveWindows of(Shape in, Size2d output) {
      long outputs = output.area();
      // sum over windows of (h_i * w_j - 1) adds; a multiply by 1/size where size > 1
      long adds = Math.subtractExact(Math.multiplyExact(windowSum(in.height(), output.height()),
          windowSum(in.width(), output.width())), outputs);
      long averaged = outputs - unitWindows(in.height(), output.height()) * unitWindows(in.width(), output.width());
      return new AdaptiveWindows(adds, averaged);
    }

    /** Sum of the window sizes along one axis. */
    static long windowSum(int in, int out) {
      return (long) in + out - gcd(in, out);
    }

    /** Number of windows of size 1 along one axis. */
    static long unitWindows(int in, int out) {
      return out >= in ? (long) out - in + gcd(in, out) : 0;
    }

    private static long gcd(long a, long b) {
      while (b != 0) {
        long t = a % b;
        a = b;
        b = t;
      }
      return a;
    }
  }
}
