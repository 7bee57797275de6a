package io.github.toenergy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.ArithmeticModel;
import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.model.Network;
import io.github.toenergy.profile.Profile;
import io.github.toenergy.profile.Profiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code calibrate}: a CSV of measurements in, a fit report out, and a profile that {@code estimate} loads. */
class CalibrateCommandTest {
  @TempDir Path dir;

  record Run(int status, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Joules of a made-up machine: 2e-14 J per TO, 3e-9 J per byte, 1 ms per step. */
  static double truth(Network n, Phase phase, int batch) {
    NetworkCost cost = NetworkCost.of(n, phase);
    return 2e-14 * cost.tos(ArithmeticModel.cmos(), batch) + 3e-9 * cost.bytes(batch) + 1e-3;
  }

  /** Measurements of the made-up machine with 2% noise, in the documented CSV format. */
  Path measurements() throws IOException {
    String[] nets = {"input(784) dense(128) relu dense(10) softmax", "input(3,32,32) conv2d(16,k=3,p=1) relu"
        + " maxpool(2) flatten dense(10)", "input(256) dense(256) relu dense(256) relu dense(10)",
        "input(1,28,28) conv2d(6,k=5) relu maxpool(2) conv2d(16,k=5) relu maxpool(2) flatten dense(120) relu"
            + " dense(84) relu dense(10)", "input(64) dense(32) tanh dense(4) sigmoid"};
    StringBuilder csv = new StringBuilder("network,phase,batch,batches,joules\n");
    Random random = new Random(5);
    for (String text : nets) {
      Network n = Network.parse(text);
      for (Phase phase : new Phase[] {Phase.INFERENCE, Phase.TRAINING}) {
        for (int batch : new int[] {1, 8, 32, 128}) {
          double e = truth(n, phase, batch) * (1 + 0.02 * random.nextGaussian());
          csv.append('"').append(text).append("\",").append(phase.name().toLowerCase(Locale.ROOT)).append(',')
              .append(batch).append(",0,").append(e).append('\n');
        }
      }
    }
    Path file = dir.resolve("measurements.csv");
    Files.writeString(file, csv);
    return file;
  }

  @Test
  void roundTripThroughEstimate() throws IOException {
    Path csv = measurements();
    Path out = dir.resolve("my-box.properties");
    Run fit = run("calibrate", "--measurements", csv.toString(), "--id", "my-box", "--out", out.toString(),
        "--hardware", "my test box");
    assertEquals(0, fit.status(), fit.err());
    assertTrue(fit.out().contains("MACs-only baseline: CV MAPE"), fit.out());
    for (String candidate : new String[] {"macs", "tos", "tos-bytes", "split", "log-log", "macs-bytes"}) {
      assertTrue(Pattern.compile("(?m)^" + Pattern.quote(candidate) + "[ *]").matcher(fit.out()).find(),
          candidate + " missing in\n" + fit.out());
    }
    assertTrue(fit.out().contains("chosen (*): "), fit.out());
    assertTrue(Files.isRegularFile(out));

    Profile profile = Profiles.read(out);
    assertEquals("my-box", profile.id());
    assertEquals("my test box", profile.hardware());
    assertEquals("inference,training", profile.phases());
    assertTrue(profile.calibrated());

    // a network that was not measured, estimated through the CLI with --profile-path
    String unseen = "input(512) dense(64) relu dense(10) softmax";
    Run estimate = run("estimate", "--profile-path", dir.toString(), "--profile", "my-box", "--batch", "16",
        "--format", "json", unseen);
    assertEquals(0, estimate.status(), estimate.err());
    Matcher joules = Pattern.compile("\"joules\":([0-9.eE+-]+)").matcher(estimate.out());
    assertTrue(joules.find(), estimate.out());
    double expected = truth(Network.parse(unseen), Phase.INFERENCE, 16);
    double got = Double.parseDouble(joules.group(1));
    assertEquals(expected, got, 0.05 * expected, "within the 2% noise of the made-up machine, with room");
    assertTrue(estimate.out().contains("\"calibrated\":true"));
  }

  /** The example of docs/calibration.md, run as the docs show it (tests run in runtime/). */
  @Test
  void documentedExampleRuns() {
    Path example = Path.of("../../docs/calibration-example.csv");
    assertTrue(Files.isRegularFile(example), example.toAbsolutePath().toString());
    Path out = dir.resolve("my-xeon.properties");
    Run fit = run("calibrate", "--measurements", example.toString(), "--id", "my-xeon", "--out", out.toString(),
        "--hardware", "Xeon Gold 5120, RAPL package");
    assertEquals(0, fit.status(), fit.err());
    assertTrue(fit.out().startsWith("fitted 41 measurements of 36 networks"), fit.out());
    assertTrue(fit.out().contains("tos-bytes *"), fit.out());
    Run estimate = run("estimate", "--profile-path", dir.toString(), "--profile", "my-xeon", "--batch", "32",
        "input(3,32,32) conv2d(16,k=3,p=1) relu maxpool(2) flatten dense(10)");
    assertEquals(0, estimate.status(), estimate.err());
    assertTrue(estimate.out().contains("profile:  my-xeon (Xeon Gold 5120, RAPL package)"), estimate.out());
    Run list = run("profiles", "--profile-path", dir.toString());
    assertEquals(0, list.status(), list.err());
    assertTrue(list.out().contains("my-xeon"), list.out());
  }

  @Test
  void cacheBytesAddsTheCacheCandidateAndTravelsWithTheProfile() throws IOException {
    Path out = dir.resolve("cached.properties");
    Run fit = run("calibrate", "--measurements", measurements().toString(), "--id", "cached", "--out",
        out.toString(), "--cache-bytes", "1048576");
    assertEquals(0, fit.status(), fit.err());
    assertTrue(Pattern.compile("(?m)^kinds-cache[ *]").matcher(fit.out()).find(), fit.out());
    Profile profile = Profiles.read(out);
    assertEquals(1 << 20, profile.arithmetic().onChipBytes());

    // without the option there is no cache size, and no candidate that needs one
    Run plain = run("calibrate", "--measurements", measurements().toString(), "--id", "plain", "--out",
        dir.resolve("plain.properties").toString());
    assertEquals(0, plain.status(), plain.err());
    assertFalse(plain.out().contains("kinds-cache"), plain.out());
    assertEquals(0, Profiles.read(dir.resolve("plain.properties")).arithmetic().onChipBytes());

    for (String bad : new String[] {"0", "-5", "1MiB"}) {
      Run r = run("calibrate", "--measurements", measurements().toString(), "--id", "x", "--out",
          dir.resolve("x.properties").toString(), "--cache-bytes", bad);
      assertEquals(2, r.status());
      assertEquals("toenergy: option '--cache-bytes' must be a positive whole number, got '" + bad + "'",
          r.err().strip());
    }
  }

  @Test
  void badInputIsOneLineAndExitStatus2() throws IOException {
    Path bad = dir.resolve("m.csv");
    Files.writeString(bad, "network,phase,batch,batches,joules\ninput(4) dense(2),inference,8,0,1\n"
        + "input(4) dense(2),inference,8,0,abc\n");
    Run r = run("calibrate", "--measurements", bad.toString(), "--id", "x", "--out", dir.resolve("x.properties")
        .toString());
    assertEquals(2, r.status());
    assertEquals("toenergy: m.csv:3:5: joules 'abc' is not a number", r.err().strip());

    Files.writeString(bad, "network,phase,batch,batches,joules\ninput(4) dense(2),inference,8,0,1\n"
        + "input(4) dense(2),inference,16,0,2\n");
    r = run("calibrate", "--measurements", bad.toString(), "--id", "x", "--out", dir.resolve("x.properties")
        .toString());
    assertEquals(2, r.status());
    assertEquals("toenergy: too few measurements: 2, need at least 5", r.err().strip());

    StringBuilder same = new StringBuilder("network,phase,batch,batches,joules\n");
    for (int i = 0; i < 6; i++) same.append("input(4) dense(2),inference,8,0,").append(1 + i * 0.1).append('\n');
    Files.writeString(bad, same);
    r = run("calibrate", "--measurements", bad.toString(), "--id", "x", "--out", dir.resolve("x.properties")
        .toString());
    assertEquals(2, r.status());
    assertTrue(r.err().startsWith("toenergy: all 6 measurements are one workload"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());

    r = run("calibrate", "--measurements", bad.toString(), "--id", "Bad_Id", "--out", "x.properties");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("--id"), r.err());
    r = run("calibrate", "--measurements", bad.toString(), "--id", "xeon-gold-5120", "--out", "x.properties");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("shipped profile"), r.err());
    r = run("calibrate", "--measurements", dir.resolve("missing.csv").toString(), "--id", "x", "--out", "x.properties");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("no such file"), r.err());
    r = run("calibrate", "--id", "x", "--out", "x.properties");
    assertEquals(2, r.status());
    assertEquals("toenergy: missing required option '--measurements'", r.err().strip());
    r = run("calibrate", "--measurements", bad.toString(), "--id", "x", "--out", "x.properties", "--format", "fp64");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("--format"), r.err());
  }
}
