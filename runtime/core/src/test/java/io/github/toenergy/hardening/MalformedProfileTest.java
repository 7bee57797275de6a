package io.github.toenergy.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.toenergy.energy.Workload;
import io.github.toenergy.model.Network;
import io.github.toenergy.profile.Profile;
import io.github.toenergy.profile.ProfileException;
import io.github.toenergy.profile.Profiles;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a profile file can be broken gives a {@link ProfileException} naming the file and the
 * key: from a folder ({@code --profile-path}), from a class loader (a user's profile jar), and in
 * the CLI (exit 2, one line).
 */
class MalformedProfileTest {

  /** One broken key: what is done to a valid profile, the key named and part of the message. */
  static Stream<Arguments> brokenKeys() {
    return Stream.of(
        broken("missing coefficients", p -> p.remove("model.coefficients"), "model.coefficients", "missing"),
        broken("missing id", p -> p.remove("id"), "id", "missing"),
        broken("blank hardware", p -> p.put("hardware", "  "), "hardware", "missing"),
        broken("non-numeric coefficient", p -> p.put("model.coefficients", "1.0E-15,abc"), "model.coefficients",
            "value 2 'abc' is not a number"),
        broken("NaN coefficient", p -> p.put("model.coefficients", "NaN,1.0E-12"), "model.coefficients", "not finite"),
        broken("infinite coefficient", p -> p.put("model.coefficients", "1.0E-15,Infinity"), "model.coefficients",
            "not finite"),
        broken("coefficient beyond a double", p -> p.put("model.coefficients", "1.0E-15,1e999"), "model.coefficients",
            "not finite"),
        broken("too few coefficients", p -> p.put("model.coefficients", "1.0E-15"), "model.coefficients",
            "expected 2 numbers for the model's features, got 1"),
        broken("too many coefficients", p -> p.put("model.coefficients", "1,2,3"), "model.coefficients",
            "expected 2 numbers"),
        broken("log-log needs an intercept", p -> p.put("model.form", "log-log"), "model.coefficients",
            "expected 3 numbers"),
        broken("covariance of the wrong size", p -> p.put("model.covariance", "1,0,0"), "model.covariance",
            "expected 4 numbers"),
        broken("non-finite covariance", p -> p.put("model.covariance", "1,0,0,-Infinity"), "model.covariance",
            "not finite"),
        broken("unknown feature", p -> p.put("model.features", "tos,flops"), "model.features", "unknown feature 'flops'"),
        broken("empty feature", p -> p.put("model.features", "tos,,bytes"), "model.features", "unknown feature ''"),
        broken("log-log with run", p -> {
          p.put("model.form", "log-log");
          p.put("model.features", "tos,run");
          p.put("model.coefficients", "1,1,1");
          p.put("model.covariance", "0,0,0,0,0,0,0,0,0");
        }, "model.features", "per-step features only"),
        broken("unknown form", p -> p.put("model.form", "cubic"), "model.form", "unknown model form 'cubic'"),
        broken("unknown format", p -> p.put("format", "fp4"), "format", "unknown number format 'fp4'"),
        broken("bad id", p -> p.put("id", "My_Profile"), "id", "lower-case"),
        broken("calibrated not a boolean", p -> p.put("calibrated", "yes"), "calibrated", "expected true or false"),
        broken("non-numeric residual variance", p -> p.put("model.residualVariance", "small"), "model.residualVariance",
            "not a number"),
        broken("negative residual variance", p -> p.put("model.residualVariance", "-0.5"), "model.residualVariance",
            "must not be negative"),
        broken("two residual variances", p -> p.put("model.residualVariance", "0.1,0.2"), "model.residualVariance",
            "expected 1 number"),
        broken("fractional degrees of freedom", p -> p.put("model.degreesOfFreedom", "2.5"), "model.degreesOfFreedom",
            "cannot read '2.5'"),
        broken("zero degrees of freedom", p -> p.put("model.degreesOfFreedom", "0"), "model.degreesOfFreedom",
            "must be at least 1"),
        broken("one-sided TO range", p -> p.put("model.tosRange", "1.0E6"), "model.tosRange", "expected 2 numbers"),
        broken("reversed TO range", p -> p.put("model.tosRange", "1.0E15,1.0E6"), "model.tosRange", "is above"),
        broken("unknown arithmetic", p -> p.put("arithmetic", "quantum"), "arithmetic", "unknown arithmetic model"),
        broken("negative divide iterations", p -> p.put("arithmetic.divideIterations", "-1"),
            "arithmetic.divideIterations", "must be at least 0"),
        broken("zero exp terms", p -> p.put("arithmetic.expTerms", "0"), "arithmetic.expTerms", "must be at least 1"),
        broken("non-numeric sqrt iterations", p -> p.put("arithmetic.sqrtIterations", "two"),
            "arithmetic.sqrtIterations", "cannot read 'two'"),
        broken("override of an unknown op", p -> p.put("arithmetic.override.fma", "100"), "arithmetic.override.fma",
            "cannot read"),
        broken("negative override", p -> p.put("arithmetic.override.exp", "-5"), "arithmetic.override.exp",
            "must not be negative"),
        broken("override that overflows its compositions", p -> p.put("arithmetic.override.exp", "9223372036854775807"),
            "arithmetic.override.exp", "exceed 2^63-1"),
        broken("non-numeric override", p -> p.put("arithmetic.override.mac", "lots"), "arithmetic.override.mac",
            "cannot read 'lots'"),
        broken("zero cache size", p -> p.put("arithmetic.onChipBytes", "0"), "arithmetic.onChipBytes",
            "must be a positive number of bytes"),
        broken("non-numeric cache size", p -> p.put("arithmetic.onChipBytes", "1MiB"), "arithmetic.onChipBytes",
            "cannot read '1MiB'"),
        broken("cache term without a cache size", p -> p.put("model.features", "tos_spilled,steps"), "model.features",
            "tos_spilled needs the cache size: set arithmetic.onChipBytes"),
        broken("zero interval scale", p -> p.put("model.intervalScale", "0"), "model.intervalScale", "must be positive"),
        broken("non-finite interval scale", p -> p.put("model.intervalScale", "NaN"), "model.intervalScale",
            "not finite"),
        broken("unknown interval", p -> p.put("model.interval", "wide"), "model.interval", "unknown interval 'wide'"),
        broken("multiplicative interval without its low factor", p -> {
          p.put("model.interval", "multiplicative");
          p.put("model.intervalHigh", "1.5");
        }, "model.intervalLow", "missing"),
        broken("multiplicative interval factor below 1", p -> {
          p.put("model.interval", "multiplicative");
          p.put("model.intervalLow", "1.5");
          p.put("model.intervalHigh", "0.5");
        }, "model.intervalHigh", "must be a factor >= 1"),
        // issue 15: what a profile means, not only its syntax
        broken("negative linear coefficient (gave 0 J)", p -> p.put("model.coefficients", "-1.0E-15,1.0E-12"),
            "model.coefficients", "value 1 (tos) is negative"),
        broken("every price 0", p -> p.put("model.coefficients", "0,0.0"), "model.coefficients", "every price is 0"),
        broken("negative variance (collapsed the interval to a point)",
            p -> p.put("model.covariance", "-1.0E-34,0.0,0.0,1.0E-28"), "model.covariance",
            "the variance of coefficient 1 (value 1) is negative"),
        broken("asymmetric covariance", p -> p.put("model.covariance", "1.0E-34,1.0E-32,0.0,1.0E-28"),
            "model.covariance", "is not symmetric: values 3 and 2 differ"),
        // |c12| = 1e-30 > sqrt(1e-34 * 1e-28) = 1e-31: a correlation of 10
        broken("correlation beyond 1", p -> p.put("model.covariance", "1.0E-34,1.0E-30,1.0E-30,1.0E-28"),
            "model.covariance", "value 3, 1.0E-30, is a correlation beyond [-1, 1]"),
        broken("t quantile of no 90% interval", p -> p.put("model.tQuantile", "0.001"), "model.tQuantile",
            "must be the 90% Student-t quantile"),
        broken("t quantile above t(0.95; 1) = 6.3138", p -> p.put("model.tQuantile", "12.7"), "model.tQuantile",
            "between 1.6448 and 6.3139"),
        broken("negative TO range", p -> p.put("model.tosRange", "-1.0,1.0E15"), "model.tosRange", "is negative"),
        broken("interval factors of an additive interval", p -> p.put("model.intervalLow", "2"), "model.intervalLow",
            "belongs to a multiplicative interval"),
        broken("interval scale of a multiplicative interval", p -> {
          p.put("model.interval", "multiplicative");
          p.put("model.intervalLow", "1.5");
          p.put("model.intervalHigh", "1.5");
          p.put("model.intervalScale", "2");
        }, "model.intervalScale", "scales the additive interval only"),
        broken("feature listed twice", p -> {
          p.put("model.features", "tos,tos");
        }, "model.features", "a feature is listed twice"),
        broken("misspelt key", p -> p.put("arithmetic.divideIteration", "3"), "arithmetic.divideIteration",
            "unknown key"),
        broken("unknown top-level key", p -> p.put("hardwre", "x"), "hardwre", "unknown key"),
        broken("cmos setting on the toml-45nm model", p -> {
          p.put("arithmetic", "toml-45nm");
          p.put("arithmetic.expTerms", "4");
        }, "arithmetic.expTerms", "takes no arithmetic.expTerms"),
        broken("free operation", p -> p.put("arithmetic.override.mac", "0"), "arithmetic.override.mac", "0 TOs"),
        broken("unicode digits in a whole number", p -> p.put("arithmetic.onChipBytes", "\u0663\u0662"),
            "arithmetic.onChipBytes", "ASCII digits"),
        broken("unicode digits in degrees of freedom", p -> p.put("model.degreesOfFreedom", "\u0661\u0660"),
            "model.degreesOfFreedom", "ASCII digits"),
        broken("plus sign in a whole number", p -> p.put("model.degreesOfFreedom", "+10"), "model.degreesOfFreedom",
            "ASCII digits"),
        broken("unicode digits in a coefficient", p -> p.put("model.coefficients", "1.0E-15,\u0661.0"),
            "model.coefficients", "is not a number"),
        broken("phases that are no phases", p -> p.put("phases", "inference,,inference"), "phases",
            "must be phases such as inference"),
        broken("carriage return escaped into a value", p -> p.put("hardware", "Lab box\rC"), "hardware",
            "control character \\r at index 7"),
        broken("bell escaped into a provenance value", p -> p.put("provenance.source", "a\u0007b"),
            "provenance.source", "control character \\u0007"));
  }

  private static Arguments broken(String what, Consumer<Map<String, String>> edit, String key, String message) {
    return Arguments.of(what, edit, key, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenKeys")
  void aBrokenKeyIsNamedWithItsFileFromAFolder(String what, Consumer<Map<String, String>> edit, String key,
      String message, @TempDir Path dir) {
    Map<String, String> entries = ProfileFixtures.linear("broken");
    edit.accept(entries);
    Path file = ProfileFixtures.write(dir, "broken.properties", entries);
    ProfileException e = assertThrows(ProfileException.class,
        () -> Profiles.load(getClass().getClassLoader(), List.of(dir)), what);
    assertNamed(e, file.toString(), key, message);
    // the same through Profiles.read and Profile.fromProperties
    assertNamed(assertThrows(ProfileException.class, () -> Profiles.read(file)), file.toString(), key, message);
    assertNamed(assertThrows(ProfileException.class,
        () -> Profile.fromProperties(ProfileFixtures.properties(entries), "mem:broken")), "mem:broken", key, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenKeys")
  void aBrokenKeyIsNamedWithItsResourceFromAClassLoader(String what, Consumer<Map<String, String>> edit, String key,
      String message, @TempDir Path dir) throws IOException {
    Map<String, String> entries = ProfileFixtures.linear("broken");
    edit.accept(entries);
    Path profiles = profileJarFolder(dir, "broken");
    ProfileFixtures.write(profiles, "broken.properties", entries);
    try (URLClassLoader loader = loaderOf(dir)) {
      ProfileException e = assertThrows(ProfileException.class, () -> Profiles.load(loader, List.of()), what);
      assertNamed(e, "META-INF/toenergy/profiles/broken.properties", key, message);
      assertTrue(e.source().startsWith("file:"), "the full location: " + e.source());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenKeys")
  void aBrokenKeyOnTheProfilePathIsOneLineNamingFileAndKey(String what, Consumer<Map<String, String>> edit,
      String key, String message, @TempDir Path dir) {
    Map<String, String> entries = ProfileFixtures.linear("broken");
    edit.accept(entries);
    Path file = ProfileFixtures.write(dir, "broken.properties", entries);
    // the CLI prints this message as its one line (runtime/cli's CliProfileErrorsTest)
    assertNamed(assertThrows(ProfileException.class, () -> Profiles.load(getClass().getClassLoader(), List.of(dir))),
        file.toString(), key, message);
  }

  private static void assertNamed(ProfileException e, String source, @Nullable String key, String message) {
    assertTrue(e.source().endsWith(source), "source " + e.source() + ", expected ..." + source);
    assertEquals(key, e.key(), e.getMessage());
    assertTrue(e.getMessage().contains(message), "'" + e.getMessage() + "' should contain '" + message + "'");
    assertTrue(e.getMessage().startsWith(e.source() + (key == null ? ": " : ": key '" + key + "': ")), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  // ---- files, folders and indexes -----------------------------------------------------------

  @Test
  void twoFilesWithOneIdAreADuplicateNamingBoth(@TempDir Path dir) {
    Path first = ProfileFixtures.write(dir, "a.properties", ProfileFixtures.linear("dup"));
    Path second = ProfileFixtures.write(dir, "b.properties", ProfileFixtures.linear("dup"));
    ProfileException e = assertThrows(ProfileException.class,
        () -> Profiles.load(getClass().getClassLoader(), List.of(dir)));
    assertNamed(e, second.toString(), "id", "duplicate profile id 'dup', also defined by " + first);
  }

  @Test
  void aFolderProfileWithAShippedIdIsADuplicate(@TempDir Path dir) {
    Path file = ProfileFixtures.write(dir, "mine.properties", ProfileFixtures.linear("xeon-gold-5120"));
    ProfileException e = assertThrows(ProfileException.class,
        () -> Profiles.load(getClass().getClassLoader(), List.of(dir)));
    assertNamed(e, file.toString(), "id", "also defined by ");
    assertTrue(e.getMessage().contains("xeon-gold-5120.properties"), e.getMessage());
  }

  @Test
  void twoJarsListingOneIdAreADuplicateButOneJarTwiceIsNot(@TempDir Path dir) throws IOException {
    Path jarA = dir.resolve("a");
    Path jarB = dir.resolve("b");
    ProfileFixtures.write(profileJarFolder(jarA, "mine"), "mine.properties", ProfileFixtures.linear("mine"));
    ProfileFixtures.write(profileJarFolder(jarB, "mine"), "mine.properties", ProfileFixtures.logLog("mine"));
    try (URLClassLoader twice = loaderOf(jarA, jarA)) {
      Profiles loaded = Profiles.load(twice, List.of());
      assertEquals(1, loaded.profiles().size());
      assertTrue(loaded.contains("mine"));
    }
    try (URLClassLoader both = loaderOf(jarA, jarB)) {
      ProfileException e = assertThrows(ProfileException.class, () -> Profiles.load(both, List.of()));
      assertNamed(e, "b/META-INF/toenergy/profiles/mine.properties", "id", "duplicate profile id 'mine'");
      assertTrue(e.getMessage().contains("a/META-INF/toenergy/profiles/mine.properties"), e.getMessage());
    }
  }

  @Test
  void anIndexListingAMissingFileNamesTheIndexAndTheId(@TempDir Path dir) throws IOException {
    Path profiles = profileJarFolder(dir, "present", "ghost");
    ProfileFixtures.write(profiles, "present.properties", ProfileFixtures.linear("present"));
    try (URLClassLoader loader = loaderOf(dir)) {
      ProfileException e = assertThrows(ProfileException.class, () -> Profiles.load(loader, List.of()));
      assertNamed(e, "META-INF/toenergy/profiles/index", null, "lists 'ghost' but ghost.properties is missing");
    }
  }

  @Test
  void anIndexListingSomethingThatIsNoIdIsNamed(@TempDir Path dir) throws IOException {
    profileJarFolder(dir, "../../secret");
    try (URLClassLoader loader = loaderOf(dir)) {
      ProfileException e = assertThrows(ProfileException.class, () -> Profiles.load(loader, List.of()));
      assertNamed(e, "META-INF/toenergy/profiles/index", null, "lists '../../secret', which is not a profile id");
    }
  }

  @Test
  void anUnreadableFileIsNamed(@TempDir Path dir) throws IOException {
    // a folder where a file should be: listed by the *.properties glob, unreadable as a file
    Path folder = Files.createDirectory(dir.resolve("odd.properties"));
    ProfileException e = assertThrows(ProfileException.class,
        () -> Profiles.load(getClass().getClassLoader(), List.of(dir)));
    assertNamed(e, folder.toString(), null, "is a folder, not a file");
  }

  @Test
  void aFileThatIsNotPropertiesIsNamed(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.properties");
    Files.writeString(file, "id=bad\ndescription=\\uZZZZ\n", StandardCharsets.UTF_8);
    assertNamed(assertThrows(ProfileException.class, () -> Profiles.load(getClass().getClassLoader(), List.of(dir))),
        file.toString(), null, "is not a properties file");
  }

  @Test
  void aMissingFolderIsNamed(@TempDir Path dir) {
    Path missing = dir.resolve("nowhere");
    assertNamed(assertThrows(ProfileException.class,
        () -> Profiles.load(getClass().getClassLoader(), List.of(missing))), missing.toString(), null, "is not a folder");
  }

  @Test
  void aSoundFolderProfileIsUsableFromTheCliAndAtRunTime(@TempDir Path dir) {
    ProfileFixtures.write(dir, "mine.properties", ProfileFixtures.linear("mine"));
    Profiles loaded = Profiles.load(getClass().getClassLoader(), List.of(dir));
    // 784*128 + 128*10 = 101,632 MACs (DESIGN's example); positive, finite joules
    var estimate = loaded.profile("mine").estimate(Network.parse("input(784) dense(128) relu dense(10) softmax"),
        Workload.inference(1));
    assertEquals(101_632, estimate.macs());
    assertTrue(estimate.joules() > 0 && Double.isFinite(estimate.high()));
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** Creates {@code root/META-INF/toenergy/profiles/} with an index listing {@code ids}. */
  private static Path profileJarFolder(Path root, String... ids) throws IOException {
    Path profiles = Files.createDirectories(root.resolve(Profiles.RESOURCE_DIR));
    Files.writeString(profiles.resolve("index"), "# test profiles\n" + String.join("\n", ids) + "\n",
        StandardCharsets.UTF_8);
    return profiles;
  }

  /** A class loader over {@code roots} only (no parent's profiles). */
  private static URLClassLoader loaderOf(Path... roots) throws IOException {
    URL[] urls = new URL[roots.length];
    for (int i = 0; i < roots.length; i++) {
      urls[i] = roots[i].toUri().toURL();
    }
    return new URLClassLoader(urls, null);
  }
}
