package io.github.toenergy.examples.report;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.ArithmeticModel;
import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.energy.Estimate;
import io.github.toenergy.energy.Workload;
import io.github.toenergy.model.Network;
import io.github.toenergy.profile.Profile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The numbers of the energy report: for every network its counts, and its estimate on every
 * profile. Computed once; {@link TextReport} and {@link HtmlReport} only render it.
 *
 * @param rows one per network, in the order given
 * @param profiles the profiles estimated on, in the order given
 * @param batch samples per inference
 * @param arithmetic the arithmetic model the TO column counts with
 */
public record Report(List<Row> rows, List<Profile> profiles, int batch, ArithmeticModel arithmetic) {

  /**
   * One network.
   *
   * @param network the network
   * @param parameters trained parameters
   * @param macs multiply-accumulates of one inference of the report's batch
   * @param tos transistor operations of one inference of the report's batch in the report's
   *     arithmetic model
   * @param estimates one per profile, in the report's profile order
   */
  public record Row(Network network, long parameters, long macs, long tos, List<Estimate> estimates) {
    public Row {
      estimates = List.copyOf(estimates);
    }

    /** Transistor operations per multiply-accumulate: how much beyond MACs the TO count sees. */
    public double tosPerMac() {
      return macs == 0 ? Double.NaN : (double) tos / macs;
    }

    /** Layer rows of the cost table (residual blocks opened up). */
    public int costedLayers() {
      return estimates.isEmpty() ? 0 : estimates.get(0).layers().size();
    }
  }

  public Report {
    rows = List.copyOf(rows);
    profiles = List.copyOf(profiles);
  }

  /** Counts every network and estimates one inference of {@code batch} on every profile. */
  public static Report of(List<Network> networks, Collection<Profile> profiles, int batch) {
    ArithmeticModel arithmetic = ArithmeticModel.cmos();
    Workload workload = Workload.inference(batch);
    List<Row> rows = new ArrayList<>();
    for (Network network : networks) {
      NetworkCost cost = NetworkCost.of(network, Phase.INFERENCE);
      List<Estimate> estimates = new ArrayList<>();
      for (Profile profile : profiles) {
        estimates.add(profile.estimate(network, workload));
      }
      rows.add(new Row(network, cost.parameters(), cost.macs(batch), cost.tos(arithmetic, batch), estimates));
    }
    return new Report(rows, List.copyOf(profiles), batch, arithmetic);
  }

  /** Whether any profile is an uncalibrated placeholder. */
  public boolean anyPlaceholder() {
    return profiles.stream().anyMatch(p -> !p.calibrated());
  }
}
