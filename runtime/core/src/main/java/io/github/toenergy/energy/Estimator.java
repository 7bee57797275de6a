package io.github.toenergy.energy;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.ArithmeticModel;
import io.github.toenergy.cost.CountOverflowException;
import io.github.toenergy.cost.CountTable;
import io.github.toenergy.cost.LayerCost;
import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.model.Format;
import io.github.toenergy.model.Network;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Applies one energy model to one network: every feature is linear in the batch size, so the
 * per-sample and per-step parts are computed once here and an estimate is a few multiply-adds.
 * Immutable and thread-safe.
 */
public final class Estimator {
  private final String profileId;
  private final boolean calibrated;
  /** The phases the profile was measured for; an estimate of another phase is flagged out of range. */
  private final Set<Phase> measured;
  private final EnergyModel model;
  private final ArithmeticModel arithmetic;
  /** Gives a phase's cost table on the first estimate of that phase; null when the constructor built both. */
  private final @Nullable Function<Phase, NetworkCost> costs;
  private volatile @Nullable PhaseTable inference;
  private volatile @Nullable PhaseTable training;
  /** Counts a generation workload (prefill or decode); null when the network itself is not at hand. */
  private final @Nullable Function<Workload, NetworkCost> generation;
  /** The last generation's table and its lengths (batch 1, 1 GPU): a sweep over batch sizes or GPUs counts once. */
  private volatile Map.@Nullable Entry<Workload, PhaseTable> lastGeneration;

  /**
   * @param measured the phases the profile was measured for (an estimate of any other is out of range)
   * @throws CountOverflowException when a per-sample count of a layer exceeds a long
   */
  public Estimator(String profileId, boolean calibrated, Set<Phase> measured, EnergyModel model,
      ArithmeticModel arithmetic, NetworkCost inference, NetworkCost training) {
    this.profileId = profileId;
    this.calibrated = calibrated;
    this.measured = Set.copyOf(measured);
    this.model = model;
    this.arithmetic = arithmetic;
    this.costs = null;
    this.inference = new PhaseTable(inference);
    this.training = new PhaseTable(training);
    this.generation = null;
  }

  private Estimator(String profileId, boolean calibrated, Set<Phase> measured, EnergyModel model,
      ArithmeticModel arithmetic, Function<Phase, NetworkCost> costs, @Nullable Function<Workload, NetworkCost> generation) {
    this.profileId = profileId;
    this.calibrated = calibrated;
    this.measured = Set.copyOf(measured);
    this.model = model;
    this.arithmetic = arithmetic;
    this.costs = costs;
    this.generation = generation;
  }

  /**
   * An estimator that counts each phase of {@code network} the first time that phase is estimated,
   * so that a network whose training counts overflow a long still gets inference estimates (the
   * overflow is reported by the first training estimate, naming the layer).
   */
  public static Estimator counting(String profileId, boolean calibrated, Set<Phase> measured, EnergyModel model,
      ArithmeticModel arithmetic, Network network) {
    return new Estimator(profileId, calibrated, measured, model, arithmetic, phase -> NetworkCost.of(network, phase),
        workload -> generationCost(network, workload));
  }

  /**
   * The cost table of a generation workload of {@code network}: the decoder counted at the workload's
   * prompt and tokens, in its precision when it names one.
   *
   * @throws io.github.toenergy.model.InvalidNetworkException when the network cannot decode, naming the layer
   */
  public static NetworkCost generationCost(Network network, Workload workload) {
    Format precision = workload.precision();
    Network counted = precision == null || precision == network.format() ? network : network.withFormat(precision);
    return NetworkCost.generation(counted, workload.phase(), workload.prompt(), workload.tokens());
  }

  /**
   * An estimator of a network counted before ({@code table}, e.g. compiled into a generated class):
   * nothing is parsed or counted, the model's features are computed from the table's rows on the first
   * estimate of each phase (a profile whose arithmetic makes one phase overflow still estimates the other).
   */
  public static Estimator of(String profileId, boolean calibrated, Set<Phase> measured, EnergyModel model,
      ArithmeticModel arithmetic, CountTable table) {
    return new Estimator(profileId, calibrated, measured, model, arithmetic, table::cost,
        table.hasNetwork() ? workload -> generationCost(table.network(), workload) : null);
  }

  private PhaseTable table(Phase phase) {
    PhaseTable table = phase == Phase.INFERENCE ? inference : training;
    if (table != null) {
      return table;
    }
    synchronized (this) {
      table = phase == Phase.INFERENCE ? inference : training;
      if (table == null) {
        table = new PhaseTable(Objects.requireNonNull(costs).apply(phase));
        if (phase == Phase.INFERENCE) {
          inference = table;
        } else {
          training = table;
        }
      }
      return table;
    }
  }

  /**
   * The estimate of {@code workload}.
   *
   * @throws CountOverflowException when a count per sample or step exceeds a long, when the workload's bytes
   *     do, or when an inference or training workload's TOs do, naming the network (a prefill or
   *     decode has exact totals of any size: {@link Estimate#tosExact()})
   */
  public Estimate estimate(Workload workload) {
    PhaseTable table = workload.phase().generation() ? generationTable(workload) : table(workload.phase());
    long batch = workload.batch();
    long steps = workload.steps();
    List<Feature> features = model.features();
    double[] x = new double[features.size()];
    for (int i = 0; i < x.length; i++) {
      Feature f = features.get(i);
      x[i] = f == Feature.RUN ? (workload.isRun() ? 1 : 0)
          : f.runOnly() && !workload.isRun() ? 0
          : f == Feature.ROUTED_WEIGHT_BYTES ? table.cost.routedWeightBytes(batch) * steps // not linear in the batch
          : (table.sample[i] * batch + table.step[i] + f.ofNetwork(table.cost, workload.gpus(), batch)) * steps;
    }
    BigInteger tos = total(table.tosSample, table.tosStep, batch, steps);
    BigInteger macs = total(table.macsSample, table.macsStep, batch, steps);
    // bytes stay a long, per layer too; inference and training keep their contract: a workload beyond a
    // long is an error at once (a prefill or decode has exact totals of any size)
    if (total(table.bytesSample, table.bytesStep, batch, steps).bitLength() >= Long.SIZE
        || !workload.phase().generation() && tos.bitLength() >= Long.SIZE) { // MACs <= TOs: a MAC is many TOs
      throw new CountOverflowException(describe(table, workload) + ", largest layer " + table.largestLayer());
    }
    EnergyModel.Prediction prediction = model.predict(x, steps);
    if (!(Double.isFinite(prediction.joules()) && Double.isFinite(prediction.low())
        && Double.isFinite(prediction.high()))) {
      throw new CountOverflowException(describe(table, workload) + ", profile " + profileId,
          "the predicted energy is not a finite number of joules (" + prediction.joules() + " [" + prediction.low()
              + ", " + prediction.high() + "]); the profile's coefficients do not fit this workload");
    }
    boolean outside = model.outsideFittedRange(table.tosSample * (double) batch + table.tosStep);
    long weightBytes = table.cost.weightBytes() * steps;
    long cacheBytes = table.cost.cacheBytes(batch) * steps;
    return new Estimate(profileId, workload, prediction, tos, macs, weightBytes, cacheBytes, outside,
        !measured.contains(workload.phase()),
        calibrated,
        () -> table.layers(workload, prediction.joules()), () -> describe(table, workload));
  }

  /**
   * The exact count of a workload, {@code (sample x batch + step) x steps}, of any size (a decode of a
   * large model at a serving batch passes 2^63-1 TOs).
   */
  static BigInteger total(long sample, long step, long batch, long steps) {
    return BigInteger.valueOf(sample).multiply(BigInteger.valueOf(batch)).add(BigInteger.valueOf(step))
        .multiply(BigInteger.valueOf(steps));
  }

  /** The cost table of a generation workload: the last one again when only batch or GPUs changed. */
  private PhaseTable generationTable(Workload workload) {
    if (generation == null) {
      throw new IllegalStateException(workload.phase() + " needs the network: use Profile.estimator(Network)");
    }
    Map.Entry<Workload, PhaseTable> last = lastGeneration;
    Workload key = new Workload(workload.phase(), 1, 0, workload.prompt(), workload.tokens(), 1, workload.precision());
    if (last != null && last.getKey().equals(key)) {
      return last.getValue();
    }
    PhaseTable table = new PhaseTable(generation.apply(workload));
    lastGeneration = Map.entry(key, table);
    return table;
  }

  private static String describe(PhaseTable table, Workload workload) {
    return table.cost.networkName() + ", " + workload.phase().name().toLowerCase(java.util.Locale.ROOT)
        + " batch " + workload.batch() + (workload.isRun() ? " x " + workload.batches() + " batches" : "");
  }

  /** Feature values per layer, split into per-sample and per-step parts. */
  private final class PhaseTable {
    final NetworkCost cost;
    final double[][] layerSample;
    final double[][] layerStep;
    final double[] sample;
    final double[] step;
    final long tosSample;
    final long tosStep;
    final long macsSample;
    final long macsStep;
    final long bytesSample;
    final long bytesStep;

    PhaseTable(NetworkCost cost) {
      this.cost = cost;
      // the exact totals first: an overflow there names the layer, and every per-layer feature
      // below is a part of them, so it cannot overflow after they did not
      tosStep = cost.tos(arithmetic, 0);
      tosSample = cost.tos(arithmetic, 1) - tosStep;
      macsStep = cost.macs(0);
      macsSample = cost.macs(1) - macsStep;
      bytesStep = cost.bytes(0);
      bytesSample = cost.bytes(1) - bytesStep;
      List<Feature> features = model.features();
      List<LayerCost> layers = cost.layers();
      layerSample = new double[layers.size()][features.size()];
      layerStep = new double[layers.size()][features.size()];
      sample = new double[features.size()];
      step = new double[features.size()];
      for (int l = 0; l < layers.size(); l++) {
        LayerCost layer = layers.get(l);
        for (int i = 0; i < features.size(); i++) {
          Feature f = features.get(i);
          layerStep[l][i] = featureAt(f, layer, 0);
          layerSample[l][i] = featureAt(f, layer, 1) - layerStep[l][i];
          sample[i] += layerSample[l][i];
          step[i] += layerStep[l][i];
        }
      }
    }

    /** The layer with the most TOs per sample, named for an overflow message. */
    String largestLayer() {
      LayerCost largest = null;
      long most = -1;
      for (int l = 0; l < layerSample.length; l++) {
        LayerCost layer = cost.layers().get(l);
        long tos = layer.perSample().tos(arithmetic, cost.format());
        if (tos > most) {
          most = tos;
          largest = layer;
        }
      }
      return largest == null ? "none" : largest.name() + " (" + largest.notation() + ")";
    }

    /** A feature of one layer for a step of {@code batch} samples (0 gives the per-step part). */
    private double featureAt(Feature f, LayerCost layer, long batch) {
      // every feature, the layer-kind TOs (tos_conv, tos_dense, tos_maxpool, tos_elementwise) and the run_*
      // copies included, is defined once in Feature; LAYERS, STEPS, RUN and RUN_STEPS are network-level (0)
      return f.ofLayer(layer, arithmetic, cost.format(), batch);
    }

    /** Splits {@code joules} over layers in proportion to what each layer contributes to the model. */
    List<LayerEstimate> layers(Workload workload, double joules) {
      List<LayerCost> layers = cost.layers();
      double[] weight = new double[layers.size()];
      double total = 0;
      double[] b = model.coefficients();
      for (int l = 0; l < layers.size(); l++) {
        double w = 0;
        for (int i = 0; i < model.features().size(); i++) {
          if (model.features().get(i).runOnly() && !workload.isRun()) continue;
          double x = model.features().get(i) == Feature.ROUTED_WEIGHT_BYTES
              ? layers.get(l).routedWeightBytes(cost.format(), workload.batch())
              : layerSample[l][i] * workload.batch() + layerStep[l][i];
          // linear: the layer's term of the sum; log-log: its share of the (per-step) features
          w += model.form() == EnergyModel.Form.LINEAR ? b[i] * x : x;
        }
        weight[l] = Math.max(w, 0);
        total += weight[l];
      }
      List<LayerEstimate> out = new ArrayList<>(layers.size());
      long steps = workload.steps();
      for (int l = 0; l < layers.size(); l++) {
        LayerCost layer = layers.get(l);
        double share = total > 0 ? weight[l] / total : 1.0 / layers.size();
        long tosStep = layer.tos(arithmetic, cost.format(), 0);
        long macsStep = layer.macs(0);
        out.add(new LayerEstimate(layer.name(), layer.kind(), layer.notation(),
            total(layer.tos(arithmetic, cost.format(), 1) - tosStep, tosStep, workload.batch(), steps),
            total(layer.macs(1) - macsStep, macsStep, workload.batch(), steps),
            // a part of the workload's bytes, which estimate() checked fit a long
            layer.bytes(workload.batch(), cost.format()) * steps, joules * share, share));
      }
      return out;
    }
  }
}
