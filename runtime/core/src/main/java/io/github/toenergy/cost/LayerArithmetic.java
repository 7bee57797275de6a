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
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

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
    if (phase.generation()) {
      throw new IllegalArgumentException(phase + ": NetworkCost.generation");
    }
    return count(network, phase, null);
  }

  /**
   * Counts a generation workload of a decoder: prefill as one inference over the prompt, plus the
   * cache it writes; decode as {@code tokens} steps of one position, summed exactly (see
   * {@link Generation}): weights read once per step, shared by the batch (per-step words), attention
   * over the cache (per-sequence cache words).
   *
   * @throws io.github.toenergy.model.InvalidNetworkException when the network cannot decode, naming the layer
   */
  static List<LayerCost> count(Network network, Generation generation) {
    return count(generation.rewrite(network), generation.phase, generation);
  }

  private static List<LayerCost> count(Network network, Phase phase, @Nullable Generation generation) {
    List<LayerCost> rows = new ArrayList<>();
    Counter counter = new Counter(phase, rows, generation);
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

  /**
   * Walks layers, naming rows {@code kind_n} per scope and opening residual blocks and repeats. A
   * layer met again on the same input shape (a repeat's later repetitions) costs what it cost the
   * first time: its row is copied under its new name instead of counted again.
   */
  private static final class Counter {
    private final Phase phase;
    private final List<LayerCost> rows;
    private final Map<String, Integer> seen = new HashMap<>();
    /** Per layer object: the input shape it was last counted on and its row then (or notation, for a residual). */
    private final Map<Layer, Object[]> last = new IdentityHashMap<>();
    /** The generation's lengths in prefill and decode, else null. */
    private final @Nullable Generation generation;

    Counter(Phase phase, List<LayerCost> rows, @Nullable Generation generation) {
      this.phase = phase;
      this.rows = rows;
      this.generation = generation;
    }

    private String name(String scope, String kind) {
      String key = scope + kind;
      int n = seen.merge(key, 1, Integer::sum);
      return key + "_" + n;
    }

    /** Adds the rows of {@code layer} on input {@code in}; returns its output shape. */
    Shape layer(String scope, Layer layer, Shape in) {
      if (layer instanceof Layer.Repeat repeat) {
        // rows as if the repetitions were written out, so that a table reads the same either way
        Shape shape = in;
        for (int r = 0; r < repeat.times(); r++) {
          for (Layer inner : repeat.layers()) {
            shape = layer(scope, inner, shape);
          }
        }
        return shape;
      }
      if (layer instanceof Layer.Residual residual) {
        String block = name(scope, residual.keyword()) + "/";
        Shape out = in;
        for (Layer inner : residual.body()) {
          out = layer(block, inner, out);
        }
        Shape shape = in;
        for (Layer inner : residual.shortcut()) {
          shape = layer(block + "shortcut/", inner, shape);
        }
        rows.add(residualAdd(block + "add", notation(layer), in, out));
        return out;
      }
      if (layer instanceof Layer.Concat concat) {
        String block = name(scope, concat.keyword()) + "/";
        for (int b = 0; b < concat.branches().size(); b++) {
          branch(block + "branch" + (b + 1) + "/", concat.branches().get(b), in);
        }
        Shape out = layer.outputShape(in);
        rows.add(concatJoin(block + "join", concat, in, out));
        return out;
      }
      if (layer instanceof Layer.Gate gate) {
        String block = name(scope, gate.keyword()) + "/";
        Shape gateShape = branch(block, gate.body(), in);
        rows.add(gateMultiply(block + "multiply", gate, in, gateShape));
        return layer.outputShape(in);
      }
      String name = name(scope, layer.keyword());
      Object[] before = last.get(layer);
      if (before != null && before[0].equals(in)) {
        LayerCost row = (LayerCost) before[1];
        rows.add(row.named(name));
        return row.output();
      }
      LayerCost row = leaf(name, layer, in, layer.outputShape(in));
      last.put(layer, new Object[] {in, row});
      rows.add(row);
      return row.output();
    }

    /** A residual block's notation, written once however often the block is repeated. */
    private String notation(Layer block) {
      Object[] known = last.get(block);
      if (known == null) {
        known = new Object[] {block.toNotation()};
        last.put(block, known);
      }
      return (String) known[0];
    }

    /** Counts the layers of one branch of a block, each fed the one before; returns the branch's output. */
    private Shape branch(String scope, List<Layer> layers, Shape in) {
      Shape shape = in;
      for (Layer inner : layers) {
        shape = layer(scope, inner, shape);
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
      everyStep(t);
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
      everyStep(t);
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
      everyStep(t);
      return t.toCost(name, LayerKind.RESIDUAL, notation, out);
    }

    /** A block's closing row (a sum, a join, a product) in decode: one position's work at every step. */
    private void everyStep(Tally t) {
      if (generation != null && generation.decode()) {
        t.sampleFactor = generation.tokens;
        t.activationWords = Math.multiplyExact(t.activationWords, generation.tokens);
      }
    }

    private LayerCost leaf(String name, Layer layer, Shape in, Shape out) {
      Tally t = new Tally();
      boolean training = phase == Phase.TRAINING;
      // decode: the sequence mixers count all steps at once (their keys grow step by step), every
      // other layer counts one position, multiplied by the steps below
      @Nullable Generation decode = generation != null && generation.decode() ? generation : null;
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
        case LSTM -> {
          Layer.Lstm l = (Layer.Lstm) layer;
          yield recurrent(t, Cell.LSTM, l.hidden(), l.layers(), l.bidirectional(), l.bias(), in, training);
        }
        case GRU -> {
          Layer.Gru g = (Layer.Gru) layer;
          yield recurrent(t, Cell.GRU, g.hidden(), g.layers(), g.bidirectional(), g.bias(), in, training);
        }
        case MIXTURE_OF_EXPERTS -> mixtureOfExperts(t, (Layer.MixtureOfExperts) layer, in, training);
        case MAMBA2 -> mamba2(t, (Layer.Mamba2) layer, in, decode != null ? decode.tokens : 0, training);
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
        case RESIDUAL, CONCAT, GATE, REPEAT ->
            throw new IllegalStateException(layer.kind() + " blocks are opened by layer(), not priced as leaves");
        case TOKENS, SELECT_TOKEN -> false; // views
        case PIXEL_UNSHUFFLE, COLUMNS -> true; // a copy into the new layout (columns: DeepSpeech2's .contiguous())
        case CONV1D -> Transformers.conv1d(t, (Layer.Conv1d) layer, in, nOut, training);
        case EMBEDDING -> Transformers.embedding(t, (Layer.Embedding) layer, nOut, training);
        case UNEMBED -> Transformers.unembed(t, (Layer.Unembed) layer, in, training);
        case POSITION_EMBEDDING -> {
          t.parameters = Math.multiplyExact((long) ((Layer.PositionEmbedding) layer).rows(), in.channels());
          t.sample.add(Op.ADD, nIn); // one row added at each position; backward passes the gradient on
          if (training) t.sample.add(Op.ADD, nIn); // and accumulates it into the rows used
          yield true;
        }
        case CLASS_TOKEN -> {
          t.parameters = in.channels(); // copied in front: no arithmetic, the copy is data movement
          if (training) t.sample.add(Op.ADD, in.channels()); // its gradient accumulates over the batch
          yield true;
        }
        case LAYER_NORM -> Transformers.norm(t, in, false, ((Layer.LayerNorm) layer).bias(), training);
        case RMS_NORM -> Transformers.norm(t, in, true, false, training);
        case ATTENTION -> decode != null ? Transformers.decodeAttention(t, (Layer.Attention) layer, in, decode)
            : Transformers.attention(t, (Layer.Attention) layer, in, training);
        case LATENT_ATTENTION -> decode != null
            ? Transformers.decodeLatentAttention(t, (Layer.LatentAttention) layer, in, decode)
            : Transformers.latentAttention(t, (Layer.LatentAttention) layer, in, training);
        case GLU -> Transformers.glu(t, (Layer.Glu) layer, in, training);
      };
      if (t.parameters > 0) {
        t.step.add(Op.MAC, training ? t.parameters : 0); // SGD update
        t.weightWords = training ? Math.multiplyExact(TRAINING_WEIGHT_WORDS_PER_PARAMETER, t.parameters)
            : t.gathered ? 0 : t.parameters; // a lookup table reads only its looked-up rows (activation words)
        t.weightWords = Math.addExact(t.weightWords, t.rereadWeightWords);
      }
      boolean allSteps = decode != null && Generation.countsAllSteps(layer.kind());
      if (allSteps && t.activationWords == 0) { // each step reads its position's input, writes its output
        t.activationWords = Math.addExact(Math.multiplyExact(decode.tokens, Math.addExact(nIn, nOut)), t.innerWords);
      }
      if (movesData && t.activationWords == 0) { // the composite kinds above count their own
        long forward = Math.addExact(nIn, nOut);
        long backward = training ? Math.addExact(nOut, Math.multiplyExact(2, nIn)) : 0;
        // intermediates (attention's scores, a gated MLP's hidden features): written and read once
        // forward, and once more backward
        long inner = Math.multiplyExact(t.innerWords, training ? 2 : 1);
        t.activationWords = Math.addExact(Math.addExact(forward, backward), inner);
      }
      if (generation != null) {
        generation.finish(t, layer, in, allSteps);
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

    /** The gates of a recurrent cell: PyTorch's order and what each unit does per step besides its products. */
    private enum Cell {
      /**
       * i, f, g, o: 3 sigmoids and a tanh; {@code c' = f*c + i*g} (2 multiplies, an add);
       * {@code h' = o * tanh(c')} (a tanh, a multiply).
       */
      LSTM(4),
      /**
       * r, z, n: 2 sigmoids and a tanh; {@code n = tanh(W_in x + b_in + r * (W_hn h + b_hn))} keeps
       * its two products apart (an add to join them, a multiply by r); {@code h' = n + z * (h - n)}
       * (2 adds, a multiply).
       */
      GRU(3);

      final int gates;

      Cell(int gates) {
        this.gates = gates;
      }

      /** Element-wise work of one hidden unit in one step, biases aside. */
      void unit(OpCounts.Builder b, long units) {
        switch (this) {
          case LSTM -> b.add(Op.SIGMOID, 3, units).add(Op.TANH, 2, units).add(Op.MULTIPLY, 3, units)
              .add(Op.ADD, 1, units);
          case GRU -> b.add(Op.SIGMOID, 2, units).add(Op.TANH, 1, units).add(Op.MULTIPLY, 2, units)
              .add(Op.ADD, 3, units);
        }
      }
    }

    /**
     * PyTorch's nn.LSTM / nn.GRU: in each layer and direction, at each of the L steps, every gate
     * unit is {@code W_i x_t + b_i + W_h h_(t-1) + b_h}. Both products are one dot product over
     * [x; h] (MACs, no add to join them); each of the two bias vectors is one add per gate unit. The
     * first step is counted as the others (its h is zero). Layers after the first take the
     * previous layer's hidden x directions features; the stack is summed in closed form.
     * Data: each step reads x_t and h_(t-1) and writes h_t (LSTM: reads and writes c too); per step of the
     * batch the recurrent weights W_hh are read again at every time step after the first (twice in training).
     */
    private static boolean recurrent(Tally t, Cell cell, int hiddenSize, int layers, boolean bidirectional,
        boolean bias, Shape in, boolean training) {
      long hidden = hiddenSize;
      long directions = bidirectional ? 2 : 1;
      long gateUnits = cell.gates * hidden;
      long later = layers - 1L; // layers that take the previous layer's output
      // sum over layers of the inputs per step: D for the first, hidden x directions after
      long inputs = Math.addExact(in.channels(), Math.multiplyExact(later, directions * hidden));
      long weights = Math.multiplyExact(gateUnits,
          Math.addExact(inputs, Math.multiplyExact(layers, hidden))); // W_ih and W_hh of one direction, all layers
      long runs = Math.multiplyExact(directions, in.length()); // steps of one layer, both directions
      long unitSteps = Math.multiplyExact(Math.multiplyExact(runs, layers), hidden);
      OpCounts.Builder forward = OpCounts.builder();
      forward.add(Op.MAC, Math.multiplyExact(weights, runs));
      if (bias) forward.add(Op.ADD, 2L * cell.gates, unitSteps); // b_ih and b_hh
      cell.unit(forward, unitSteps);
      t.parameters = Math.multiplyExact(directions,
          Math.addExact(weights, bias ? Math.multiplyExact(2L * layers, gateUnits) : 0));
      long stateWords = cell == Cell.LSTM ? 4 : 2; // read h, write h; LSTM: read and write c too
      long words = Math.addExact(Math.multiplyExact(inputs, runs), Math.multiplyExact(stateWords, unitSteps));
      composite(t, forward.build(), words, training);
      // W_hh cannot be batched over time as W_ih is: h_(t-1) exists only after step t-1, so every step
      // after the first reads the recurrent weights again (per step of the batch, not per sample), and in
      // training once more for the gradient of h_(t-1) (cuDNN's per-step GEMMs); counted from main memory
      // whatever their size, as every other word
      long recurrentWeights = Math.multiplyExact(Math.multiplyExact(directions * layers, gateUnits), hidden);
      t.rereadWeightWords = Math.multiplyExact(Math.multiplyExact(recurrentWeights, in.length() - 1L),
          training ? 2 : 1);
      return true;
    }

    /**
     * Per token: the router ({@code D -> experts} products, softmax over the experts, top-k by
     * {@code top} passes of {@code experts - 1} compares, the k weights renormalised: k - 1 adds, k
     * divides), then {@code top} routed and {@code shared} shared experts, each {@code D -> hidden}
     * (gated: twice, for gate and up; the activation, times up), {@code hidden -> D}; the routed
     * outputs are scaled by their weights and all active outputs summed. Parameters count every
     * expert; active parameters the router, {@code top} experts and the shared ones.
     */
    private static boolean mixtureOfExperts(Tally t, Layer.MixtureOfExperts m, Shape in, boolean training) {
      long tokens = in.positions();
      long d = in.channels();
      long experts = m.experts();
      long top = m.top();
      long active = top + m.shared(); // experts each token runs
      long projections = m.gated() ? 3 : 2; // gate, up, down; or up, down
      long upOutputs = (projections - 1) * m.hidden(); // features the up (and gate) projections write
      long expertWeights = Math.multiplyExact(projections * d, m.hidden());
      long expertBiases = m.bias() ? Math.addExact(upOutputs, d) : 0;
      long expert = Math.addExact(expertWeights, expertBiases);
      long router = Math.addExact(Math.multiplyExact(d, experts), m.bias() ? experts : 0);
      t.parameters = Math.addExact(router, Math.multiplyExact(experts + m.shared(), expert));
      t.activeParameters = Math.addExact(router, Math.multiplyExact(active, expert));
      t.routedExperts = m.experts();
      t.expertsPerToken = m.top();
      long activeHidden = Math.multiplyExact(active, m.hidden());
      OpCounts.Builder perToken = OpCounts.builder();
      perToken.add(Op.MAC, Math.addExact(Math.multiplyExact(d, experts), Math.multiplyExact(active, expertWeights)));
      perToken.add(Op.SOFTMAX, experts);
      perToken.add(Op.COMPARE, Math.multiplyExact(top, experts - 1));
      perToken.add(Op.ADD, top - 1).add(Op.DIVIDE, top);
      Op activation = Op.of(m.activation());
      if (activation != null) perToken.add(activation, activeHidden);
      if (m.gated()) perToken.add(Op.MULTIPLY, activeHidden);
      if (m.bias()) perToken.add(Op.ADD, Math.addExact(experts, Math.multiplyExact(active, expertBiases)));
      perToken.add(Op.MULTIPLY, Math.multiplyExact(top, d)); // routed outputs times their weights
      perToken.add(Op.ADD, Math.multiplyExact(active - 1, d)); // summed
      // every stage reads its input and writes its output: router x and logits; per active expert
      // x, the up outputs written and read, the hidden written and read, the output written; the sum
      // reads the active outputs and writes one
      long expertWords = Math.addExact(Math.multiplyExact(2, d), Math.addExact(Math.multiplyExact(2, upOutputs),
          Math.multiplyExact(2, m.hidden())));
      long words = Math.addExact(Math.addExact(d, experts), Math.addExact(Math.multiplyExact(active, expertWords),
          Math.multiplyExact(active + 1, d)));
      composite(t, perToken.build().times(tokens), Math.multiplyExact(words, tokens), training);
      return true;
    }

    /**
     * Hugging Face's Mamba2Mixer / NemotronHMamba2Mixer over L tokens, d = D, inner I = heads x
     * headDim (P), state N, groups G, conv kernel K, chunk Q; the SSD scan as the chunked algorithm
     * computes it, the causal pairs (i >= j) of each chunk only (docs/method.md writes it out).
     */
    private static boolean mamba2(Tally t, Layer.Mamba2 m, Shape in, long steps, boolean training) {
      boolean step = steps > 0; // decode: one cached step per token, no chunks
      long length = step ? steps : in.length();
      long d = in.channels();
      long inner = m.innerFor(in.channels());
      long heads = m.headsFor(in.channels());
      long n = m.state();
      long groups = m.groups();
      long groupState = Math.multiplyExact(2 * groups, n); // B and C
      long convDim = Math.addExact(inner, groupState);
      long projection = Math.addExact(Math.addExact(Math.multiplyExact(2, inner), groupState), heads); // z, xBC, dt
      long headState = Math.multiplyExact(inner, n); // P x N per head, all heads
      t.parameters = Math.addExact(Math.addExact(
          Math.addExact(Math.multiplyExact(d, projection), m.bias() ? projection : 0), // in_proj
          Math.addExact(Math.multiplyExact(convDim, m.conv()), m.convBias() ? convDim : 0)), // conv1d
          Math.addExact(Math.addExact(3 * heads, inner), // dt_bias, A_log, D; the norm's weight
              Math.addExact(Math.multiplyExact(inner, d), m.bias() ? d : 0))); // out_proj
      OpCounts.Builder f = OpCounts.builder();
      // in_proj, conv1d (+ bias) and its SiLU
      f.add(Op.MAC, Math.multiplyExact(length, Math.addExact(Math.multiplyExact(d, projection),
          Math.multiplyExact(convDim, m.conv()))));
      if (m.bias()) f.add(Op.ADD, length, projection);
      if (m.convBias()) f.add(Op.ADD, length, convDim);
      f.add(Op.SILU, length, convDim);
      // dt = softplus(dt + dt_bias) = log(1 + exp(.)): an add, an exp, an add, a log (priced as an exp)
      f.add(Op.ADD, 2 * length, heads).add(Op.EXP, 2 * length, heads);
      f.add(Op.EXP, step ? length * heads : heads); // A = -exp(A_log), once per sample (decode: per step)
      if (step) {
        // Hugging Face's cached step: the decay exp(dt A) per head, x dt; the state (I x N) decayed and
        // added the outer product (dt x) B^T; y = C . state, plus D x
        f.add(Op.MULTIPLY, length, heads).add(Op.EXP, length, heads).add(Op.MULTIPLY, length, inner);
        f.add(Op.MULTIPLY, length, headState).add(Op.MAC, Math.multiplyExact(2 * length, headState));
        f.add(Op.MULTIPLY, length, inner).add(Op.ADD, length, inner);
      } else {
        scan(f, length, heads, inner, m.headDim(), n, groups, m.chunk());
      }
      // gated RMS norm per group of I/G: y * silu(z), square, sum; per group 1/n, + eps, sqrt,
      // divide; times the reciprocal, times the weight
      f.add(Op.SILU, length, inner).add(Op.MULTIPLY, 4 * length, inner).add(Op.ADD, length, inner);
      f.add(Op.MULTIPLY, length, groups).add(Op.ADD, length, groups).add(Op.SQRT, length, groups)
          .add(Op.DIVIDE, length, groups);
      // out_proj
      f.add(Op.MAC, Math.multiplyExact(length, Math.multiplyExact(inner, d)));
      if (m.bias()) f.add(Op.ADD, length, d);
      // stages read their inputs and write their outputs: in_proj (D, projection), conv (xBC in
      // and out), scan (xBC and dt in, y out), norm (y and z in, out), out_proj (I in, D out)
      long perToken = Math.addExact(Math.addExact(Math.addExact(d, projection), Math.multiplyExact(3, convDim)),
          Math.addExact(Math.addExact(heads, Math.multiplyExact(5, inner)), d));
      composite(t, f.build(), Math.multiplyExact(perToken, length), training);
      return true;
    }

    /**
     * Mamba-2's SSD scan over {@code length} tokens as the chunked algorithm computes it (chunks of
     * {@code q}), the causal pairs (i >= j) of each chunk only: dt A and its cumulative sum, x dt, the
     * in-chunk quadratic part, the chunk states, the states passed between chunks, the output from the
     * state and the sum of both parts plus D x.
     */
    private static void scan(OpCounts.Builder f, long length, long heads, long inner, long p, long n, long groups,
        long q) {
      long chunks = (length + q - 1) / q;
      long rest = length % q;
      // causal pairs (i >= j) inside each chunk: Q(Q+1)/2 per full chunk, r(r+1)/2 for the last
      long pairs = Math.addExact(Math.multiplyExact(length / q, q * (q + 1) / 2), rest * (rest + 1) / 2);
      long headState = Math.multiplyExact(inner, n); // P x N per head, all heads
      f.add(Op.MULTIPLY, length, heads).add(Op.ADD, length, heads); // dt*A, its cumulative sum in the chunk
      f.add(Op.MULTIPLY, length, inner); // x * dt
      // within chunks: decay exp(cum_i - cum_j) per pair and head, C_i.B_j per pair and group,
      // times the decay, times x: the quadratic (attention-like) part
      f.add(Op.ADD, pairs, heads).add(Op.EXP, pairs, heads);
      f.add(Op.MAC, Math.multiplyExact(pairs, Math.multiplyExact(groups, n)));
      f.add(Op.MULTIPLY, pairs, heads);
      f.add(Op.MAC, Math.multiplyExact(pairs, Math.multiplyExact(heads, p)));
      // chunk states: decay to the chunk's end (add, exp), times x, outer products B_j x_j^T
      f.add(Op.ADD, length, heads).add(Op.EXP, length, heads).add(Op.MULTIPLY, length, inner);
      f.add(Op.MAC, Math.multiplyExact(length, headState));
      // states passed between chunks: decay (exp), times the previous state, plus this chunk's
      f.add(Op.EXP, chunks, heads).add(Op.MULTIPLY, chunks, headState).add(Op.ADD, chunks, headState);
      // output from the state: C_i . state, times exp(cum_i); plus the in-chunk part; plus D x
      f.add(Op.MAC, Math.multiplyExact(length, headState));
      f.add(Op.EXP, length, heads).add(Op.MULTIPLY, length, inner);
      f.add(Op.ADD, 2 * length, inner).add(Op.MULTIPLY, length, inner);
    }

    /**
     * The kinds made of several stages (recurrent, mixture of experts, Mamba-2): forward ALU tasks
     * and activation words as counted; training adds {@link #gradient} of the forward and moves
     * the forward's words twice more (the saved values read again, their gradients written and read).
     */
    private static void composite(Tally t, OpCounts forward, long forwardWords, boolean training) {
      t.sample.addAll(forward);
      t.activationWords = forwardWords;
      if (training) {
        t.sample.addAll(gradient(forward));
        t.activationWords = Math.multiplyExact(3, forwardWords);
      }
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

  /**
   * Why a decoder cannot have {@code layer} ({@link Generation}), or null: attention that is not causal,
   * windowed attention, a bidirectional recurrent layer, a conv1d that is not causal or is strided, a
   * class token or selected position. Sets {@code mixer[0]} when the layer mixes positions causally.
   * One case per kind (here, to share this class's switch on kinds): a new kind must decide.
   */
  static @Nullable String decoderProblem(Layer layer, boolean[] mixer) {
    return switch (layer.kind()) {
      case ATTENTION -> {
        Layer.Attention a = (Layer.Attention) layer;
        mixer[0] |= a.causal();
        yield a.window() > 0 ? "windowed attention" : a.causal() || a.cross() > 0 ? null
            : "attention that is not causal sees later positions; a decoder's attention is causal=true";
      }
      case LATENT_ATTENTION -> {
        mixer[0] |= ((Layer.LatentAttention) layer).causal();
        yield ((Layer.LatentAttention) layer).causal() ? null : "not causal";
      }
      case MAMBA2 -> {
        mixer[0] = true;
        yield null;
      }
      case LSTM, GRU -> {
        boolean both = layer instanceof Layer.Lstm l ? l.bidirectional() : ((Layer.Gru) layer).bidirectional();
        mixer[0] |= !both;
        yield both ? "bidirectional" : null;
      }
      case CONV1D -> {
        Layer.Conv1d c = (Layer.Conv1d) layer;
        mixer[0] |= c.causal() && c.kernel() > 1;
        yield c.stride() > 1 ? "strided" : c.causal() || c.kernel() == 1 ? null : "not causal";
      }
      case CLASS_TOKEN, SELECT_TOKEN -> "not one output per position";
      case DENSE, CONV2D, CONV_TRANSPOSE2D, UPSAMPLE, MAX_POOL2D, AVG_POOL2D, ADAPTIVE_AVG_POOL2D, BATCH_NORM,
          FLATTEN, DROPOUT, ACTIVATION, RESIDUAL, CONCAT, CHUNK, CHANNEL_SHUFFLE, GATE, LAYER_SCALE, REPEAT,
          MIXTURE_OF_EXPERTS, EMBEDDING, UNEMBED, POSITION_EMBEDDING, TOKENS, PIXEL_UNSHUFFLE, LAYER_NORM, RMS_NORM,
          GLU, COLUMNS -> null; // per position (or image-only, refused by the sequence's shape rules)
    };
  }

  /** ALU tasks of the backward pass of one element of an activation (from its saved output or input). */
  static OpCounts backward(ActivationFunction function) {
    OpCounts.Builder b = OpCounts.builder();
    switch (function) {
      case RELU -> b.add(Op.COMPARE, 1); // pass the gradient where x > 0
      case RELU6, HARDTANH -> b.add(Op.COMPARE, 2); // pass the gradient where lo < x < hi
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

  /**
   * The backward pass of forward ALU tasks, op by op: a MAC gives two (input and weight gradients,
   * as a dense layer), an add passes its gradient on (one add: where a value fans out, or a bias
   * gradient accumulates), a multiply gives one per factor, an exp one multiply by its saved output,
   * a divide a/b two divides and a multiply, a square root a divide and a multiply, an activation its
   * {@link #backward(ActivationFunction)}; a compare (a top-k or a mask) passes nothing.
   */
  static OpCounts gradient(OpCounts forward) {
    OpCounts.Builder b = OpCounts.builder();
    for (Op op : Op.values()) {
      long n = forward.get(op);
      if (n == 0) {
        continue;
      }
      switch (op) {
        case MAC -> b.add(Op.MAC, 2, n);
        case ADD -> b.add(Op.ADD, n);
        case MULTIPLY -> b.add(Op.MULTIPLY, 2, n);
        case EXP -> b.add(Op.MULTIPLY, n);
        case DIVIDE -> b.add(Op.DIVIDE, 2, n).add(Op.MULTIPLY, n);
        case SQRT -> b.add(Op.DIVIDE, n).add(Op.MULTIPLY, n);
        case COMPARE -> { }
        case RELU, RELU6, LEAKY_RELU, HARDSIGMOID, HARDSWISH, SIGMOID, TANH, SOFTMAX, GELU, SILU, ELU, HARDTANH ->
            b.addAll(backward(ActivationFunction.valueOf(op.name())).times(n));
      }
    }
    return b.build();
  }

  /** Counts mutable while one layer is tallied. */
  static final class Tally {
    final OpCounts.Builder sample = OpCounts.builder();
    final OpCounts.Builder step = OpCounts.builder();
    long parameters;
    /** Parameters one token uses, when fewer than {@link #parameters} (a mixture of experts); else -1. */
    long activeParameters = -1;
    long weightWords;
    long activationWords;
    /** Activation words of intermediate results, beyond the layer's input and output. */
    long innerWords;
    /** Whether the parameters are a table of which a sample reads only some rows (an embedding). */
    boolean gathered;
    /** Weight words read again within one step, beyond the reads per parameter (a recurrent layer's W_hh). */
    long rereadWeightWords;

    /** Words of a generation's cache read and written per sequence. */
    long cacheWords;
    /** A mixture of experts' routed experts and the experts each token runs; 0 for every other layer. */
    int routedExperts;
    int expertsPerToken;
    /** Multiplies the per-sample ALU tasks (decode: one position's, times the steps). */
    long sampleFactor = 1;

    LayerCost toCost(String name, LayerKind kind, String notation, Shape out) {
      return new LayerCost(name, kind, notation, out,
          sampleFactor == 1 ? sample.build() : sample.build().times(sampleFactor), step.build(), parameters,
          weightWords, activationWords, activeParameters < 0 ? parameters : activeParameters, cacheWords,
          routedExperts, expertsPerToken);
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
