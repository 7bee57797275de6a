package io.github.toenergy.energy;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.ArithmeticModel;
import io.github.toenergy.cost.LayerCost;
import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.cost.OpClass;
import io.github.toenergy.model.Format;
import io.github.toenergy.model.LayerKind;
import org.jspecify.annotations.Nullable;

/**
 * A named input of an energy model. Each is linear in the batch size within one step, and is
 * multiplied by the number of steps of a run, except {@link #RUN}, the fixed per-run overhead.
 * The {@code run_*} features are zero for a single step and equal to their base feature for a whole
 * run: they price what a whole measured process costs beyond its steps measured alone (the
 * interpreter and framework around every step, static power over the run's time).
 */
public enum Feature {
  /** Transistor operations of the profile's arithmetic model, data movement included where it prices it. */
  TOS("tos", null),
  /** TOs of adds, multiplies and MACs. */
  TOS_LINEAR("tos_linear", OpClass.LINEAR),
  /** TOs of comparisons and piecewise-linear activations. */
  TOS_COMPARE("tos_compare", OpClass.COMPARE),
  /** TOs of divide, sqrt, exp and the smooth activations. */
  TOS_NONLINEAR("tos_nonlinear", OpClass.NONLINEAR),
  /** Multiply-accumulates: the FLOPs proxy. */
  MACS("macs", null),
  /** Bytes moved between memory and the ALU. */
  BYTES("bytes", null),
  /** Costed layers (kernel launches, framework dispatch). */
  LAYERS("layers", null),
  /** One per step: a per-batch constant. */
  STEPS("steps", null),
  /** One per whole run, zero for a single step: process start-up and the like. */
  RUN("run", null),
  /** TOs of convolution layers (all their ops, as {@link #TOS}). */
  TOS_CONV("tos_conv", null, Kinds.CONV),
  /** TOs of dense (fully connected) layers. */
  TOS_DENSE("tos_dense", null, Kinds.DENSE),
  /**
   * TOs of max-pooling layers: window compares, whose price per TO (fitted to PyTorch's CPU max
   * pooling, which costs far more than its cheap compare circuits) must not be applied to the adds and
   * divides of average pooling: those are priced with the other arithmetic layers.
   */
  TOS_MAXPOOL("tos_maxpool", null, Kinds.MAXPOOL),
  /**
   * TOs of every other layer: activations, batch norm, residual adds, average pooling, dropout. One
   * price for all of them, whatever their op class: the measured networks rarely pin down a separate
   * price for the divides and exps of a softmax, which a split would then extrapolate wildly.
   */
  TOS_ELEMENTWISE("tos_elementwise", null, Kinds.OTHER),
  /**
   * The TOs of convolutions whose activations (input and output of one sample) do not fit in the
   * profile's per-core cache ({@link ArithmeticModel#onChipBytes()}), each scaled by the share that does
   * not fit: a convolution re-reads its input for every block of output channels, and those re-reads
   * then come from the shared cache or DRAM, so the same MACs cost more. Layers that stream each value
   * once (pooling, activations) are priced by {@link #BYTES} wherever their data lives, and a dense
   * layer's re-read weights are per-step bytes. Zero when the cache size is unknown.
   */
  TOS_SPILLED("tos_spilled", null, Kinds.CONV),
  /**
   * Bytes of weights read from main memory: once per step, shared by the batch (decode: once per
   * generated token of the batch, so this is the term that batching divides among sequences).
   */
  WEIGHT_BYTES("weight_bytes", null),
  /**
   * {@link #WEIGHT_BYTES}, but a mixture of experts reads only the experts that at least one sequence of
   * the batch is routed to: E(1 - (1 - k/E)^batch) of its E routed experts per step (routing uniform and
   * independent), besides its router and shared experts. At batch 8 a layer of 128 experts, 8 per token,
   * reads 40% of them; at 64, 98%. Not linear in the batch: evaluated at the workload's batch.
   */
  ROUTED_WEIGHT_BYTES("routed_weight_bytes", null),
  /**
   * Bytes of a generation's cache read and written (key/value cache, latent attention's latent cache,
   * Mamba-2's state): per sequence, growing with the context in decode; zero outside prefill and decode.
   */
  KV_BYTES("kv_bytes", null),
  /**
   * Tokens of a generation: generated tokens in decode (batch x tokens), prompt tokens in prefill (batch
   * x prompt); zero outside generation. A per-token constant.
   */
  TOKENS("tokens", null),
  /**
   * GPUs of the replica times the sequential steps they run (decode: one per generated token; prefill
   * and the other phases: one): what the GPUs' static power costs over the workload's time.
   */
  GPU_STEPS("gpu_steps", null),
  /**
   * The GPUs of the replica beyond the first, times the sequential steps, for a network with a mixture of
   * experts (zero for every other network and on one GPU): what exchanging tokens among the GPUs that hold
   * the experts costs each step (expert parallelism's all-to-all), which the ML.ENERGY runs show above the
   * per-GPU cost of {@link #GPU_STEPS} (docs/accuracy.md).
   */
  EXPERT_GPU_STEPS("expert_gpu_steps", null),
  /** {@link #STEPS} of a whole run; zero for a single step. */
  RUN_STEPS("run_steps", null),
  /** {@link #TOS} of a whole run; zero for a single step. */
  RUN_TOS("run_tos", null),
  /** {@link #MACS} of a whole run; zero for a single step. */
  RUN_MACS("run_macs", null),
  /** {@link #BYTES} of a whole run; zero for a single step. */
  RUN_BYTES("run_bytes", null);

  /** Which layer kinds ({@link LayerCost#kind()}) a feature counts. */
  private enum Kinds {
    ALL,
    CONV,
    DENSE,
    MAXPOOL,
    OTHER;

    boolean covers(LayerKind kind) {
      return this == ALL || this == of(kind);
    }

    /** The group a kind's TOs count in (one case per kind, no default: a new kind must pick one). */
    private static Kinds of(LayerKind kind) {
      return switch (kind) {
        case CONV2D, CONV_TRANSPOSE2D, CONV1D -> CONV;
        // projections at every position: matrix products with weights, as a dense layer's
        case DENSE, UNEMBED, ATTENTION, LATENT_ATTENTION, GLU -> DENSE;
        case LSTM, GRU, MIXTURE_OF_EXPERTS, MAMBA2 -> DENSE; // mostly matrix-vector products, as dense
        case MAX_POOL2D -> MAXPOOL;
        case AVG_POOL2D, ADAPTIVE_AVG_POOL2D, UPSAMPLE, BATCH_NORM, FLATTEN, DROPOUT, RESIDUAL, ACTIVATION, CONCAT,
            CHUNK, CHANNEL_SHUFFLE, GATE, LAYER_SCALE -> OTHER;
        case REPEAT -> OTHER; // never a row: its layers' rows carry their own kinds
        case EMBEDDING, POSITION_EMBEDDING, TOKENS, COLUMNS, PIXEL_UNSHUFFLE, CLASS_TOKEN, SELECT_TOKEN, LAYER_NORM, RMS_NORM -> OTHER;
      };
    }
  }

  private final String key;
  private final @Nullable OpClass opClass;
  private final Kinds kinds;

  Feature(String key, @Nullable OpClass opClass) {
    this(key, opClass, Kinds.ALL);
  }

  Feature(String key, @Nullable OpClass opClass, Kinds kinds) {
    this.key = key;
    this.opClass = opClass;
    this.kinds = kinds;
  }

  /** The name used in profile files. */
  public String key() {
    return key;
  }

  @Nullable OpClass opClass() {
    return opClass;
  }

  /** True for the {@code run_*} features, which are zero unless the workload is a whole run. */
  public boolean runOnly() {
    return this == RUN_STEPS || this == RUN_TOS || this == RUN_MACS || this == RUN_BYTES;
  }

  /** For a {@code run_*} feature, the feature it copies for whole runs; else this feature. */
  public Feature base() {
    return switch (this) {
      case RUN_STEPS -> STEPS;
      case RUN_TOS -> TOS;
      case RUN_MACS -> MACS;
      case RUN_BYTES -> BYTES;
      default -> this;
    };
  }

  /**
   * This feature's value for one layer and a step of {@code batch} samples (0 gives the per-step
   * part); 0 for the network-level features ({@link #LAYERS}, {@link #STEPS}, {@link #RUN},
   * {@link #RUN_STEPS}, {@link #TOKENS}, {@link #GPU_STEPS}, {@link #EXPERT_GPU_STEPS}). A {@code run_*} feature gives its base feature's value: whether the
   * workload is a run is decided by the caller.
   *
   * @throws ArithmeticException when a count overflows a long
   */
  public double ofLayer(LayerCost layer, ArithmeticModel arithmetic, Format format, long batch) {
    Feature f = base();
    return switch (f) {
      case TOS -> layer.tos(arithmetic, format, batch);
      case TOS_LINEAR, TOS_COMPARE, TOS_NONLINEAR -> layer.tos(arithmetic, format, batch, f.opClass);
      case MACS -> layer.macs(batch);
      case BYTES -> layer.bytes(batch, format);
      case WEIGHT_BYTES -> layer.weightBytes(format);
      case ROUTED_WEIGHT_BYTES -> layer.routedWeightBytes(format, batch);
      case KV_BYTES -> layer.cacheBytes(batch, format);
      case TOS_CONV, TOS_DENSE, TOS_MAXPOOL, TOS_ELEMENTWISE ->
          f.kinds.covers(layer.kind()) ? layer.tos(arithmetic, format, batch) : 0;
      case TOS_SPILLED -> f.kinds.covers(layer.kind())
          ? layer.tos(arithmetic, format, batch) * spilledShare(layer, arithmetic, format) : 0;
      default -> 0; // network-level
    };
  }

  /**
   * This feature's network-level value for one step of {@code batch} sequences of {@code cost} on a
   * replica of {@code gpus} GPUs (0 gives the per-step part); 0 for a per-layer feature ({@link #ofLayer}).
   * The estimator and the calibrator both take it from here, so that a profile is applied to the values
   * it was fitted on.
   */
  public double ofNetwork(NetworkCost cost, int gpus, long batch) {
    Phase phase = cost.phase();
    long sequentialSteps = phase == Phase.DECODE ? cost.tokens() : 1; // decode: one step per generated token
    return switch (this) {
      case STEPS, RUN_STEPS -> 1;
      case LAYERS -> cost.layers().size();
      // per sequence: the tokens it generates (decode) or prefills
      case TOKENS -> batch * (double) (phase == Phase.DECODE ? cost.tokens() : phase == Phase.PREFILL ? cost.prompt() : 0);
      case GPU_STEPS -> (double) gpus * sequentialSteps;
      case EXPERT_GPU_STEPS -> (cost.routesExperts() ? gpus - 1.0 : 0) * sequentialSteps;
      default -> 0; // per layer
    };
  }

  /**
   * The share of a layer's per-sample activations that does not fit in the cache, 1 - cache / working
   * set, or 0 where they fit or the cache size is unknown. Smooth rather than a step at the cache size:
   * the layers near it are partly served from the cache.
   */
  static double spilledShare(LayerCost layer, ArithmeticModel arithmetic, Format format) {
    double workingSet = (double) layer.activationWordsPerSample() * format.bytesPerValue();
    long cache = arithmetic.onChipBytes();
    return cache <= 0 || workingSet <= cache ? 0 : 1 - cache / workingSet;
  }

  /** The feature named {@code key} in a profile file. */
  public static Feature byKey(String key) {
    for (Feature f : values()) {
      if (f.key.equals(key)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown feature '" + key + "'");
  }
}
