package io.github.toenergy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.toenergy.profile.Profiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 against {@code calibrate}: nothing lost (the output is never the measurements, an existing
 * file is replaced only when it is a profile, atomically, and checked before fitting), text that would
 * change meaning in a profile is refused, and CSV problems are one line naming file, line and what.
 */
class CalibrateSafetyTest {
  @TempDir Path dir;

  private Path measurements() throws IOException {
    Path csv = dir.resolve("m.csv");
    Files.copy(Path.of("../../docs/calibration-example.csv"), csv);
    return csv;
  }

  private static String error(String... args) {
    return CliOverflowTest.assertCliError(List.of(args), "");
  }

  @Test
  void theMeasurementsAreNeverReplacedByTheProfile() throws IOException {
    Path csv = measurements();
    byte[] before = Files.readAllBytes(csv);
    // the exact example of issue 15 (it replaced 41 measurements with a profile and exited 0)
    String e = error("calibrate", "--measurements", csv.toString(), "--id", "x", "--out", csv.toString());
    assertEquals("toenergy: option '--out': '" + csv + "' is the input '" + csv + "': writing the profile there would"
        + " replace it; choose another output file\n", e);
    // the same file through '..', a symbolic link and a hard link
    Path sub = Files.createDirectory(dir.resolve("sub"));
    error("calibrate", "--measurements", csv.toString(), "--id", "x", "--out", sub.resolve("../m.csv").toString());
    Path link = Files.createSymbolicLink(dir.resolve("link.properties"), csv);
    error("calibrate", "--measurements", csv.toString(), "--id", "x", "--out", link.toString());
    error("calibrate", "--measurements", link.toString(), "--id", "x", "--out", csv.toString());
    Path hard = Files.createLink(dir.resolve("hard.properties"), csv);
    error("calibrate", "--measurements", csv.toString(), "--id", "x", "--out", hard.toString());
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(csv)), "the measurements are untouched");
  }

  @Test
  void anExistingFileThatIsNoProfileIsKeptAndAProfileIsReplaced() throws IOException {
    Path csv = measurements();
    Path notes = dir.resolve("notes.properties");
    Files.writeString(notes, "my notes\n");
    assertTrue(error("calibrate", "--measurements", csv.toString(), "--id", "x", "--out", notes.toString())
        .contains("already exists and is not a toenergy profile"));
    assertEquals("my notes\n", Files.readString(notes));
    // a refit replaces the previous profile, and says so
    Path out = dir.resolve("mine.properties");
    CalibrateCommandTest.Run first = CalibrateCommandTest.run("calibrate", "--measurements", csv.toString(), "--id",
        "mine", "--out", out.toString());
    assertEquals(0, first.status(), first.err());
    assertTrue(first.out().contains("\nwrote " + out), first.out());
    CalibrateCommandTest.Run again = CalibrateCommandTest.run("calibrate", "--measurements", csv.toString(), "--id",
        "mine", "--out", out.toString(), "--hardware", "the same box");
    assertEquals(0, again.status(), again.err());
    assertTrue(again.out().contains("\nreplaced the profile " + out), again.out());
    assertEquals("the same box", Profiles.read(out).hardware());
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of("m.csv", "mine.properties", "notes.properties"),
          files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary or probe file left");
    }
  }

  @Test
  void theOutputIsCheckedBeforeFitting() throws IOException {
    Path csv = measurements();
    // error() also checks that nothing reached stdout: no fit report, so no fit was run
    assertTrue(error("calibrate", "--measurements", csv.toString(), "--id", "x", "--out",
        dir.resolve("missing/x.properties").toString()).contains("does not exist"));
    assertTrue(error("calibrate", "--measurements", csv.toString(), "--id", "x", "--out", dir.toString())
        .contains("is a folder"));
  }

  @Test
  void aHardwareTextThatWouldReadBackDifferentlyIsRefused() throws IOException {
    Path csv = measurements();
    Path out = dir.resolve("x.properties");
    // issue 15: a carriage return wrote a profile whose hardware read back as "Lab"
    assertEquals("toenergy: option '--hardware': control character \\r at index 3 in 'Lab\\rbox' (a profile value"
        + " is one line of text)\n", error("calibrate", "--measurements", csv.toString(), "--id", "x", "--out",
        out.toString(), "--hardware", "Lab\rbox"));
    error("calibrate", "--measurements", csv.toString(), "--id", "x", "--out", out.toString(), "--hardware", "a\u0000b");
    assertFalse(Files.exists(out));
    // a backslash is text, and travels unchanged (it read as an escape when written unescaped)
    CalibrateCommandTest.Run ok = CalibrateCommandTest.run("calibrate", "--measurements", csv.toString(), "--id", "x",
        "--out", out.toString(), "--hardware", "Lab box C:\\users\\lab \\u0041");
    assertEquals(0, ok.status(), ok.err());
    assertEquals("Lab box C:\\users\\lab \\u0041", Profiles.read(out).hardware());
  }

  @Test
  void anOverflowNamesTheFileLineAndLayer() throws IOException {
    Path csv = dir.resolve("big.csv");
    // 3 x 60,000 x 60,000 inputs, 4,096 filters of 3x3: 4,096 x 27 MACs per output x 4,096 x 3.6e9 outputs of
    // the second convolution is about 1.6e18 MACs, and each MAC is thousands of TOs: far beyond 2^63 = 9.2e18
    Files.writeString(csv, "network,phase,batch,batches,joules\n"
        + "\"input(10) dense(10)\",inference,1,0,1\n"
        + "\"input(3,60000,60000) conv2d(4096,k=3,p=1) relu conv2d(4096,k=3,p=1)\",inference,1,0,1\n");
    String e = error("calibrate", "--measurements", csv.toString(), "--id", "x", "--out",
        dir.resolve("x.properties").toString());
    // before: "toenergy: long overflow"
    assertTrue(e.startsWith("toenergy: big.csv:3:1: network: inference, "), e);
    assertTrue(e.contains("conv2d(4096,k=3,p=1)") && e.contains("exceed 2^63-1"), e);
  }

  @Test
  void csvFilesFollowTheOneTextRule() throws IOException {
    Path csv = dir.resolve("m.csv");
    Path out = dir.resolve("x.properties");
    String header = "network,phase,batch,batches,joules\n";
    Files.writeString(csv, header.replace("joules", "joules,batch") + "input(4) dense(2),inference,8,0,1,9\n");
    assertEquals("toenergy: m.csv:1:6: column 'batch' appears twice in the header (fields 3 and 6): which one is"
        + " meant?\n", error("calibrate", "--measurements", csv.toString(), "--id", "x", "--out", out.toString()));
    Files.writeString(csv, header + "input(4) dense(2),inference,\u0664,0,1\n");
    assertEquals("toenergy: m.csv:2:3: batch '\u0664' is not a number in ASCII digits\n",
        error("calibrate", "--measurements", csv.toString(), "--id", "x", "--out", out.toString()));
    Files.writeString(csv, header + "input(4) dense(2),inference,8,\u0663,1\n");
    assertTrue(error("calibrate", "--measurements", csv.toString(), "--id", "x", "--out", out.toString())
        .startsWith("toenergy: m.csv:2:4: batches must be 0 (one batch) or a positive whole number, got '\u0663'"));
    Files.writeString(csv, header + "input(4) dense(2),infer\u001B[31mence,8,0,1\n");
    assertEquals("toenergy: m.csv:2: control character \\u001b at character 24 of the line\n",
        error("calibrate", "--measurements", csv.toString(), "--id", "x", "--out", out.toString()));
    assertFalse(Files.exists(out));
  }

  @Test
  void aFifoAsMeasurementsIsRefusedNotWaitedOn() throws Exception {
    Path fifo = dir.resolve("fifo.csv");
    assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is available");
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> error(
        "calibrate", "--measurements", fifo.toString(), "--id", "x", "--out", dir.resolve("x.properties").toString()));
  }
}
