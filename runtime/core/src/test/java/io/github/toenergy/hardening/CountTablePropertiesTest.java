package io.github.toenergy.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.CountTable;
import io.github.toenergy.energy.Estimate;
import io.github.toenergy.energy.Workload;
import io.github.toenergy.model.Network;
import io.github.toenergy.profile.Profile;
import io.github.toenergy.profile.Profiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A count table written in compact form and read back (as a generated class does) holds exactly the
 * rows the runtime counts, and every shipped profile estimates the same joules, interval, counts and
 * per-layer breakdown from it as from the network itself.
 */
class CountTablePropertiesTest {

  @Test
  void theCompactFormReadsBackToTheCountedRows() {
    Property.forAll("compact round trip", 300, NetworkGen::network, n -> {
      CountTable counted = CountTable.of(n);
      CountTable decoded = roundTrip(n);
      for (Phase phase : Phase.values()) {
        assertEquals(counted.cost(phase).layers(), decoded.cost(phase).layers(), phase.toString());
      }
      assertEquals(n.name(), decoded.networkName());
      assertEquals(n.format(), decoded.format());
    });
  }

  @Test
  void everyShippedProfileEstimatesTheSameFromTheTable() {
    List<Profile> profiles = List.copyOf(Profiles.all());
    Property.forAll("table estimates", 150, r -> new Object[] {NetworkGen.network(r),
        profiles.get(r.nextInt(profiles.size())), 1 + r.nextInt(64), r.nextInt(3)}, in -> {
      Network n = (Network) in[0];
      Profile profile = (Profile) in[1];
      int batch = (Integer) in[2];
      Workload workload = switch ((Integer) in[3]) {
        case 0 -> Workload.inference(batch);
        case 1 -> Workload.trainingStep(batch);
        default -> Workload.trainingRun(batch, 100);
      };
      Estimate direct = profile.estimate(n, workload);
      Estimate fromTable = profile.estimator(roundTrip(n)).estimate(workload);
      assertEquals(direct.joules(), fromTable.joules());
      assertEquals(direct.low(), fromTable.low());
      assertEquals(direct.high(), fromTable.high());
      assertEquals(direct.tos(), fromTable.tos());
      assertEquals(direct.macs(), fromTable.macs());
      assertEquals(direct.outsideFittedRange(), fromTable.outsideFittedRange());
      assertEquals(direct.layers(), fromTable.layers());
    });
  }

  /** The table of {@code n} through its compact form, joined as a generated class joins it. */
  private static CountTable roundTrip(Network n) {
    String notation = n.toNotation();
    CountTable.Compact compact = CountTable.of(n).compact(notation);
    return CountTable.of(n.name(), n.format(), notation, String.join(" ", compact.ops()),
        String.join(" ", compact.rows()), String.join(" ", compact.layers()));
  }
}
