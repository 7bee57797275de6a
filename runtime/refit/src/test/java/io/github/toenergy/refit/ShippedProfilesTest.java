package io.github.toenergy.refit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.toenergy.calibrate.ProfileWriter;
import io.github.toenergy.energy.Estimate;
import io.github.toenergy.catalogue.Catalogue;
import io.github.toenergy.energy.Workload;
import io.github.toenergy.profile.Profile;
import io.github.toenergy.profile.Profiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The shipped profiles are exactly what the project's own fit makes of the repository's copy of the
 * measurements. Numbers are compared with a relative tolerance of 1e-9, so that another JVM or CPU
 * (whose Math.log may differ in the last bit) cannot make this flaky; text must be equal. When this
 * fails after a deliberate change, regenerate: {@code mvn -B -q -pl runtime/refit -am -Pfit-profiles
 * process-classes}.
 */
class ShippedProfilesTest {
  static final double TOLERANCE = 1e-9;

  @Test
  void refittingGivesTheShippedProfiles() throws IOException {
    List<String> ids = ShippedProfiles.specs().stream().map(ShippedProfiles.Spec::id).toList();
    assertEquals(List.of("xeon-gold-5120", "raptorlake", "broadwell-ep", "v100", "a40", "rtx6000", "p100", "h100", "b200"),
        ids);
    for (ShippedProfiles.Spec spec : ShippedProfiles.specs()) {
      Map<String, String> refit =
          new TreeMap<>(ProfileWriter.properties(ShippedProfiles.fit(spec, Data.root()).profile()));
      Map<String, String> shipped = shipped(spec.id());
      assertEquals(new TreeSet<>(shipped.keySet()), new TreeSet<>(refit.keySet()), spec.id() + ": keys");
      for (Map.Entry<String, String> e : shipped.entrySet()) {
        assertSame(spec.id() + " " + e.getKey(), e.getValue(), refit.get(e.getKey()));
      }
    }
  }

  private static Map<String, String> shipped(String id) throws IOException {
    String resource = Profiles.RESOURCE_DIR + id + ".properties";
    try (InputStream in = ShippedProfilesTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertNotNull(in, resource);
      Properties p = new Properties();
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, String> map = new TreeMap<>();
      for (String key : p.stringPropertyNames()) map.put(key, p.getProperty(key));
      return map;
    }
  }

  /** Equal text, or equal comma-separated numbers within {@link #TOLERANCE}. */
  private static void assertSame(String what, String expected, String actual) {
    if (expected.equals(actual)) return;
    String[] a = expected.split(",");
    String[] b = actual.split(",");
    if (a.length == b.length) {
      boolean numbers = true;
      for (int i = 0; i < a.length && numbers; i++) {
        try {
          double x = Double.parseDouble(a[i].strip());
          double y = Double.parseDouble(b[i].strip());
          numbers = Math.abs(x - y) <= TOLERANCE * Math.max(Math.abs(x), Math.abs(y)) + Double.MIN_NORMAL;
        } catch (NumberFormatException e) {
          numbers = false;
        }
      }
      if (numbers) return;
    }
    fail(what + ": shipped '" + expected + "' but the refit gives '" + actual + "'");
  }

  @Test
  void shippedProfilesAreCalibratedAndEstimate() {
    assertEquals(9, Profiles.all().size());
    for (Profile p : Profiles.all()) {
      assertTrue(p.calibrated(), p.id());
      for (String key : List.of("provenance.source", "provenance.commit", "provenance.license", "provenance.method",
          "provenance.rowsUsed", "provenance.rowsDropped", "provenance.assumptions", "provenance.limitations",
          "fit.model", "fit.r2", "fit.macsOnlyCvMape", "fit.coverage90")) {
        assertFalse(p.provenance().getOrDefault(key, "").isBlank(), p.id() + " lacks " + key);
      }
      boolean llm = p.phases().equals("decode");
      for (String c : llm ? List.of("macs", "decode", "decode-ep", "decode-all-experts", "decode-no-cache")
          : List.of("macs", "tos", "tos-bytes", "split", "log-log", "macs-bytes")) {
        assertTrue(p.provenance().containsKey("fit.cvMape." + c), p.id() + " lacks fit.cvMape." + c);
      }
      Workload workload = llm ? Workload.decode(64, 1000, 870)
          : p.phases().contains("inference") ? Workload.inference(8) : Workload.trainingStep(8);
      Estimate e = p.estimate(llm ? Catalogue.network("huggingface/Qwen/Qwen3-8B") : ReferenceNetworks.alexnet(224),
          workload);
      assertTrue(e.joules() > 0 && Double.isFinite(e.joules()), p.id() + ": " + e);
      assertTrue(e.low() <= e.joules() && e.joules() <= e.high(), p.id() + ": " + e);
      assertTrue(e.calibrated());
    }
  }
}
