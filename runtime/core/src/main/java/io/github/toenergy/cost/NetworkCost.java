package io.github.toenergy.cost;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.model.Format;
import io.github.toenergy.model.Network;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The per-layer cost table of a network in one phase: the single counting core that the runtime,
 * the CLI and the annotation processor all use. Counting is per layer, never per element, so a
 * ResNet-50 is counted in microseconds.
 */
public final class NetworkCost {
  private final String networkName;
  private final Format format;
  private final Phase phase;
  private final List<LayerCost> layers;
  private final int prompt;
  private final int tokens;

  private NetworkCost(String networkName, Format format, Phase phase, List<LayerCost> layers) {
    this(networkName, format, phase, layers, 0, 0);
  }

  private NetworkCost(String networkName, Format format, Phase phase, List<LayerCost> layers, int prompt, int tokens) {
    this.networkName = networkName;
    this.format = format;
    this.phase = phase;
    this.layers = layers;
    this.prompt = prompt;
    this.tokens = tokens;
  }

  /**
   * Counts every layer of {@code network} in {@code phase}.
   *
   * @throws CountOverflowException naming the layer whose count exceeds a {@code long}
   */
  public static NetworkCost of(Network network, Phase phase) {
    return new NetworkCost(network.name(), network.format(), phase, LayerArithmetic.count(network, phase));
  }

  /**
   * Counts a generation phase of the decoder {@code network} in its own number format: {@link
   * Phase#PREFILL} over {@code prompt} positions, or {@link Phase#DECODE} of {@code tokens} steps
   * after it (the sequence length comes from these, not from the network's input). One sample is one
   * sequence: its rows' per-sample counts are a whole sequence's (decode: all its steps), their
   * per-step words the weights read once per decode step, shared by the batch, and their
   * {@link LayerCost#cacheWordsPerSample()} the key/value cache read and written.
   *
   * @param tokens tokens generated per sequence (decode), 0 for prefill
   * @throws io.github.toenergy.model.InvalidNetworkException when the network cannot decode, naming the
   *     layer (attention that is not causal, a bidirectional recurrent layer, an image input, ...)
   * @throws IllegalArgumentException when {@code phase} is no generation phase or a length is not positive
   * @throws CountOverflowException naming the layer whose count exceeds a {@code long}
   */
  public static NetworkCost generation(Network network, Phase phase, int prompt, int tokens) {
    Generation generation = new Generation(phase, prompt, tokens);
    return new NetworkCost(network.name(), network.format(), phase, LayerArithmetic.count(network, generation), prompt,
        tokens);
  }

  /**
   * A table of rows counted before, e.g. at compile time ({@link CountTable}): nothing is counted here.
   *
   * @param networkName the network's name, for messages
   */
  public static NetworkCost of(String networkName, Format format, Phase phase, List<LayerCost> layers) {
    return new NetworkCost(networkName, format, phase, List.copyOf(layers));
  }

  /** The name of the network counted, for messages. */
  public String networkName() {
    return networkName;
  }

  public Phase phase() {
    return phase;
  }

  /** Prompt positions of a generation table; 0 for inference and training. */
  public int prompt() {
    return prompt;
  }

  /** Tokens generated per sequence of a decode table; 0 otherwise. */
  public int tokens() {
    return tokens;
  }

  public Format format() {
    return format;
  }

  /** One row per costed layer; residual blocks are opened up into their layers and their sum. */
  public List<LayerCost> layers() {
    return layers;
  }

  /** Trained parameters of the network (the same in both phases). */
  public long parameters() {
    return sum(LayerCost::parameters);
  }

  /**
   * Parameters one token uses: {@link #parameters()} less the experts a mixture-of-experts layer
   * does not route it to ("active" parameters, as a model card's 17B-active of 109B-total).
   */
  public long activeParameters() {
    return sum(LayerCost::activeParameters);
  }

  /** Multiply-accumulates of one step of {@code batch} samples. */
  public long macs(long batch) {
    return sum(layer -> layer.macs(batch));
  }

  /** Transistor operations of one step of {@code batch} samples in {@code model}. */
  public long tos(ArithmeticModel model, long batch) {
    return sum(layer -> layer.tos(model, format(), batch));
  }

  /** TOs of one op class, one step of {@code batch} samples (no data movement). */
  public long tos(ArithmeticModel model, long batch, OpClass opClass) {
    return sum(layer -> layer.tos(model, format(), batch, opClass));
  }

  /** Bytes moved in one step of {@code batch} samples. */
  public long bytes(long batch) {
    return sum(layer -> layer.bytes(batch, format()));
  }

  /** Bytes of weights read from main memory in one step (decode: once per generated token), shared by the batch. */
  public long weightBytes() {
    return sum(layer -> layer.weightBytes(format()));
  }

  /** Whether a layer routes tokens to some of its experts (a mixture of experts). */
  public boolean routesExperts() {
    return layers().stream().anyMatch(layer -> layer.routedExperts() > 0);
  }

  /**
   * Bytes of weights read in one step of {@code batch} sequences, a mixture of experts reading only the experts
   * the batch is routed to ({@link LayerCost#routedWeightBytes}).
   */
  public double routedWeightBytes(double batch) {
    double total = 0;
    for (LayerCost layer : layers()) {
      total += layer.routedWeightBytes(format(), batch);
    }
    return total;
  }

  /** Bytes of the generation cache (key/value, latent, state) read and written for {@code batch} sequences; 0 outside generation. */
  public long cacheBytes(long batch) {
    return sum(layer -> layer.cacheBytes(batch, format()));
  }

  /** Op counts of one step of {@code batch} samples, summed over layers. */
  public OpCounts ops(long batch) {
    OpCounts.Builder total = OpCounts.builder();
    for (LayerCost layer : layers) {
      try {
        total.addAll(layer.ops(batch));
      } catch (ArithmeticException e) {
        throw overflow(layer);
      }
    }
    return total.build();
  }

  private long sum(ToLongFunction<LayerCost> perLayer) {
    long total = 0;
    for (LayerCost layer : layers) {
      long value;
      try {
        value = perLayer.applyAsLong(layer);
      } catch (ArithmeticException e) {
        throw overflow(layer);
      }
      try {
        total = Math.addExact(total, value);
      } catch (ArithmeticException e) {
        throw new CountOverflowException(networkName + ", sum up to layer " + layer.name());
      }
    }
    return total;
  }

  private CountOverflowException overflow(LayerCost layer) {
    return new CountOverflowException(networkName + ", layer " + layer.name() + " (" + layer.notation() + ")");
  }
}
