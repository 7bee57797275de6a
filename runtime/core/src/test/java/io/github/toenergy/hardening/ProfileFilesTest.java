package io.github.toenergy.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.toenergy.profile.Profile;
import io.github.toenergy.profile.ProfileException;
import io.github.toenergy.profile.Profiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, classes 3, 5 and 6 for profile files: special files and unreadable folders on a profile
 * path, the one text rule (BOM, strict UTF-8, control characters, ASCII digits), keys given twice, huge
 * files, and texts that would read back differently refused when a profile is built (writing is tested
 * in toenergy-calibrate's ProfileWriterTest).
 */
class ProfileFilesTest {
  @TempDir Path dir;

  private static final Duration QUICKLY = Duration.ofSeconds(20);

  private ProfileException loadFails() {
    return assertTimeoutPreemptively(QUICKLY, () -> assertThrows(ProfileException.class,
        () -> Profiles.load(getClass().getClassLoader(), List.of(dir))));
  }

  private static void assertOneLine(ProfileException e, Path source, String part) {
    assertTrue(e.getMessage().startsWith(source + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' should contain '" + part + "'");
    assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
  }

  // ---- special files --------------------------------------------------------------------------

  @Test
  void aFifoIsRefusedNotWaitedOn() throws Exception {
    Path fifo = dir.resolve("fifo.properties");
    assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is available");
    assertOneLine(loadFails(), fifo, "is not a regular file");
    assertOneLine(assertThrows(ProfileException.class, () -> Profiles.read(fifo)), fifo, "is not a regular file");
  }

  @Test
  void aLinkToDevZeroIsRefusedNotReadForever() throws IOException {
    Path zero = Path.of("/dev/zero");
    assumeTrue(Files.exists(zero), "a /dev/zero");
    Path link = Files.createSymbolicLink(dir.resolve("zero.properties"), zero);
    assertOneLine(loadFails(), link, "is not a regular file");
  }

  @Test
  void aHugeFileIsRefusedByItsSize() throws IOException {
    Path huge = dir.resolve("huge.properties");
    Files.writeString(huge, "# " + "x".repeat(1 << 20) + "\n" + text(ProfileFixtures.linear("huge")));
    assertOneLine(loadFails(), huge, "is larger than the limit of 1048576 bytes");
  }

  @Test
  void anUnreadableFolderIsAProfileErrorNamingIt() throws IOException {
    assumeFalse("root".equals(System.getProperty("user.name")), "root reads every folder");
    Path folder = Files.createDirectory(dir.resolve("locked"));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("---------"));
    try {
      ProfileException e = assertThrows(ProfileException.class,
          () -> Profiles.load(getClass().getClassLoader(), List.of(folder)));
      assertOneLine(e, folder, "cannot be listed: permission denied");
    } finally {
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    }
  }

  // ---- the text rule --------------------------------------------------------------------------

  @Test
  void aByteOrderMarkIsSkipped() throws IOException {
    Path file = dir.resolve("bom.properties");
    byte[] body = text(ProfileFixtures.linear("bom")).getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[body.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(body, 0, withBom, 3, body.length);
    Files.write(file, withBom);
    // before: the BOM became part of the first key, "\uFEFFid", and the id was "missing"
    assertEquals("bom", Profiles.read(file).id());
  }

  @Test
  void invalidUtf8IsRefusedAsInNotationAndCsvFiles() throws IOException {
    Path file = dir.resolve("latin1.properties");
    String text = text(ProfileFixtures.linear("latin"));
    byte[] bytes = (text + "hardware=").getBytes(StandardCharsets.UTF_8);
    byte[] bad = new byte[bytes.length + 2];
    System.arraycopy(bytes, 0, bad, 0, bytes.length);
    bad[bytes.length] = (byte) 0xE9; // 'é' in Latin-1, a lone lead byte in UTF-8
    bad[bytes.length + 1] = '\n';
    Files.write(file, bad);
    assertOneLine(loadFails(), file, "is not valid UTF-8 at byte " + bytes.length);
  }

  @Test
  void aRawControlCharacterIsRefusedWithItsLine() throws IOException {
    Path file = dir.resolve("nul.properties");
    Files.writeString(file, "id=nul\ndescription=a\u0000b\n");
    assertOneLine(loadFails(), file, "line 2: control character \\u0000");
  }

  @Test
  void aKeyGivenTwiceIsRefusedNamingTheKey() throws IOException {
    Path file = dir.resolve("twice.properties");
    // before: the second coefficients silently won
    Files.writeString(file, text(ProfileFixtures.linear("twice")) + "model.coefficients=1.0E-12,1.0E-9\n");
    ProfileException e = loadFails();
    assertOneLine(e, file, "key 'model.coefficients': given more than once");
    assertEquals("model.coefficients", e.key());
  }

  // ---- the fuzzer: the same attack classes on random places of a valid profile ---------------------------

  @Test
  void mutatedProfilesLoadEqualOrFailWithOneLineNamingTheFile() {
    Map<String, String> valid = ProfileFixtures.linear("fuzz");
    String base = text(valid);
    String expected = meaning(Profile.fromProperties(ProfileFixtures.properties(valid), "mem"));
    Property.forAll("mutated profile files", 300, random -> mutate(base, random), mutated -> {
      Path file = dir.resolve("fuzz.properties");
      try {
        Files.write(file, mutated);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      try {
        Profile loaded = assertTimeoutPreemptively(QUICKLY, () -> Profiles.read(file));
        // only a byte-order mark leaves the profile loadable (the base text is ASCII, so every other
        // mutation breaks a key, a number or the encoding), and then it is the same profile
        assertEquals(expected, meaning(loaded));
      } catch (ProfileException e) {
        assertOneLine(e, file, "");
      }
    });
  }

  /** One attack from issue 15 at a random place: BOM, control character, unicode digit, line twice, huge. */
  private static byte[] mutate(String text, Random random) {
    StringBuilder s = new StringBuilder(text);
    switch (random.nextInt(6)) {
      case 0 -> s.insert(0, '\uFEFF');
      case 1 -> s.insert(random.nextInt(s.length()), (char) new int[] {0, 7, 0x1B, 0x7F, 0x85, 0x0B}[random.nextInt(6)]);
      case 2 -> {
        int at = digitAt(s, random);
        if (at >= 0) s.setCharAt(at, (char) ("\u0660\u06F0\u0966\uFF10".charAt(random.nextInt(4)) + s.charAt(at) - '0'));
      }
      case 3 -> {
        String[] lines = text.split("\n");
        s.append(lines[random.nextInt(lines.length)]).append('\n');
      }
      case 4 -> s.insert(0, "# " + "y".repeat((1 << 20) + random.nextInt(100)) + "\n");
      default -> {
        byte[] bytes = s.toString().getBytes(StandardCharsets.UTF_8);
        bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(0x80));
        return bytes;
      }
    }
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static int digitAt(CharSequence s, Random random) {
    int start = random.nextInt(s.length());
    for (int i = 0; i < s.length(); i++) {
      int at = (start + i) % s.length();
      if (s.charAt(at) >= '0' && s.charAt(at) <= '9') return at;
    }
    return -1;
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** Everything a profile says, as one text: two profiles that say the same give equal texts. */
  private static String meaning(Profile p) {
    var m = p.model();
    return String.join("|", p.id(), p.description(), p.hardware(), p.phases(), p.format().name(),
        String.valueOf(p.calibrated()), p.arithmetic().id(), p.arithmeticSettings().toString(), m.form().key(),
        m.features().toString(), java.util.Arrays.toString(m.coefficients()),
        java.util.Arrays.deepToString(m.covariance()), m.residualVariance() + "/" + m.degreesOfFreedom() + "/"
            + m.tQuantile() + "/" + m.intervalScale() + "/" + m.intervalLow() + "/" + m.intervalHigh(),
        m.minTosPerStep() + "," + m.maxTosPerStep(), p.provenance().toString());
  }

  /** {@code entries} in properties syntax, as ProfileFixtures writes them. */
  private static String text(Map<String, String> entries) {
    StringBuilder s = new StringBuilder();
    entries.forEach((k, v) -> s.append(k).append('=').append(v).append('\n'));
    return s.toString();
  }
}
