package io.github.toenergy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Counts beyond a long reach the CLI user as one line and exit status 2, never a stack trace. */
class CliOverflowTest {
  private static final String WIDE_CONV = "input(512,224,224) conv2d(512,k=3,p=1)";

  @Test
  void theCliReportsAnOverflowAsOneLineWithExitStatus2(@TempDir Path dir) throws java.io.IOException {
    assertCliError(List.of("estimate", "--profile", "xeon-gold-5120", "--batch", "2147483647", WIDE_CONV),
        "conv2d_1 (conv2d(512,k=3,p=1))");
    assertCliError(List.of("estimate", "--profile", "xeon-gold-5120", "--phase", "training", "--batches",
        "9223372036854775807", WIDE_CONV), "network, training batch 1 x 9223372036854775807 batches");
    assertCliError(List.of("estimate", "--profile", "xeon-gold-5120", "input(65535,65535,65535) conv2d(65535,k=3,p=1)"),
        "layer 1 (conv2d(65535,k=3,p=1))");
    assertCliError(List.of("estimate", "--profile", "xeon-gold-5120", "input(2147483647,2147483647,2147483647) flatten"),
        "column 41");
    // coefficients that overflow a double for any real network
    Files.writeString(dir.resolve("huge.properties"), String.join("\n", "id=huge", "description=test profile huge",
        "hardware=test hardware", "phases=inference,training", "format=fp32", "calibrated=false", "arithmetic=cmos",
        "model.form=linear", "model.features=tos,bytes", "model.coefficients=1.0E300,1.0E300",
        "model.covariance=1.0E-34,0.0,0.0,1.0E-28", "model.residualVariance=0.01", "model.degreesOfFreedom=10",
        "model.tQuantile=1.8124611", "model.tosRange=1.0E6,1.0E15", "provenance.source=made up for a test", ""));
    assertCliError(List.of("estimate", "--profile-path", dir.toString(), "--profile", "huge",
        "input(784) dense(128) relu dense(10) softmax"), "not a finite number of joules");
  }

  /** Runs the CLI and checks: exit 2, nothing on stdout, one line on stderr containing {@code expected}. */
  static String assertCliError(List<String> args, String expected) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertEquals(2, status, args + " -> " + stderr);
    assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing on stdout for " + args);
    assertTrue(stderr.endsWith("\n") && stderr.indexOf('\n') == stderr.length() - 1, "one line: " + stderr);
    assertTrue(stderr.startsWith("toenergy: ") && stderr.contains(expected), stderr);
    assertFalse(stderr.contains("internal error") || stderr.contains("Exception"), stderr);
    return stderr;
  }
}
