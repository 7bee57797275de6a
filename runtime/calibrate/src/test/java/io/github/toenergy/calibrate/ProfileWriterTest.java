package io.github.toenergy.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.toenergy.cost.ArithmeticModel;
import io.github.toenergy.energy.EnergyModel;
import io.github.toenergy.energy.Feature;
import io.github.toenergy.model.Format;
import io.github.toenergy.profile.Profile;
import io.github.toenergy.profile.Profiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15, classes 1 and 6: profiles are written atomically, and every written profile reads back equal. */
class ProfileWriterTest {
  @TempDir Path dir;

  @Test
  void everyWrittenProfileReadsBackEqualOrIsRefusedWhenBuilt() throws IOException {
    // texts with what the properties syntax treats specially, and the control characters of issue 15
    String[] pieces = {"Lab box", "C:\\users\\lab", "\\u0041", "a=b", "k:v", "#hash", "!bang", " lead", "trail ",
        "\r", "\n", "\t", "\u0000", "\u0085", "\u2028", "é", "日本", "\uFEFF", "x y", ""};
    Random random = new Random(15);
    int written = 0;
    for (int trial = 0; trial < 400; trial++) {
      String[] text = new String[3];
      for (int i = 0; i < text.length; i++) {
        StringBuilder s = new StringBuilder();
        for (int j = 0, n = 1 + random.nextInt(3); j < n; j++) s.append(pieces[random.nextInt(pieces.length)]);
        text[i] = s.toString();
      }
      Profile profile = profile(text[0], text[1], text[2]);
      Path file = dir.resolve("p.properties");
      try {
        ProfileWriter.write(profile, file);
      } catch (IllegalArgumentException e) {
        // refused, naming the key: never written to read back differently, and nothing left behind
        assertTrue(e.getMessage().contains("description") || e.getMessage().contains("hardware")
            || e.getMessage().contains("provenance.note"), e.getMessage());
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
          assertTrue(files.allMatch(file::equals), "no temporary file left");
        }
        continue;
      }
      assertEquals(ProfileWriter.properties(profile), ProfileWriter.properties(Profiles.read(file)), String.join(" | ", text));
      written++;
    }
    assertTrue(written > 0 && written < 400, written + " of 400 written: both outcomes are exercised");
  }

  @Test
  void theHardwareOfIssue15IsRefusedNotWrittenToReadBackDifferently() {
    // before: "--hardware $'Lab\rbox'" wrote a profile whose hardware read back as "Lab" and a key "box"
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ProfileWriter.write(profile("d", "Lab\rbox", "n"), dir.resolve("x.properties")));
    assertEquals("hardware: control character \\r at index 3 in 'Lab\\rbox' (a profile value is one line of text)",
        e.getMessage());
    assertFalse(Files.exists(dir.resolve("x.properties")));
  }

  @Test
  void aWriteReplacesAtomicallyAndLeavesNoTemporaryFile() throws IOException {
    Path file = dir.resolve("mine.properties");
    Files.writeString(file, "old content\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    Profile profile = profile("mine", "hw", "n");
    ProfileWriter.write(profile, file);
    assertEquals(ProfileWriter.text(profile), Files.readString(file));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
        "the replaced file keeps its permissions");
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void aFailedWriteLeavesTheTargetAsItWasAndNoTemporaryFile() throws IOException {
    // a folder where the profile should go: the rename fails after the text was written in full
    Path target = Files.createDirectory(dir.resolve("taken.properties"));
    Files.writeString(target.resolve("keep.txt"), "kept");
    assertThrows(IOException.class, () -> ProfileWriter.write(profile("mine", "hw", "n"), target));
    assertEquals("kept", Files.readString(target.resolve("keep.txt")));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(target), files.toList(), "no temporary file left");
    }
    // a folder that does not exist: nothing is created
    assertThrows(IOException.class, () -> ProfileWriter.write(profile("mine", "hw", "n"),
        dir.resolve("none/x.properties")));
    assertFalse(Files.exists(dir.resolve("none")));
  }

  /** A small valid profile with the given texts (made up: 1 fJ per TO). */
  private static Profile profile(String description, String hardware, String note) {
    EnergyModel model = new EnergyModel(EnergyModel.Form.LINEAR, List.of(Feature.TOS), new double[] {1e-15},
        new double[][] {{1e-34}}, 0.01, 10, 1.8124611, 1e6, 1e15);
    return new Profile("p", description, hardware, "inference", Format.FP32, false, ArithmeticModel.cmos(), Map.of(),
        model, Map.of("provenance.note", note));
  }

  @Test
  void theHardwareOfIssue15IsNamedByTheTextCheck() {
    // before: "--hardware $'Lab\rbox'" wrote a profile whose hardware read back as "Lab" and a key "box";
    // the calibrate command and ProfileWriter refuse it with this check
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Profile.checkText("hardware", "Lab\rbox"));
    assertEquals("hardware: control character \\r at index 3 in 'Lab\\rbox' (a profile value is one line of text)",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Profile.checkText("hardware", " padded"));
    assertThrows(IllegalArgumentException.class, () -> Profile.checkText("hardware", "line\u2028separator "));
  }
}
