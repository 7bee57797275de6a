package io.github.toenergy.cost;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.model.InvalidNetworkException;
import io.github.toenergy.model.Layer;
import io.github.toenergy.model.LayerKind;
import io.github.toenergy.model.Network;
import io.github.toenergy.model.Shape;
import java.util.List;

/**
 * The lengths of one generation workload of a decoder, and the network rewritten to the length each
 * phase runs: prefill runs the {@code prompt} positions at once, decode runs {@code tokens} steps of
 * one position each. Decode step {@code i} (from 0) appends its key and value to the cache and attends
 * over the {@code prompt + i + 1} positions there; the sums over steps below are exact, in closed form.
 *
 * (A class, not a record: its generated members would cost the runtime jar, whose size is budgeted.)
 */
final class Generation {
  /** {@link Phase#PREFILL} or {@link Phase#DECODE}. */
  final Phase phase;
  /** Prompt positions, positive. */
  final long prompt;
  /** Decode steps (tokens generated per sequence); 0 for prefill. */
  final long tokens;

  Generation(Phase phase, long prompt, long tokens) {
    if (!phase.generation() || prompt <= 0 || (phase == Phase.DECODE ? tokens <= 0 : tokens != 0)) {
      throw new IllegalArgumentException("not a generation: " + phase + " prompt " + prompt + " tokens " + tokens);
    }
    this.phase = phase;
    this.prompt = prompt;
    this.tokens = tokens;
  }

  boolean decode() {
    return phase == Phase.DECODE;
  }

  /**
   * Keys attended over all decode steps by one query head: {@code sum_{i=0}^{T-1} (P + i + 1) = T P + T (T + 1) / 2}.
   */
  long keys() {
    return Math.addExact(Math.multiplyExact(tokens, prompt), Math.multiplyExact(tokens, tokens + 1) / 2);
  }

  /**
   * Keys attended over all decode steps when each step sees at most the last {@code window} positions
   * (sliding-window attention): {@code sum_{i=0}^{T-1} min(P + 1 + i, w)}. With {@code a = P + 1} and
   * {@code n = min(T, max(w - a, 0))} steps below the cap, that is {@code n a + n (n - 1) / 2 + (T - n) w}.
   */
  long keys(long window) {
    long first = prompt + 1;
    long below = Math.min(tokens, Math.max(window - first, 0));
    return Math.addExact(Math.addExact(Math.multiplyExact(below, first), Math.multiplyExact(below, below - 1) / 2),
        Math.multiplyExact(tokens - below, window));
  }

  /**
   * Keys one query head attends over all decode steps of {@code a}: the cache so far
   * ({@link #keys()}), the last {@code sliding} positions ({@link #keys(long)}), or a cross-attention's
   * whole memory at every step.
   */
  long keys(Layer.Attention a) {
    return a.cross() > 0 ? Math.multiplyExact(tokens, a.cross()) : a.sliding() > 0 ? keys(a.sliding()) : keys();
  }

  /** The kinds whose decode rows {@link LayerArithmetic} counts for all steps at once: their work grows with the context. */
  static boolean countsAllSteps(LayerKind kind) {
    return kind == LayerKind.ATTENTION || kind == LayerKind.LATENT_ATTENTION || kind == LayerKind.MAMBA2;
  }

  /**
   * Completes a layer's row for this generation, counted on the rewritten network (prefill: the
   * prompt; decode: one position, or all steps where {@code allSteps}): decode multiplies one
   * position's work by the steps and reads the weights once per step (a position table: its step's
   * row); both add the cache's words:
   * <ul>
   *   <li>attention: 2 x kvHeads x headDim values per position (key and value); prefill writes the
   *       prompt's (a cross-attention its memory's); decode reads each step's keys ({@link #keys(Layer.Attention)})
   *       and writes its own;
   *   <li>latent attention: kvRank + ropeDim per position (the latent and the shared rotary key);
   *   <li>Mamba-2: its state, heads x headDim x state, and the conv's last K - 1 inputs of xBC,
   *       written once by prefill; read and written whole by each decode step (K - 1 inputs read, one
   *       written), however long the context;
   *   <li>a causal conv1d: the last (K - 1) x dilation inputs written by prefill; each decode step reads
   *       K - 1 of them and writes its own.
   * </ul>
   */
  void finish(LayerArithmetic.Tally t, Layer layer, Shape in, boolean allSteps) {
    if (decode()) {
      if (!allSteps) {
        t.sampleFactor = tokens;
        t.activationWords = Math.multiplyExact(t.activationWords, tokens);
      }
      if (layer.kind() == LayerKind.POSITION_EMBEDDING) {
        t.weightWords = in.channels(); // a step adds its position's row, not the table
      }
      t.weightWords = Math.multiplyExact(t.weightWords, tokens); // once per step, shared by the batch
    }
    t.cacheWords = cacheWords(layer, in.channels());
  }

  /** The cache words of one sequence (see {@link #finish}); 0 for a layer without cache. */
  private long cacheWords(Layer layer, int d) {
    if (layer instanceof Layer.Attention a) {
      long perPosition = Math.multiplyExact(2L * a.keyValueHeads(), a.headDim(d));
      return Math.multiplyExact(perPosition, !decode() ? (a.cross() > 0 ? a.cross() : prompt)
          : Math.addExact(keys(a), a.cross() > 0 ? 0 : tokens));
    }
    if (layer instanceof Layer.LatentAttention m) {
      return Math.multiplyExact((long) m.kvRank() + m.ropeDim(), decode() ? Math.addExact(keys(), tokens) : prompt);
    }
    if (layer instanceof Layer.Mamba2 m) {
      long inner = m.innerFor(d);
      long state = Math.multiplyExact(inner, m.state());
      long convDim = Math.addExact(inner, Math.multiplyExact(2L * m.groups(), m.state()));
      return decode()
          ? Math.multiplyExact(tokens, Math.addExact(Math.multiplyExact(2, state), Math.multiplyExact(m.conv(), convDim)))
          : Math.addExact(state, Math.multiplyExact(m.conv() - 1L, convDim));
    }
    if (layer instanceof Layer.Conv1d c && c.causal() && c.kernel() > 1) {
      return decode() ? Math.multiplyExact(Math.multiplyExact(tokens, c.kernel()), d)
          : Math.multiplyExact(Math.multiplyExact(c.kernel() - 1L, c.dilation()), d);
    }
    return 0; // per-position layers (a recurrent layer's small state is in its activation words)
  }

  /**
   * {@code network} at the length this phase runs (the prompt, or one position per decode step), its
   * input's length re-derived from the workload rather than taken from the notation.
   *
   * @throws InvalidNetworkException naming the first layer that a decoder cannot have, or the input
   */
  Network rewrite(Network network) {
    Shape input = network.input();
    int length = Math.toIntExact(decode() ? 1 : prompt);
    Shape resized;
    if (input.sequence()) {
      resized = Shape.sequence(length, input.channels());
    } else if (input.layout() == Shape.Layout.FLAT && !network.layers().isEmpty()
        && network.layers().get(0).kind() == LayerKind.EMBEDDING) {
      resized = Shape.flat(length); // token ids
    } else {
      throw new InvalidNetworkException(0, null, name() + " needs a sequence: input(L,D), or token ids input(L) "
          + "followed by an embedding, but " + network.name() + " takes " + input);
    }
    boolean[] mixer = {false};
    for (int i = 0; i < network.layers().size(); i++) {
      check(i + 1, network.layers().get(i), mixer);
    }
    if (!mixer[0]) {
      throw new InvalidNetworkException(0, null, network.name() + " has no causal attention, Mamba-2 or recurrent "
          + "layer to " + name());
    }
    return new Network(network.name(), resized, network.format(), network.layers());
  }

  private String name() {
    return decode() ? "decode" : "prefill";
  }

  /** Refuses a layer that mixes positions other than causally; notes whether a sequence mixer was met. */
  private void check(int index, Layer layer, boolean[] mixer) {
    for (List<Layer> branch : Layer.branches(layer)) {
      for (Layer inner : branch) {
        check(index, inner, mixer);
      }
    }
    String problem = LayerArithmetic.decoderProblem(layer, mixer);
    if (problem != null) {
      throw new InvalidNetworkException(index, layer.toNotation(), "cannot " + name() + ": " + problem);
    }
  }
}
