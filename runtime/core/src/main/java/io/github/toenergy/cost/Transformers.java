package io.github.toenergy.cost;

import io.github.toenergy.annotations.ActivationFunction;
import io.github.toenergy.cost.LayerArithmetic.Tally;
import io.github.toenergy.model.Layer;
import io.github.toenergy.model.Shape;
import java.util.Objects;

/**
 * The ALU tasks of the sequence and transformer layers, one method per kind, for {@link
 * LayerArithmetic#count}: the compositions, with worked numbers, are in docs/method.md ("Layers into
 * ALU tasks"). MACs are the multiply-accumulates of the projections and of the matrix products
 * between activations (QK^T and AV), what torchvision's GFLOPS, fvcore and PyTorch's
 * {@code FlopCounterMode} count: a causal or sliding-window mask does not shrink them, as those
 * counters count the dense product that the mask is applied to. Every {@code long} is exact: an
 * overflow throws.
 */
final class Transformers {
  private Transformers() {}

  /** As a convolution, over one axis: each output position reads kernel x features-per-group inputs. */
  static boolean conv1d(Tally t, Layer.Conv1d c, Shape in, long nOut, boolean training) {
    long kernelTaps = Math.multiplyExact((long) c.channelsPerGroup(in), c.kernel());
    long macs = Math.multiplyExact(nOut, kernelTaps);
    t.sample.add(Op.MAC, macs);
    t.parameters = Math.addExact(Math.multiplyExact(c.filters(), kernelTaps), c.bias() ? c.filters() : 0);
    if (c.bias()) t.sample.add(Op.ADD, nOut);
    if (training) {
      t.sample.add(Op.MAC, 2, macs); // dX and dW
      if (c.bias()) t.sample.add(Op.ADD, nOut);
    }
    return true;
  }

  /**
   * A lookup: no arithmetic forward; the looked-up rows are read (inner words), not the whole table.
   * Training scatters each position's gradient into its row (one add per element); the update then
   * touches every parameter, as PyTorch's dense embedding gradient does.
   */
  static boolean embedding(Tally t, Layer.Embedding e, long nOut, boolean training) {
    t.parameters = Math.multiplyExact((long) e.vocab(), e.dim());
    t.gathered = true;
    t.innerWords = nOut;
    if (training) t.sample.add(Op.ADD, nOut);
    return true;
  }

  /**
   * A projection with the embedding's table transposed: D x vocab MACs per position, like a dense layer
   * without bias; its weights are the embedding's parameters (counted there, updated there) but are read
   * here too: once per step, three times in training (forward, dX, the gradient added to the table's).
   */
  static boolean unembed(Tally t, Layer.Unembed u, Shape in, boolean training) {
    long table = Math.multiplyExact((long) u.vocab(), in.channels());
    long macs = Math.multiplyExact(table, in.positions());
    t.sample.add(Op.MAC, macs);
    t.weightWords = training ? Math.multiplyExact(3, table) : table;
    if (training) t.sample.add(Op.MAC, 2, macs);
    return true;
  }

  /**
   * Layer norm ({@code rms} false) or RMS norm over the D features at each position. Forward per
   * position: layer norm has 3D+1 adds (sum, centre, sum of squares, epsilon; +D for the shift) and
   * 3D+2 multiplies (square, two times 1/D, normalise, scale); RMS norm D+1 adds and 3D+1 multiplies
   * (square, 1/D, normalise, scale); both one square root and one divide. Backward per position:
   * layer norm 5D adds (+D for the shift's gradient) and 5D+2 multiplies; RMS norm 3D and 5D+3.
   */
  static boolean norm(Tally t, Shape in, boolean rms, boolean bias, boolean training) {
    long d = in.channels();
    long positions = in.positions();
    t.parameters = bias ? 2 * d : d;
    rowNorm(t.sample, d, positions, rms, bias);
    if (training) {
      t.sample.add(Op.ADD, rms ? 3 * d : bias ? 6 * d : 5 * d, positions);
      t.sample.add(Op.MULTIPLY, rms ? 5 * d + 3 : 5 * d + 2, positions);
    }
    return true;
  }

  /** The forward tasks of a norm over {@code d} features, for each of {@code vectors}. */
  private static void rowNorm(OpCounts.Builder b, long d, long vectors, boolean rms, boolean bias) {
    b.add(Op.ADD, rms ? d + 1 : bias ? 4 * d + 1 : 3 * d + 1, vectors);
    b.add(Op.MULTIPLY, rms ? 3 * d + 1 : 3 * d + 2, vectors);
    b.add(Op.SQRT, vectors);
    b.add(Op.DIVIDE, vectors);
  }

  /**
   * Multi-head attention. With T query positions (an image's windows padded to whole windows, as
   * torchvision's Swin), M positions keys and values are projected from (T, or the cross-attention
   * memory), K keys per query (T, the window, or M) and S = heads x T x K scores:
   * <ul>
   *   <li>MACs: the Q, K, V and output projections, T*D*h*dk + 2*M*D*kvh*dk + T*h*dk*D, plus
   *       QK^T and AV, 2*S*dk;
   *   <li>element-wise: the projections' biases, a multiply by 1/sqrt(dk) per query feature, an add
   *       per score for a relative position bias and for the shifted windows' mask, a softmax per
   *       score (and per row for a sink), rotary embedding (2 multiplies and 1 add per query and key
   *       feature), an RMS norm per head's query and key;
   *   <li>backward: twice the MACs (two gradients per product), the softmax's backward per score, the
   *       other element-wise tasks once more.
   * </ul>
   */
  static boolean attention(Tally t, Layer.Attention a, Shape in, boolean training) {
    long d = in.channels();
    long heads = a.heads();
    long tokens = in.positions();
    long keys = a.cross() > 0 ? a.cross() : tokens;
    boolean masked = false;
    if (a.window() > 0) {
      long w = a.window();
      if (in.spatial()) {
        long paddedHeight = ceilDiv(in.height(), w) * w;
        long paddedWidth = ceilDiv(in.width(), w) * w;
        tokens = Math.multiplyExact(paddedHeight, paddedWidth);
        keys = w * w;
        // torchvision drops the shift (and its mask) along a side no longer than the window
        masked = a.shift() > 0 && (w < paddedHeight || w < paddedWidth);
      } else {
        tokens = Math.multiplyExact(ceilDiv(tokens, w), w);
        keys = w;
        masked = a.shift() > 0 && w < tokens;
      }
    }
    long memory = a.cross() > 0 ? a.cross() : tokens;
    long scores = Math.multiplyExact(Math.multiplyExact(heads, tokens), keys);
    attend(t, a, d, tokens, memory, scores, masked, a.cross() > 0 ? Math.multiplyExact(memory, d) : 0, training);
    return true;
  }

  /**
   * The decode steps of a causal (or cross-) attention, all of them in one row: at each of the T steps
   * the new position's query, key and value are projected (a cross-attention's keys and values come
   * from the cache instead) and its query meets every key in the cache ({@link Generation#keys(Layer.Attention)}
   * per head, summed over the steps); then as {@link #attention} with T query positions.
   */
  static boolean decodeAttention(Tally t, Layer.Attention a, Shape in, Generation g) {
    long scores = Math.multiplyExact(a.heads(), g.keys(a));
    attend(t, a, in.channels(), g.tokens, a.cross() > 0 ? 0 : g.tokens, scores, false, 0, false);
    return true;
  }

  /**
   * What attention costs for {@code tokens} query positions, {@code memory} positions whose keys and
   * values are projected, {@code scores} query-key pairs over all heads, {@code memoryWords} words of
   * a cross-attention's memory read.
   */
  private static void attend(Tally t, Layer.Attention a, long d, long tokens, long memory, long scores,
      boolean masked, long memoryWords, boolean training) {
    long heads = a.heads();
    long dk = a.headDim((int) d);
    long qWidth = Math.multiplyExact(heads, dk);
    long kvWidth = Math.multiplyExact((long) a.keyValueHeads(), dk);
    long queryFeatures = Math.multiplyExact(tokens, qWidth);
    long keyFeatures = Math.multiplyExact(memory, kvWidth);
    long projections = Math.addExact(Math.multiplyExact(Math.multiplyExact(2, queryFeatures), d),
        Math.multiplyExact(Math.multiplyExact(2, keyFeatures), d));
    long macs = Math.addExact(projections, Math.multiplyExact(Math.multiplyExact(2, scores), dk));
    long biasMlpParameters = 0;
    OpCounts.Builder biasMlp = OpCounts.builder();
    if (a.biasMlp() > 0) {
      // Swin V2's continuous position bias, once per forward pass (counted per sample: exact at batch 1, as
      // torchvision's figure): Linear(2, n) + ReLU + Linear(n, heads, bias=False) on each of the
      // (2w-1)^2 offsets, then 16 sigmoid(bias)
      long offsets = (2L * a.window() - 1) * (2L * a.window() - 1);
      long hidden = Math.multiplyExact(offsets, a.biasMlp());
      macs = Math.addExact(macs, Math.addExact(Math.multiplyExact(2, hidden), Math.multiplyExact(hidden, heads)));
      biasMlp.add(Op.ADD, hidden).add(Op.RELU, hidden).add(Op.SIGMOID, offsets * heads).add(Op.MULTIPLY, offsets * heads);
      biasMlpParameters = 3L * a.biasMlp() + (long) a.biasMlp() * heads;
    }

    OpCounts.Builder elementwise = OpCounts.builder();
    if (a.bias()) elementwise.add(Op.ADD, Math.addExact(queryFeatures, Math.multiplyExact(2, keyFeatures)));
    if (a.outBias()) elementwise.add(Op.ADD, Math.multiplyExact(tokens, d));
    if (a.cosine()) {
      // Swin V2: q and k L2-normalised per head (square, sum, root, divide, scale), scores times a learned scale
      long vectors = Math.addExact(Math.multiplyExact(tokens, heads), Math.multiplyExact(memory, (long) a.keyValueHeads()));
      elementwise.add(Op.MULTIPLY, 2 * dk, vectors).add(Op.ADD, dk, vectors).add(Op.SQRT, vectors).add(Op.DIVIDE, vectors);
      elementwise.add(Op.MULTIPLY, scores);
    } else {
      elementwise.add(Op.MULTIPLY, queryFeatures); // q / sqrt(dk)
    }
    if (a.relativeBias() > 0 || a.biasMlp() > 0) elementwise.add(Op.ADD, scores);
    elementwise.addAll(biasMlp.build());
    if (masked) elementwise.add(Op.ADD, scores);
    if (a.rope()) rotate(elementwise, Math.addExact(queryFeatures, keyFeatures));
    if (a.qkNorm()) {
      rowNorm(elementwise, dk, Math.addExact(Math.multiplyExact(tokens, heads),
          Math.multiplyExact(memory, (long) a.keyValueHeads())), true, false);
    }
    OpCounts forwardElementwise = elementwise.build();
    long softmaxes = Math.addExact(scores, a.sinks() ? Math.multiplyExact(heads, tokens) : 0);

    t.sample.add(Op.MAC, macs).add(Op.SOFTMAX, softmaxes).addAll(forwardElementwise);
    long qkvOut = Math.addExact(Math.multiplyExact(2, queryFeatures), Math.multiplyExact(2, keyFeatures));
    t.parameters = sum(Math.multiplyExact(qWidth, 2 * d), Math.multiplyExact(kvWidth, 2 * d),
        a.bias() ? Math.addExact(qWidth, 2 * kvWidth) : 0, a.outBias() ? d : 0,
        Math.multiplyExact((long) a.relativeBias(), heads), a.qkNorm() ? 2 * dk : 0, a.sinks() ? heads : 0,
        biasMlpParameters, a.cosine() ? heads : 0);
    // q, k, v and the heads' outputs written and read; scores and probabilities written and read
    t.innerWords = sum(Math.multiplyExact(2, qkvOut), Math.multiplyExact(4, scores), memoryWords);
    if (training) backward(t, macs, softmaxes, forwardElementwise);
  }

  /**
   * Multi-head latent attention (DeepSeek-V2/V3) as Hugging Face's reference code computes it,
   * keys and values expanded from the latent (no weight absorption): query down (or one full)
   * projection, RMS norm of the query latent, query up; the key/value latent with the shared rotary
   * key, its RMS norm, key/value up; QK^T over nope + rope features, AV over vDim; output projection.
   */
  static boolean latentAttention(Tally t, Layer.LatentAttention m, Shape in, boolean training) {
    long d = in.channels();
    long positions = in.positions();
    long heads = m.heads();
    long qk = (long) m.nopeDim() + m.ropeDim();
    long latentWidth = (long) m.kvRank() + m.ropeDim();
    long weights = latentWeights(m, d);
    long scores = Math.multiplyExact(Math.multiplyExact(heads, positions), positions);
    long macs = Math.addExact(Math.multiplyExact(weights, positions), Math.multiplyExact(scores, qk + m.vDim()));

    OpCounts.Builder elementwise = OpCounts.builder();
    if (m.qRank() > 0) rowNorm(elementwise, m.qRank(), positions, true, false);
    rowNorm(elementwise, m.kvRank(), positions, true, false);
    elementwise.add(Op.MULTIPLY, Math.multiplyExact(positions, heads * qk)); // q / sqrt(qk)
    rotate(elementwise, Math.multiplyExact(positions, (heads + 1) * m.ropeDim())); // per head q, shared k
    OpCounts forwardElementwise = elementwise.build();

    t.sample.add(Op.MAC, macs).add(Op.SOFTMAX, scores).addAll(forwardElementwise);
    t.parameters = sum(weights, m.qRank(), m.kvRank()); // + the two norms' scales
    long features = sum(m.qRank(), latentWidth, heads * qk, heads * qk, heads * ((long) m.nopeDim() + m.vDim()),
        heads * m.vDim());
    t.innerWords = Math.addExact(Math.multiplyExact(2, Math.multiplyExact(positions, features)),
        Math.multiplyExact(4, scores));
    if (training) backward(t, macs, scores, forwardElementwise);
    return true;
  }

  /**
   * The decode steps of latent attention with a latent cache, as serving engines run it (vLLM,
   * FlashMLA: the key/value up-projections absorbed into the query and output sides, so that the
   * cache is never expanded): per step the query path, the new position's latent and rotary key,
   * each head's query times W_UK (nope x kvRank), scores over kvRank + ropeDim features against every
   * cached latent, values summed in the latent (kvRank), times W_UV (kvRank x vDim), the output
   * projection. Per step the projections' MACs equal the layer's weights; the per-key MACs are
   * heads x (2 kvRank + ropeDim).
   */
  static boolean decodeLatentAttention(Tally t, Layer.LatentAttention m, Shape in, Generation g) {
    long steps = g.tokens;
    long heads = m.heads();
    long qk = (long) m.nopeDim() + m.ropeDim();
    long latentWidth = (long) m.kvRank() + m.ropeDim();
    long weights = latentWeights(m, in.channels()); // W_UK and W_UV absorbed: the same products
    long scores = Math.multiplyExact(heads, g.keys());
    long macs = Math.addExact(Math.multiplyExact(weights, steps),
        Math.multiplyExact(scores, Math.addExact(2L * m.kvRank(), m.ropeDim())));
    OpCounts.Builder elementwise = OpCounts.builder();
    if (m.qRank() > 0) rowNorm(elementwise, m.qRank(), steps, true, false);
    rowNorm(elementwise, m.kvRank(), steps, true, false);
    elementwise.add(Op.MULTIPLY, Math.multiplyExact(steps, heads * qk)); // q / sqrt(qk)
    rotate(elementwise, Math.multiplyExact(steps, (heads + 1) * m.ropeDim()));
    t.sample.add(Op.MAC, macs).add(Op.SOFTMAX, scores).addAll(elementwise.build());
    t.parameters = sum(weights, m.qRank(), m.kvRank());
    // per step: the query latent, the new latent, the absorbed queries, the latent outputs, the
    // values, each written and read; scores and probabilities written and read
    long features = sum(m.qRank(), latentWidth, heads * latentWidth, heads * (long) m.kvRank(), heads * m.vDim());
    t.innerWords = Math.addExact(Math.multiplyExact(2, Math.multiplyExact(steps, features)),
        Math.multiplyExact(4, scores));
    return true;
  }

  /**
   * Latent attention's weights on D features: the query path (down and up, or one projection), the
   * latent and rotary key, key/value up (W_UK, W_UV), output.
   */
  private static long latentWeights(Layer.LatentAttention m, long d) {
    long heads = m.heads();
    long qk = (long) m.nopeDim() + m.ropeDim();
    long queryWeights = m.qRank() > 0
        ? Math.addExact(Math.multiplyExact(d, m.qRank()), Math.multiplyExact((long) m.qRank(), heads * qk))
        : Math.multiplyExact(d, heads * qk);
    return sum(queryWeights, Math.multiplyExact(d, (long) m.kvRank() + m.ropeDim()),
        Math.multiplyExact((long) m.kvRank(), heads * ((long) m.nopeDim() + m.vDim())),
        Math.multiplyExact(heads * m.vDim(), d));
  }

  /**
   * A gated MLP at each position: gate and up projections (2*D*H MACs), the activation of the gate
   * and its product with up (H each), the down projection (H*D MACs); biases if asked.
   */
  static boolean glu(Tally t, Layer.Glu g, Shape in, boolean training) {
    long d = in.channels();
    long positions = in.positions();
    long hidden = g.hidden();
    long hiddenFeatures = Math.multiplyExact(positions, hidden);
    long macs = Math.multiplyExact(Math.multiplyExact(3, hiddenFeatures), d);
    Op activation = Objects.requireNonNull(Op.of(g.activation()), "refused by Glu's rules");
    OpCounts.Builder elementwise = OpCounts.builder().add(Op.MULTIPLY, hiddenFeatures);
    if (g.bias()) elementwise.add(Op.ADD, Math.addExact(Math.multiplyExact(2, hiddenFeatures), Math.multiplyExact(positions, d)));
    OpCounts forwardElementwise = elementwise.build();
    t.sample.add(Op.MAC, macs).add(activation, hiddenFeatures).addAll(forwardElementwise);
    t.parameters = Math.addExact(Math.multiplyExact(3 * hidden, d), g.bias() ? 2 * hidden + d : 0);
    t.innerWords = Math.multiplyExact(8, hiddenFeatures); // gate, up, act(gate), product: written, read
    if (training) {
      t.sample.add(Op.MAC, 2, macs);
      t.sample.addAll(LayerArithmetic.backward(g.activation()).times(hiddenFeatures));
      t.sample.add(Op.MULTIPLY, 2, hiddenFeatures); // the product's two gradients
      if (g.bias()) t.sample.add(Op.ADD, Math.addExact(Math.multiplyExact(2, hiddenFeatures), Math.multiplyExact(positions, d)));
    }
    return true;
  }

  private static void backward(Tally t, long macs, long softmaxes, OpCounts forwardElementwise) {
    t.sample.add(Op.MAC, 2, macs);
    t.sample.addAll(LayerArithmetic.backward(ActivationFunction.SOFTMAX).times(softmaxes));
    t.sample.addAll(forwardElementwise);
  }

  /** Rotary embedding: x*cos + rotate(x)*sin, two multiplies and one add per rotated feature. */
  private static void rotate(OpCounts.Builder b, long features) {
    b.add(Op.MULTIPLY, 2, features);
    b.add(Op.ADD, features);
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  private static long sum(long... values) {
    long total = 0;
    for (long v : values) {
      total = Math.addExact(total, v);
    }
    return total;
  }
}
