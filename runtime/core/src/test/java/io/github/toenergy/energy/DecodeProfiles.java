package io.github.toenergy.energy;

import io.github.toenergy.profile.Profile;
import java.util.Collections;
import java.util.Properties;

/** Test profiles measured for decode only, with exact coefficients and a fixed multiplicative interval. */
final class DecodeProfiles {
  private DecodeProfiles() {}

  /**
   * A linear decode profile in bf16 on {@code features} priced at {@code coefficients} (same order, comma
   * separated), with no parameter uncertainty and a 90% interval of [joules / 1.25, joules x 1.5].
   */
  static Profile linear(String id, String features, String coefficients) {
    int n = features.split(",").length;
    Properties p = new Properties();
    p.setProperty("id", id);
    p.setProperty("description", "test profile");
    p.setProperty("hardware", "test hardware");
    p.setProperty("phases", "decode");
    p.setProperty("format", "bf16");
    p.setProperty("calibrated", "false");
    p.setProperty("arithmetic", "cmos");
    p.setProperty("model.form", "linear");
    p.setProperty("model.features", features);
    p.setProperty("model.coefficients", coefficients);
    p.setProperty("model.covariance", String.join(",", Collections.nCopies(n * n, "0")));
    p.setProperty("model.residualVariance", "0.01");
    p.setProperty("model.degreesOfFreedom", "10");
    p.setProperty("model.interval", "multiplicative");
    p.setProperty("model.intervalLow", "1.25");
    p.setProperty("model.intervalHigh", "1.5");
    p.setProperty("model.tosRange", "1.0,1.0E30");
    return Profile.fromProperties(p, "test");
  }
}
