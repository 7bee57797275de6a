package io.github.toenergy.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.toenergy.model.Network;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnergyReportTest {
  private static final List<Network> NETWORKS =
      List.of(Network.parse("mlp", "input(784) dense(128) relu dense(10) softmax"));

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return EnergyReport.run(args, NETWORKS, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void writesTheTablesAndThePage(@TempDir Path dir) throws Exception {
    Path html = dir.resolve("sub/report.html");
    assertEquals(0, run("--html", html.toString()));
    assertTrue(stdout().contains("parameters 101,770   MACs 101,632"), stdout());
    assertTrue(stdout().endsWith("wrote " + html + System.lineSeparator()), stdout());
    assertTrue(Files.readString(html).startsWith("<!DOCTYPE html>"));
    assertEquals("", stderr());
  }

  @Test
  void batchScalesTheMacs() {
    // 64 samples of 101,632 MACs = 6,504,448
    assertEquals(0, run("--batch", "64"));
    assertTrue(stdout().contains("MACs 6,504,448"), stdout());
  }

  @Test
  void badArgumentsAreOneLineAndExitTwo() {
    assertEquals(2, run("--htm", "x.html"));
    assertEquals("energy-report: unknown argument '--htm'; see --help" + System.lineSeparator(), stderr());
    err.reset();
    assertEquals(2, run("--batch", "0"));
    assertEquals("energy-report: option '--batch' needs a positive integer, got '0'" + System.lineSeparator(), stderr());
    err.reset();
    assertEquals(2, run("--html"));
    assertEquals("energy-report: option '--html' needs a value" + System.lineSeparator(), stderr());
    err.reset();
    assertEquals(2, run("--layers-profile", "nope"));
    assertEquals("energy-report: unknown profile 'nope' for --layers-profile" + System.lineSeparator(), stderr());
    assertEquals("", stdout());
  }

  @Test
  void anUnwritableFileIsOneLine(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    assertEquals(2, run("--html", file.resolve("report.html").toString()));
    assertTrue(stderr().startsWith("energy-report: cannot write "), stderr());
    assertEquals(1, stderr().lines().count(), stderr());
  }
}
