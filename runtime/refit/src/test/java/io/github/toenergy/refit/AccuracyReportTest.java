package io.github.toenergy.refit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The accuracy report's small-sample coverage sentence. */
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
}
