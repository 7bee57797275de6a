package io.github.toenergy.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.CountTable;
import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.energy.Estimate;
import io.github.toenergy.energy.Workload;
import io.github.toenergy.model.Network;
import io.github.toenergy.profile.Profile;
import io.github.toenergy.profile.Profiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every shipped profile estimates the same joules, interval, counts and per-layer breakdown from a
 * count table (what a generated class holds; the processor's fuzz test checks that the compiled
 * tables read back to the counted rows) as from the network itself.
 */
class CountTablePropertiesTest {

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
      Estimate fromTable = profile.estimator(counted(n)).estimate(workload);
      assertEquals(direct.joules(), fromTable.joules());
      assertEquals(direct.low(), fromTable.low());
      assertEquals(direct.high(), fromTable.high());
      assertEquals(direct.tos(), fromTable.tos());
      assertEquals(direct.macs(), fromTable.macs());
      assertEquals(direct.outsideFittedRange(), fromTable.outsideFittedRange());
      assertEquals(direct.layers(), fromTable.layers());
    });
  }

  /** Both phases of {@code network}, counted. */
  private static CountTable counted(Network network) {
    return CountTable.of(NetworkCost.of(network, Phase.INFERENCE), NetworkCost.of(network, Phase.TRAINING));
  }
}
