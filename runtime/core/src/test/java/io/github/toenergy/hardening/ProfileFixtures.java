package io.github.toenergy.hardening;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Small, valid profile files for tests, to be broken one key at a time. */
final class ProfileFixtures {
  private ProfileFixtures() {}

  /**
   * A valid linear profile over {@code tos, bytes}: 1 fJ per TO and 1 pJ per byte, made up for
   * tests (calibrated=false), with a diagonal covariance.
   */
  static Map<String, String> linear(String id) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("id", id);
    p.put("description", "test profile " + id);
    p.put("hardware", "test hardware");
    p.put("phases", "inference,training");
    p.put("format", "fp32");
    p.put("calibrated", "false");
    p.put("arithmetic", "cmos");
    p.put("model.form", "linear");
    p.put("model.features", "tos,bytes");
    p.put("model.coefficients", "1.0E-15,1.0E-12");
    p.put("model.covariance", "1.0E-34,0.0,0.0,1.0E-28");
    p.put("model.residualVariance", "0.01");
    p.put("model.degreesOfFreedom", "10");
    p.put("model.tQuantile", "1.8124611"); // t(0.95; 10), from any table of Student's t
    p.put("model.tosRange", "1.0E6,1.0E15");
    p.put("provenance.source", "made up for a test");
    return p;
  }

  /** A valid log-log profile: {@code ln(E) = -34.5 + 1.0 ln(tos)}, i.e. about 1 fJ per TO. */
  static Map<String, String> logLog(String id) {
    Map<String, String> p = linear(id);
    p.put("model.form", "log-log");
    p.put("model.features", "tos");
    p.put("model.coefficients", "-34.5,1.0");
    p.put("model.covariance", "0.01,0.0,0.0,0.0001");
    return p;
  }

  private static String escape(String value) {
    StringBuilder s = new StringBuilder();
    for (char c : value.toCharArray()) {
      if (c == '\\') {
        s.append("\\\\");
      } else if (c == '\r') {
        s.append("\\r");
      } else if (Character.isISOControl(c)) {
        s.append(String.format("\\u%04x", (int) c));
      } else {
        s.append(c);
      }
    }
    return s.toString();
  }

  static Properties properties(Map<String, String> entries) {
    Properties p = new Properties();
    p.putAll(entries);
    return p;
  }

  /**
   * Writes {@code entries} as {@code folder/name} in properties syntax (keys in the given order), control
   * characters and backslashes in values escaped, so that the file means what the map says.
   */
  static Path write(Path folder, String name, Map<String, String> entries) {
    Path file = folder.resolve(name);
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Map.Entry<String, String> e : entries.entrySet()) {
        w.write(e.getKey() + "=" + escape(e.getValue()) + "\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
