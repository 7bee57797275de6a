package io.github.toenergy.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.toenergy.annotations.ActivationFunction;
import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.ArithmeticModel;
import io.github.toenergy.cost.ArithmeticModel.MemoryLevel;
import io.github.toenergy.cost.LayerCost;
import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.cost.Op;
import io.github.toenergy.cost.OpClass;
import io.github.toenergy.cost.OpCounts;
import io.github.toenergy.energy.Estimate;
import io.github.toenergy.energy.LayerEstimate;
import io.github.toenergy.energy.Workload;
import io.github.toenergy.model.Format;
import io.github.toenergy.model.Layer;
import io.github.toenergy.model.Network;
import io.github.toenergy.model.Shape;
import io.github.toenergy.profile.Profile;
import io.github.toenergy.profile.Profiles;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Properties of the counting core on random networks: per-layer rows add up to the network's
 * totals, MACs and parameters agree with the textbook formulas computed here independently, counts
 * are linear in the batch, and TOs never shrink when a layer or the input grows.
 */
class CountPropertiesTest {
  private static final List<ArithmeticModel> MODELS = List.of(ArithmeticModel.cmos(), ArithmeticModel.toml45nm());
  private static final Phase[] PHASES = new Phase[] {Phase.INFERENCE, Phase.TRAINING};

  @Test
  void layerRowsAddUpToTheNetworkTotals() {
    Property.forAll("rows add up", 400, r -> new Object[] {NetworkGen.network(r), PHASES[r.nextInt(2)],
        (long) r.nextInt(300), MODELS.get(r.nextInt(2))}, in -> {
      Network n = (Network) in[0];
      Phase phase = (Phase) in[1];
      long batch = (Long) in[2];
      ArithmeticModel model = (ArithmeticModel) in[3];
      NetworkCost cost = NetworkCost.of(n, phase);
      long macs = 0;
      long tos = 0;
      long bytes = 0;
      long parameters = 0;
      long movement = 0;
      long wordBytes = 0;
      OpCounts.Builder ops = OpCounts.builder();
      for (LayerCost row : cost.layers()) {
        macs += row.macs(batch);
        tos += row.tos(model, n.format(), batch);
        bytes += row.bytes(batch, n.format());
        wordBytes += stored(row.weightWordsPerStep(), n.format()) + stored(row.activationWordsPerSample(), n.format()) * batch;
        parameters += row.parameters();
        ops.addAll(row.ops(batch));
        movement += row.weightWordsPerStep() * model.tosPerWordMoved(MemoryLevel.MAIN, n.format())
            + row.activationWordsPerSample() * batch * model.tosPerWordMoved(MemoryLevel.ON_CHIP, n.format());
        assertTrue(row.parameters() >= 0 && row.weightWordsPerStep() >= 0 && row.activationWordsPerSample() >= 0);
      }
      assertEquals(macs, cost.macs(batch));
      assertEquals(tos, cost.tos(model, batch));
      assertEquals(bytes, cost.bytes(batch));
      assertEquals(parameters, cost.parameters());
      assertEquals(ops.build(), cost.ops(batch));
      // MACs are the MAC ops; TOs are the TOs of the ops, class by class, plus priced data movement
      assertEquals(cost.macs(batch), cost.ops(batch).get(Op.MAC));
      assertEquals(cost.ops(batch).tos(model, n.format()), tos - movement);
      long byClass = 0;
      for (OpClass c : OpClass.values()) byClass += cost.tos(model, batch, c);
      assertEquals(tos - movement, byClass);
      // bytes are the words moved times the format's width, weights and each sample's activations apart
      assertEquals(wordBytes, bytes);
    });
  }

  @Test
  void macsAndParametersMatchTheTextbookFormulas() {
    Property.forAll("textbook counts", 400, NetworkGen::network, n -> {
      long[] expected = textbook(n.layers(), n.input()); // {MACs per sample, parameters}
      NetworkCost inference = NetworkCost.of(n, Phase.INFERENCE);
      NetworkCost training = NetworkCost.of(n, Phase.TRAINING);
      assertEquals(expected[1], inference.parameters());
      assertEquals(expected[1], training.parameters());
      assertEquals(expected[0], inference.macs(1));
      assertEquals(7 * expected[0], inference.macs(7));
      // training: forward, backward for the input and for the weights (3x), plus one SGD update
      // MAC per parameter per step -- the documented assumptions -- and the dot products of the
      // backward passes of batch-norm (dgamma) and softmax (sum of s*g), one MAC per element
      assertEquals(expected[1], training.macs(0));
      long backwardDotMacs = training.macs(1) - training.macs(0) - 3 * expected[0];
      assertEquals(dotProductElements(n.layers(), n.input()), backwardDotMacs);
    });
  }

  /** MACs per sample of convolutions and dense layers, and trained parameters, by the textbook formulas. */
  private static long[] textbook(List<Layer> layers, Shape input) {
    long macs = 0;
    long parameters = 0;
    Shape in = input;
    for (Layer layer : layers) {
      Shape out = layer.outputShape(in);
      if (layer instanceof Layer.Conv2d c) {
        long weightsPerFilter = (long) (in.channels() / c.groups()) * c.kernel().height() * c.kernel().width();
        macs += (long) out.channels() * out.height() * out.width() * weightsPerFilter;
        parameters += c.filters() * weightsPerFilter + (c.bias() ? c.filters() : 0);
      } else if (layer instanceof Layer.ConvTranspose2d c) {
        // the weight is C_in x C_out/g x kh x kw; each input element meets its C_out/g x kh x kw slice
        long weightsPerInput = (long) (c.filters() / c.groups()) * c.kernel().height() * c.kernel().width();
        macs += in.elements() * weightsPerInput;
        parameters += in.channels() * weightsPerInput + (c.bias() ? c.filters() : 0);
      } else if (layer instanceof Layer.Dense d) {
        macs += in.positions() * in.channels() * d.units(); // the same weights at every position of a sequence
        parameters += (long) in.channels() * d.units() + (d.bias() ? d.units() : 0);
      } else if (layer instanceof Layer.Conv1d c) {
        long weightsPerFilter = (long) (in.channels() / c.groups()) * c.kernel();
        macs += out.elements() * weightsPerFilter;
        parameters += c.filters() * weightsPerFilter + (c.bias() ? c.filters() : 0);
      } else if (layer instanceof Layer.Unembed u) {
        macs += in.positions() * in.channels() * u.vocab(); // the tied table's product, no parameters
      } else if (layer instanceof Layer.Embedding e) {
        parameters += (long) e.vocab() * e.dim();
      } else if (layer instanceof Layer.PositionEmbedding p) {
        parameters += (long) p.rows() * in.channels();
      } else if (layer instanceof Layer.ClassToken || layer instanceof Layer.RmsNorm) {
        parameters += in.channels();
      } else if (layer instanceof Layer.LayerNorm n) {
        parameters += (n.bias() ? 2L : 1L) * in.channels();
      } else if (layer instanceof Layer.Attention a) {
        long[] counts = attention(a, in);
        macs += counts[0];
        parameters += counts[1];
      } else if (layer instanceof Layer.LatentAttention m) {
        long d = in.channels();
        long qk = m.nopeDim() + m.ropeDim();
        long weights = (m.qRank() > 0 ? d * m.qRank() + (long) m.qRank() * m.heads() * qk : d * m.heads() * qk)
            + d * (m.kvRank() + m.ropeDim()) + (long) m.kvRank() * m.heads() * (m.nopeDim() + m.vDim())
            + (long) m.heads() * m.vDim() * d;
        long l = in.length();
        macs += l * weights + (long) m.heads() * l * l * (qk + m.vDim());
        parameters += weights + m.qRank() + m.kvRank();
      } else if (layer instanceof Layer.Glu g) {
        macs += 3L * in.positions() * in.channels() * g.hidden();
        parameters += 3L * in.channels() * g.hidden() + (g.bias() ? 2L * g.hidden() + in.channels() : 0);
      } else if (layer instanceof Layer.Repeat rep) { // each repetition on the shape the one before gives
        Shape s = in;
        for (int r = 0; r < rep.times(); r++) {
          long[] once = textbook(rep.layers(), s);
          macs += once[0];
          parameters += once[1];
          for (Layer inner : rep.layers()) {
            s = inner.outputShape(s);
          }
        }
      } else if (layer instanceof Layer.BatchNorm) {
        parameters += 2L * in.channels();
      } else if (layer instanceof Layer.Lstm || layer instanceof Layer.Gru) {
        // PyTorch: per layer and direction W_ih (G*H x inputs), W_hh (G*H x H), b_ih and b_hh (G*H each)
        boolean lstm = layer instanceof Layer.Lstm;
        Layer.Lstm l = lstm ? (Layer.Lstm) layer : null;
        Layer.Gru g = lstm ? null : (Layer.Gru) layer;
        long gateUnits = (lstm ? 4L : 3L) * (lstm ? l.hidden() : g.hidden());
        int directions = (lstm ? l.bidirectional() : g.bidirectional()) ? 2 : 1;
        long inputs = in.channels();
        for (int i = 0; i < (lstm ? l.layers() : g.layers()); i++) {
          long weights = gateUnits * (inputs + (lstm ? l.hidden() : g.hidden()));
          macs += directions * in.length() * weights;
          parameters += directions * (weights + ((lstm ? l.bias() : g.bias()) ? 2 * gateUnits : 0));
          inputs = out.channels();
        }
      } else if (layer instanceof Layer.MixtureOfExperts m) {
        // router D x E; each expert (gate,) up, down of D x hidden; a token runs top + shared experts
        long expert = (m.gated() ? 3L : 2L) * in.channels() * m.hidden();
        long expertBias = m.bias() ? (m.gated() ? 2L : 1L) * m.hidden() + in.channels() : 0;
        macs += in.positions() * ((long) in.channels() * m.experts() + (long) (m.top() + m.shared()) * expert);
        parameters += (long) in.channels() * m.experts() + (m.bias() ? m.experts() : 0)
            + (long) (m.experts() + m.shared()) * (expert + expertBias);
      } else if (layer instanceof Layer.Mamba2 m) {
        // NemotronHMamba2Mixer: in_proj D x (2I + 2GN + H), conv1d (I + 2GN) x K, dt_bias, A_log, D, norm I,
        // out_proj I x D; MACs of the two projections and the conv per token, plus the scan's products
        long d = in.channels();
        long inner = m.heads() > 0 ? (long) m.heads() * m.headDim() : (long) m.expand() * d;
        long heads = inner / m.headDim();
        long convDim = inner + 2L * m.groups() * m.state();
        long projection = inner + convDim + heads;
        parameters += d * projection + (m.bias() ? projection : 0) + convDim * m.conv() + (m.convBias() ? convDim : 0)
            + 3 * heads + inner + inner * d + (m.bias() ? d : 0);
        long pairs = 0; // causal pairs of positions in each chunk, by enumeration
        for (int t = 0; t < in.length(); t++) pairs += t % m.chunk() + 1;
        macs += in.length() * (d * projection + convDim * m.conv() + inner * d + 2 * inner * m.state())
            + pairs * ((long) m.groups() * m.state() + inner);
      } else if (layer instanceof Layer.LayerScale) {
        parameters += in.channels();
      } else {
        for (List<Layer> branch : branches(layer)) {
          long[] inner = textbook(branch, in);
          macs += inner[0];
          parameters += inner[1];
        }
      }
      in = out;
    }
    return new long[] {macs, parameters};
  }

  /**
   * Multi-head attention as written out in its papers: Q = X Wq (T x D by D x h dk), K = M Wk and V = M Wv
   * (memory M x D by D x kvh dk), scores Q K^T per head (T x dk by dk x K), their softmax times V, and
   * the output projection (T x h dk by h dk x D); T counts whole windows when windowed.
   */
  private static long[] attention(Layer.Attention a, Shape in) {
    long d = in.channels();
    long h = a.heads();
    long dk = a.headDim() > 0 ? a.headDim() : d / h;
    long kvh = a.kvHeads() > 0 ? a.kvHeads() : h;
    long t = in.positions();
    long keys = a.cross() > 0 ? a.cross() : t;
    if (a.window() > 0) {
      long w = a.window();
      t = in.spatial() ? ((in.height() + w - 1) / w) * w * ((in.width() + w - 1) / w) * w : ((t + w - 1) / w) * w;
      keys = in.spatial() ? w * w : w;
    }
    long memory = a.cross() > 0 ? a.cross() : t;
    // Swin V2's bias MLP (2 -> n -> heads, no bias on the second) runs on each of the (2w-1)^2 offsets
    long offsets = (2L * a.window() - 1) * (2L * a.window() - 1);
    long mlp = a.biasMlp() > 0 ? offsets * (2L * a.biasMlp() + (long) a.biasMlp() * h) : 0;
    long macs = t * d * h * dk + 2 * memory * d * kvh * dk + t * h * dk * d + 2 * h * t * keys * dk + mlp;
    long parameters = 2 * d * h * dk + 2 * d * kvh * dk + (a.bias() ? h * dk + 2 * kvh * dk : 0) + (a.outBias() ? d : 0)
        + a.relativeBias() * h + (a.qkNorm() ? 2 * dk : 0) + (a.sinks() ? h : 0)
        + (a.biasMlp() > 0 ? 3L * a.biasMlp() + (long) a.biasMlp() * h : 0) + (a.cosine() ? h : 0);
    return new long[] {macs, parameters, h * t * keys + (a.sinks() ? h * t : 0)};
  }

  /** Elements entering batch-norm and softmax layers (attention's scores, a softmax-gated MLP's hidden features). */
  private static long dotProductElements(List<Layer> layers, Shape input) {
    long elements = 0;
    Shape in = input;
    for (Layer layer : layers) {
      if (layer instanceof Layer.BatchNorm
          || layer instanceof Layer.Activation a && a.function() == ActivationFunction.SOFTMAX) {
        elements += (long) in.channels() * in.height() * in.width();
      } else if (layer instanceof Layer.Attention a) {
        elements += attention(a, in)[2];
      } else if (layer instanceof Layer.LatentAttention m) {
        elements += (long) m.heads() * in.length() * in.length();
      } else if (layer instanceof Layer.Glu g && g.activation() == ActivationFunction.SOFTMAX) {
        elements += in.positions() * g.hidden();
      } else if (layer instanceof Layer.Repeat rep) {
        Shape s = in;
        for (int r = 0; r < rep.times(); r++) {
          elements += dotProductElements(rep.layers(), s);
          for (Layer inner : rep.layers()) {
            s = inner.outputShape(s);
          }
        }
      } else if (layer instanceof Layer.MixtureOfExperts m) { // the router's softmax, and a softmax in the experts
        elements += in.positions() * (m.experts()
            + (m.activation() == ActivationFunction.SOFTMAX ? (long) (m.top() + m.shared()) * m.hidden() : 0));
      } else {
        for (List<Layer> branch : branches(layer)) {
          elements += dotProductElements(branch, in);
        }
      }
      in = layer.outputShape(in);
    }
    return elements;
  }

  /** Bytes of {@code words} values: MXFP4 stores 32 elements of 4 bits and one 8-bit scale in 17 bytes, a partial block padded. */
  private static long stored(long words, Format format) {
    return format == Format.MXFP4 ? (words + 31) / 32 * 17 : words * format.bits() / 8;
  }

  @Test
  void countsAreLinearInTheBatch() {
    Property.forAll("linear in batch", 300, r -> new Object[] {NetworkGen.network(r), PHASES[r.nextInt(2)],
        1L + r.nextInt(1000), 1L + r.nextInt(1000)}, in -> {
      NetworkCost cost = NetworkCost.of((Network) in[0], (Phase) in[1]);
      long a = (Long) in[2];
      long b = (Long) in[3];
      for (ArithmeticModel model : MODELS) {
        assertEquals(cost.tos(model, a + b) + cost.tos(model, 0), cost.tos(model, a) + cost.tos(model, b));
      }
      assertEquals(cost.bytes(a + b) + cost.bytes(0), cost.bytes(a) + cost.bytes(b));
      assertEquals(cost.ops(a + b).plus(cost.ops(0)), cost.ops(a).plus(cost.ops(b)));
    });
  }

  @Test
  void estimateLayersAddUpToTheEstimate() {
    List<Profile> profiles = List.copyOf(Profiles.all());
    Property.forAll("estimate layers add up", 300, r -> new Object[] {NetworkGen.network(r),
        new Workload(PHASES[r.nextInt(2)], 1 + r.nextInt(256), r.nextBoolean() ? 0 : 1 + r.nextInt(1000)),
        profiles.get(r.nextInt(profiles.size()))}, in -> {
      Estimate e = ((Profile) in[2]).estimate((Network) in[0], (Workload) in[1]);
      long tos = 0;
      long macs = 0;
      double joules = 0;
      double share = 0;
      for (LayerEstimate l : e.layers()) {
        tos += l.tos();
        macs += l.macs();
        joules += l.joules();
        share += l.share();
        assertTrue(l.joules() >= 0 && l.share() >= 0 && l.share() <= 1 + 1e-12, l.toString());
      }
      assertEquals(e.tos(), tos);
      assertEquals(e.macs(), macs);
      if (!e.layers().isEmpty()) {
        assertEquals(e.joules(), joules, 1e-9 * e.joules());
        assertEquals(1.0, share, 1e-9);
      }
      assertTrue(e.low() <= e.joules() && e.joules() <= e.high() && Double.isFinite(e.high()), e.toString());
    });
  }

  // ---- monotonicity -------------------------------------------------------------------------

  @Test
  void tosGrowWithTheBatch() {
    Property.forAll("TOs grow with batch", 300, r -> new Object[] {NetworkGen.convFirst(r), 1L + r.nextInt(500),
        1L + r.nextInt(50)}, in -> {
      Network n = (Network) in[0];
      long batch = (Long) in[1];
      long more = batch + (Long) in[2];
      for (Phase phase : PHASES) {
        NetworkCost cost = NetworkCost.of(n, phase);
        for (ArithmeticModel model : MODELS) {
          assertTrue(cost.tos(model, more) > cost.tos(model, batch), phase + " " + model.id());
        }
      }
    });
  }

  @Test
  void tosGrowWithDenseUnits() {
    Property.forAll("TOs grow with units", 300, r -> {
      Network n = NetworkGen.flat(r);
      List<Integer> dense = indicesOf(n, Layer.Dense.class);
      Property.assume(!dense.isEmpty());
      int at = dense.get(r.nextInt(dense.size()));
      int extra = 1 + r.nextInt(64);
      return new Object[] {n, grown(n, at, l -> new Layer.Dense(((Layer.Dense) l).units() + extra, ((Layer.Dense) l).bias()))};
    }, CountPropertiesTest::assertGrows);
  }

  @Test
  void tosGrowWithConvolutionFilters() {
    Property.forAll("TOs grow with filters", 300, r -> {
      Network n = NetworkGen.convFirst(r);
      List<Integer> convs = indicesOf(n, Layer.Conv2d.class);
      int at = convs.get(r.nextInt(convs.size()));
      int extra = 1 + r.nextInt(8);
      return new Object[] {n, grown(n, at, l -> {
        Layer.Conv2d c = (Layer.Conv2d) l;
        return new Layer.Conv2d(c.filters() + extra * c.groups(), c.kernel(), c.stride(), c.padding(), c.dilation(),
            c.groups(), c.bias());
      })};
    }, CountPropertiesTest::assertGrows);
  }

  /**
   * A larger input never lowers the TOs. Not strictly: a strided layer can map two input sides to
   * one output side. Adaptive pooling is left out: PyTorch's overlapping windows make its adds
   * non-monotone (7 -> 4 windows of 2,3,3,2 = 10 elements, 8 -> 4 windows of 2 = 8 elements).
   */
  @Test
  void tosDoNotShrinkWithALargerInput() {
    int[] strictlyMore = {0};
    Property.forAll("TOs grow with input side", 300, r -> {
      Network n = NetworkGen.convFirst(r);
      Property.assume(!containsAdaptivePooling(n.layers()));
      Shape s = n.input();
      Shape larger = Shape.of(s.channels(), s.height() + r.nextInt(5), s.width() + 1 + r.nextInt(5));
      Network bigger;
      try {
        bigger = new Network(n.name(), larger, n.format(), n.layers());
      } catch (IllegalArgumentException e) {
        throw new Property.Discard(); // e.g. residual branches whose sides no longer meet
      }
      return new Object[] {n, bigger};
    }, in -> {
      Network small = (Network) in[0];
      Network big = (Network) in[1];
      for (Phase phase : PHASES) {
        for (ArithmeticModel model : MODELS) {
          long before = NetworkCost.of(small, phase).tos(model, 1);
          long after = NetworkCost.of(big, phase).tos(model, 1);
          assertTrue(after >= before, phase + " " + model.id() + ": " + before + " -> " + after);
          if (after > before) strictlyMore[0]++;
        }
      }
    });
    assertTrue(strictlyMore[0] > 300, "a larger input usually costs more: " + strictlyMore[0]);
  }

  @Test
  void adaptivePoolingIsNotMonotoneInTheInputSide() {
    // the counter-example of the monotonicity property above, enumerated by hand
    long adds7 = NetworkCost.of(Network.parse("input(1,7,1) adaptiveavgpool(4)"), Phase.INFERENCE).ops(1).get(Op.ADD);
    long adds8 = NetworkCost.of(Network.parse("input(1,8,1) adaptiveavgpool(4)"), Phase.INFERENCE).ops(1).get(Op.ADD);
    // a 7x1 or 8x1 input pooled to 4x4: along the width every window is the single column, so
    // each of the 4 width windows repeats the height windows: 7 -> 4 x (10 - 4) = 24 adds
    assertEquals(24, adds7);
    assertEquals(16, adds8); // 4 x (8 - 4)
  }

  /** The closed form of adaptive pooling against enumerating PyTorch's windows one by one. */
  @Test
  void adaptivePoolingMatchesEnumeratedWindows() {
    Property.forAll("adaptive windows", 500, r -> new int[] {1 + r.nextInt(6), 1 + r.nextInt(60), 1 + r.nextInt(60),
        1 + r.nextInt(40)}, in -> {
      Network n = new Network("a", Shape.of(in[0], in[1], in[2]), io.github.toenergy.model.Format.FP32,
          List.of(new Layer.AdaptiveAvgPool2d(in[3])));
      OpCounts ops = NetworkCost.of(n, Phase.INFERENCE).ops(1);
      long adds = 0;
      long multiplies = 0;
      for (int i = 0; i < in[3]; i++) {
        for (int j = 0; j < in[3]; j++) {
          long size = windowSize(i, in[1], in[3]) * windowSize(j, in[2], in[3]);
          adds += size - 1;
          if (size > 1) multiplies++;
        }
      }
      assertEquals(in[0] * adds, ops.get(Op.ADD));
      assertEquals(in[0] * multiplies, ops.get(Op.MULTIPLY));
    });
  }

  /** PyTorch: window i spans [floor(i*in/out), ceil((i+1)*in/out)). */
  private static long windowSize(int i, int in, int out) {
    long start = Math.floorDiv((long) i * in, out);
    long end = -Math.floorDiv(-(long) (i + 1) * in, out);
    return end - start;
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static void assertGrows(Object[] in) {
    Network small = (Network) in[0];
    Network big = (Network) in[1];
    for (Phase phase : PHASES) {
      for (ArithmeticModel model : MODELS) {
        long before = NetworkCost.of(small, phase).tos(model, 1);
        long after = NetworkCost.of(big, phase).tos(model, 1);
        assertTrue(after > before, phase + " " + model.id() + ": " + before + " -> " + after);
      }
    }
  }

  private static List<Integer> indicesOf(Network n, Class<? extends Layer> kind) {
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i < n.layers().size(); i++) {
      if (kind.isInstance(n.layers().get(i))) at.add(i);
    }
    return at;
  }

  /** {@code n} with layer {@code at} replaced; discarded when the rest no longer fits. */
  private static Network grown(Network n, int at, UnaryOperator<Layer> grow) {
    List<Layer> layers = new ArrayList<>(n.layers());
    layers.set(at, grow.apply(layers.get(at)));
    try {
      return new Network(n.name(), n.input(), n.format(), layers);
    } catch (IllegalArgumentException e) {
      throw new Property.Discard(); // e.g. a later convolution's groups no longer divide the channels
    }
  }

  /** The branches of a block layer (residual: body and shortcut; concat; gate: its body), each fed the block's input. */
  static List<List<Layer>> branches(Layer layer) {
    if (layer instanceof Layer.Residual res) return List.of(res.body(), res.shortcut());
    if (layer instanceof Layer.Concat concat) return concat.branches();
    if (layer instanceof Layer.Gate gate) return List.of(gate.body());
    return List.of();
  }

  private static boolean containsAdaptivePooling(List<Layer> layers) {
    for (Layer layer : layers) {
      if (layer instanceof Layer.AdaptiveAvgPool2d) return true;
      for (List<Layer> branch : branches(layer)) {
        if (containsAdaptivePooling(branch)) return true;
      }
    }
    return false;
  }
}
