package io.github.toenergy.processor.model;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.ArithmeticModel;
import io.github.toenergy.cost.CountOverflowException;
import io.github.toenergy.cost.CountTable;
import io.github.toenergy.cost.LayerCost;
import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.energy.Estimate;
import io.github.toenergy.energy.Estimator;
import io.github.toenergy.energy.LayerEstimate;
import io.github.toenergy.energy.Workload;
import io.github.toenergy.model.Network;
import io.github.toenergy.model.Shape;
import io.github.toenergy.profile.Profile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.TypeElement;
import org.jspecify.annotations.Nullable;

/**
 * Everything the generated source says about one network, computed once with the runtime's
 * counting core: the code writer reads this and nothing else.
 */
public final class NetworkModel {
  /** The batch size of every number in the generated constants and Javadoc. */
  public static final int BATCH = 1;

  private final @Nullable TypeElement origin;
  private final String originName;
  private final List<TypeElement> origins;
  private final String packageName;
  private final String generatedName;
  private final Network network;
  private final String notation;
  private final Phase reportPhase;
  private final NetworkCost inference;
  private final NetworkCost training;
  private final CountTable counts;
  private final long totalMacs;
  private final long totalTos;
  private final long totalTosToml45nm;
  private final long totalBytes;
  private final long parameters;
  private final List<LayerRow> rows;
  private final List<ProfileEstimate> profiles;
  private final Map<String, Estimator> estimators = new HashMap<>();

  /**
   * One row of the per-layer table.
   *
   * @param share fraction of the first profile's predicted joules, or NaN where not computed
   */
  public record LayerRow(String name, String notation, Shape output, long macs, long tos, long bytes, double share) {}

  /**
   * The prediction of one profile for the report workload (one step of batch {@link #BATCH} in the
   * network's phase).
   *
   * @param source where the profile's coefficients come from ({@code provenance.source})
   */
  public record ProfileEstimate(String id, String hardware, boolean calibrated, String source, Estimate estimate) {}

  private NetworkModel(String originName, List<TypeElement> origins, String packageName, String generatedName,
      Network network,      Phase reportPhase, List<Profile> profiles) {
    this.origin = origins.isEmpty() ? null : origins.get(0);
    this.originName = originName;
    this.origins = List.copyOf(origins);
    this.packageName = packageName;
    this.generatedName = generatedName;
    this.network = network;
    this.notation = network.toNotation();
    this.reportPhase = reportPhase;
    this.inference = NetworkCost.of(network, Phase.INFERENCE);
    this.training = NetworkCost.of(network, Phase.TRAINING);
    this.counts = CountTable.of(inference, training);
    this.totalMacs = inference.macs(BATCH);
    this.totalTos = inference.tos(ArithmeticModel.cmos(), BATCH);
    this.totalTosToml45nm = inference.tos(ArithmeticModel.toml45nm(), BATCH);
    this.totalBytes = inference.bytes(BATCH);
    this.parameters = inference.parameters();
    Workload report = new Workload(reportPhase, BATCH, 0);
    List<ProfileEstimate> estimates = new ArrayList<>(profiles.size());
    for (Profile profile : profiles) {
      estimates.add(new ProfileEstimate(profile.id(), profile.hardware(), profile.calibrated(),
          profile.provenance().getOrDefault("provenance.source", "not stated in the profile"),
          estimator(profile).estimate(report)));
    }
    this.profiles = List.copyOf(estimates);
    List<LayerEstimate> shares = estimates.isEmpty() ? null : estimates.get(0).estimate().layers();
    this.rows = rows(cost(reportPhase), shares);
  }

  /**
   * Counts {@code network} and estimates it on {@code profiles}.
   *
   * @param origins the {@code @Network} class, then every other type the network was read from (its
   *     residual block types): the generated source's originating elements
   * @param packageName the package the generated class goes to
   * @param generatedName the generated class's simple name
   * @param reportPhase the phase of the Javadoc's table and joules ({@code @Network(phase)})
   * @param profiles the profiles that get a nested estimator class, in order
   * @throws CountOverflowException when a count of the network exceeds a long
   */
  public static NetworkModel create(List<TypeElement> origins, String packageName, String generatedName,
      Network network, Phase reportPhase, List<Profile> profiles) {
    return new NetworkModel(origins.get(0).getQualifiedName().toString(), origins, packageName, generatedName,
        network, reportPhase, profiles);
  }

  /**
   * As {@link #create(List, String, String, Network, Phase, List)}, for a front end without javac
   * elements (the KSP processor): the generated source then has no originating elements.
   *
   * @param originName the qualified name of the {@code @Network} class
   */
  public static NetworkModel create(String originName, String packageName, String generatedName,
      Network network, Phase reportPhase, List<Profile> profiles) {
    return new NetworkModel(originName, List.of(), packageName, generatedName, network, reportPhase, profiles);
  }

  private static List<LayerRow> rows(NetworkCost cost, @Nullable List<LayerEstimate> shares) {
    List<LayerCost> layers = cost.layers();
    List<LayerRow> rows = new ArrayList<>(layers.size());
    for (int i = 0; i < layers.size(); i++) {
      LayerCost layer = layers.get(i);
      rows.add(new LayerRow(layer.name(), layer.notation(), layer.output(), layer.macs(BATCH),
          layer.tos(ArithmeticModel.cmos(), cost.format(), BATCH), layer.bytes(BATCH, cost.format()),
          shares == null ? Double.NaN : shares.get(i).share()));
    }
    return List.copyOf(rows);
  }

  /** The estimator of this network on {@code profile}, built once per profile. */
  public Estimator estimator(Profile profile) {
    // counted from the network (each phase once per profile, when first estimated), so that a generation
    // budget can count the lengths it names
    return estimators.computeIfAbsent(profile.id(), id -> profile.estimator(network));
  }

  /** The cost table of {@code phase}. */
  public NetworkCost cost(Phase phase) {
    return counts.cost(phase);
  }

  /** The {@code @Network} class. */
  public @Nullable TypeElement origin() {
    return origin;
  }

  /** The qualified name of the {@code @Network} class. */
  public String originName() {
    return originName;
  }

  /**
   * The generated source's originating elements: the {@code @Network} class and the residual block
   * types it reads, so that incremental builds regenerate it when any of them changes.
   */
  public List<TypeElement> origins() {
    return origins;
  }

  public String packageName() {
    return packageName;
  }

  /** Simple name of the generated class, e.g. {@code Vgg11Energy}. */
  public String generatedName() {
    return generatedName;
  }

  public Network network() {
    return network;
  }

  /** The network in text notation, written once. */
  public String notation() {
    return notation;
  }

  /** Both phases' per-layer counts: what the generated class holds. */
  public CountTable counts() {
    return counts;
  }

  /** The phase of the Javadoc's table and joules. */
  public Phase reportPhase() {
    return reportPhase;
  }

  /** Multiply-accumulates of one inference of batch 1. */
  public long totalMacs() {
    return totalMacs;
  }

  /** Transistor operations of one inference of batch 1 in the default ({@code cmos}) arithmetic model. */
  public long totalTos() {
    return totalTos;
  }

  /** Transistor operations of one inference of batch 1 in the {@code toml-45nm} arithmetic model. */
  public long totalTosToml45nm() {
    return totalTosToml45nm;
  }

  /** Bytes moved by one inference of batch 1. */
  public long totalBytes() {
    return totalBytes;
  }

  public long parameters() {
    return parameters;
  }

  /** Parameters one token uses (fewer than {@link #parameters()} only with a mixture of experts). */
  public long activeParameters() {
    return inference.activeParameters();
  }

  /** The Javadoc's table: one step of batch 1 in {@link #reportPhase()}. */
  public List<LayerRow> rows() {
    return rows;
  }

  /** One entry per generated estimator, in order; the first gives the table's share column. */
  public List<ProfileEstimate> profiles() {
    return profiles;
  }
}
