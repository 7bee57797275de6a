package io.github.toenergy.refit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The accuracy report's small-sample coverage sentence and its table of networks left out on the GPUs. */
class AccuracyReportTest {
  @Test
  void smallSampleCoverageIsJudgedAgainstTheBinomial() {
    // 27 of 28 covered: P(X >= 27) for X ~ B(28, 0.9) = 28 x 0.9^27 x 0.1 + 0.9^28 = 0.16283 + 0.05233
    assertEquals(0.21516, AccuracyReport.binomial(28, 27, 0.9) + AccuracyReport.binomial(28, 28, 0.9), 1e-5);
    assertEquals("; 27 of 28 covered, and a calibrated 90% interval covers >= 27 of 28 with probability 22%",
        AccuracyReport.chance(27.0 / 28, 28));
    // 7 of 10: P(X <= 7) = 1 - P(8) - P(9) - P(10) = 1 - 0.19371 - 0.38742 - 0.34868 = 0.07019
    assertEquals("; 7 of 10 covered, and a calibrated 90% interval covers <= 7 of 10 with probability 7%",
        AccuracyReport.chance(0.7, 10));
  }

  @Test
  void theGpuTableHasARowPerZeusWorkloadAndSaysWhatCouldNotBeFitted() {
    ShippedProfiles.Spec v100 = ShippedProfiles.specs().stream().filter(s -> s.id().equals("v100")).findFirst()
        .orElseThrow();
    ShippedProfiles.Fitted fitted = ShippedProfiles.fit(v100, Data.root());
    String table = AccuracyReport.gpuLono(java.util.List.of(fitted));
    java.util.List<String> lines = table.lines().toList();
    assertEquals(2 + ZeusWorkloads.all().size(), lines.size(), table);
    assertTrue(lines.get(0).contains("`v100`: shipped / MACs-only"), table);
    for (ZeusWorkloads.Workload w : ZeusWorkloads.all()) {
      String row = lines.stream().filter(l -> l.startsWith("| " + w.name() + " | " + w.dataset() + " |")).findFirst()
          .orElseThrow(() -> new AssertionError(w.name() + " has no row: " + table));
      boolean fittedRows = fitted.report().measurements().stream().anyMatch(m -> m.network().name().equals(w.name()));
      assertEquals(!fittedRows, row.contains("not fitted"), row);
    }
    if (ShippedProfiles.epochsOfTwoNetworks(v100, fitted.report().measurements())) {
      // one network left cannot separate the price of a TO from that of a byte: the shipped tos-bytes is n/a,
      // while MACs-only (one work feature and steps) can be fitted to the other network
      String resnet = lines.stream().filter(l -> l.startsWith("| resnet50 |")).findFirst().orElseThrow();
      assertTrue(resnet.matches("\\| resnet50 \\| imagenet \\| n/a / \\d+\\.\\d\\d% \\| n/a: .*"), resnet);
    }
  }
}
