package io.github.toenergy.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.toenergy.model.Format;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 against the measurement CSV: special files, the size, row and network limits, and a fuzzer
 * that puts the attack classes (BOM, control characters, unicode digits, repeated columns, huge tokens) at
 * random places of a valid file. Every outcome is the same measurements or one line naming the file.
 */
class MeasurementCsvHardeningTest {
  @TempDir Path dir;

  private static final String VALID = "network,phase,batch,batches,joules\n"
      + "\"input(784) dense(128) relu dense(10) softmax\",inference,64,0,0.0123\n"
      + "\"input(3,32,32) conv2d(8,k=3,p=1) relu flatten dense(10)\",training,16,938,41.7\n"
      + "input(16) dense(4),inference,8,0,2.5e-6\n";

  private static MeasurementFormatException fails(Path file) {
    return assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> assertThrows(MeasurementFormatException.class, () -> MeasurementCsv.read(file, Format.FP32)));
  }

  @Test
  void specialFilesAreRefusedNotWaitedOn() throws Exception {
    Path zero = Files.createSymbolicLink(dir.resolve("zero.csv"), Path.of("/dev/zero"));
    assertEquals(zero + ": is not a regular file", fails(zero).getMessage());
    Path fifo = dir.resolve("fifo.csv");
    assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is available");
    assertEquals(fifo + ": is not a regular file", fails(fifo).getMessage());
  }

  @Test
  void aFileOverTheSizeLimitIsRefusedUnread() throws IOException {
    Path huge = dir.resolve("huge.csv");
    try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
      file.setLength(CsvFile.MAX_BYTES + 1); // sparse: nothing is written, and nothing must be read
    }
    assertEquals(huge + ": is larger than the limit of 33554432 bytes", fails(huge).getMessage());
  }

  @Test
  void moreRowsThanTheLimitIsOneError() {
    StringBuilder csv = new StringBuilder("network,phase,batch,batches,joules\n");
    for (int i = 0; i <= CsvFile.MAX_ROWS; i++) csv.append("input(4) dense(2),inference,8,0,1\n");
    MeasurementFormatException e = assertThrows(MeasurementFormatException.class,
        () -> MeasurementCsv.parse("m.csv", csv.toString(), Format.FP32));
    // the header is line 1, so data line 200,001 is line 200,002
    assertTrue(e.getMessage().startsWith("m.csv:200002: more than 200000 data lines"), e.getMessage());
  }

  @Test
  void moreNetworksThanTheLimitIsOneError() {
    StringBuilder csv = new StringBuilder("network,phase,batch,batches,joules\n");
    for (int i = 1; i <= MeasurementCsv.MAX_NETWORKS + 1; i++) {
      csv.append("input(").append(i).append(") dense(1),inference,1,0,1\n");
    }
    MeasurementFormatException e = assertThrows(MeasurementFormatException.class,
        () -> MeasurementCsv.parse("m.csv", csv.toString(), Format.FP32));
    assertTrue(e.getMessage().startsWith("m.csv:50002:1: more than 50000 different networks"), e.getMessage());
  }

  @Test
  void aByteOrderMarkIsSkippedInFilesAndText() throws IOException {
    Path file = dir.resolve("bom.csv");
    Files.writeString(file, "\uFEFF" + VALID);
    assertEquals(3, MeasurementCsv.read(file, Format.FP32).size());
    assertEquals(3, MeasurementCsv.parse("m.csv", "\uFEFF" + VALID, Format.FP32).size());
  }

  @Test
  void aHugeTokenIsQuotedShortened() {
    String token = "9".repeat(1 << 20) + "x";
    MeasurementFormatException e = assertThrows(MeasurementFormatException.class, () -> MeasurementCsv.parse("m.csv",
        VALID.replace("0.0123", token), Format.FP32));
    assertTrue(e.getMessage().length() < 200, e.getMessage().length() + " characters");
    assertTrue(e.getMessage().startsWith("m.csv:2:5: joules '999"), e.getMessage());
  }

  @Test
  void mutatedFilesGiveTheSameMeasurementsOrOneLineNamingTheFile() {
    List<Measurement> expected = MeasurementCsv.parse("m.csv", VALID, Format.FP32);
    Random random = new Random(15);
    int loaded = 0;
    for (int trial = 0; trial < 400; trial++) {
      String mutated = mutate(VALID, random);
      List<Measurement> got;
      try {
        got = MeasurementCsv.parse("m.csv", mutated, Format.FP32);
      } catch (MeasurementFormatException e) {
        assertTrue(e.getMessage().startsWith("m.csv:"), e.getMessage());
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
        // one line, bounded: the longest is an unknown layer's, which lists every layer keyword (about 500
        // characters since issue 12's vocabulary)
        assertTrue(e.getMessage().length() < 1_000, e.getMessage());
        continue;
      }
      // what still parses means the same (a BOM; a mutation in the ignored whitespace)
      assertEquals(expected.size(), got.size(), mutated);
      for (int i = 0; i < got.size(); i++) {
        assertEquals(expected.get(i).joules(), got.get(i).joules(), mutated);
        assertEquals(expected.get(i).batch(), got.get(i).batch(), mutated);
        assertEquals(expected.get(i).batches(), got.get(i).batches(), mutated);
        assertEquals(expected.get(i).network().toNotation(), got.get(i).network().toNotation(), mutated);
      }
      loaded++;
    }
    assertTrue(loaded > 0 && loaded < 400, loaded + " of 400 mutated files parsed: both outcomes are exercised");
  }

  /** One attack class of issue 15 at a random place. */
  private static String mutate(String text, Random random) {
    StringBuilder s = new StringBuilder(text);
    switch (random.nextInt(6)) {
      case 0 -> s.insert(0, '\uFEFF');
      case 1 -> s.insert(random.nextInt(s.length()), (char) new int[] {0, 7, 0x1B, 0x7F, 0x85, 0x0B, '\r'}[
          random.nextInt(7)]);
      case 2 -> {
        int at = random.nextInt(s.length());
        while (at < s.length() && (s.charAt(at) < '0' || s.charAt(at) > '9')) at++;
        if (at < s.length()) s.setCharAt(at, (char) ("\u0660\u06F0\u0966\uFF10".charAt(random.nextInt(4)) + s.charAt(at)
            - '0'));
      }
      case 3 -> s.replace(0, s.indexOf("\n"), "network,phase,batch,batches,joules,"
          + List.of("network", "phase", "batch", "batches", "joules").get(random.nextInt(5)));
      case 4 -> s.insert(s.indexOf(",", s.indexOf("\n")) + 1, "1".repeat(100_000));
      default -> s.insert(random.nextInt(s.length()), ' ');
    }
    return s.toString();
  }

  @Test
  void theSameBytesMeanTheSameInFilesAndText() throws IOException {
    // invalid UTF-8 is refused with its offset, as in notation and profile files
    Path file = dir.resolve("latin1.csv");
    byte[] valid = VALID.getBytes(StandardCharsets.UTF_8);
    byte[] bad = java.util.Arrays.copyOf(valid, valid.length + 1);
    bad[valid.length] = (byte) 0xE9;
    Files.write(file, bad);
    assertEquals(file + ": is not valid UTF-8 at byte " + valid.length, fails(file).getMessage());
  }
}
