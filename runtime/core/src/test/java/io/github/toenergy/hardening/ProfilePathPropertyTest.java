package io.github.toenergy.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.toenergy.annotations.ActivationFunction;
import io.github.toenergy.profile.Profiles;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A malformed profile in a folder of the {@code toenergy.profilePath} system property (what
 * generated estimators find at run time) is a {@code ProfileException} naming file and key from
 * {@code Profiles.shipped()}, {@code get} and {@code all} -- every time, not an
 * {@code ExceptionInInitializerError} once and a bare {@code NoClassDefFoundError} after. Each case
 * loads the runtime in a fresh class loader, so that the shipped set is initialised under the
 * property.
 */
class ProfilePathPropertyTest {

  @Test
  void aBrokenProfileOnThePropertyIsAProfileExceptionOnEveryCall(@TempDir Path dir) throws Exception {
    Map<String, String> broken = ProfileFixtures.linear("broken");
    broken.put("model.coefficients", "1.0E-15,abc");
    Path file = ProfileFixtures.write(dir, "broken.properties", broken);
    String message = file + ": key 'model.coefficients': value 2 'abc' is not a number";
    for (String method : List.of("shipped", "all")) {
      assertProfileException(dir.toString(), method, message);
    }
  }

  @Test
  void aMissingFolderOnThePropertyIsAProfileException(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("nowhere");
    assertProfileException(dir + java.io.File.pathSeparator + missing, "shipped",
        missing + ": is not a folder of <id>.properties profiles");
  }

  @Test
  void aFifoOnThePropertyIsAProfileExceptionOnEveryCallNotAHang(@TempDir Path dir) throws Exception {
    // issue 15: a FIFO hung the first call; a failure while loading must never fail class initialisation
    Path fifo = dir.resolve("fifo.properties");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is available");
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
        () -> assertProfileException(dir.toString(), "shipped", fifo + ": is not a regular file"));
  }

  @Test
  void aSoundFolderOnThePropertyAddsItsProfiles(@TempDir Path dir) throws Exception {
    ProfileFixtures.write(dir, "mine.properties", ProfileFixtures.linear("mine"));
    Object mine = call(dir.toString(), "get", "mine");
    assertTrue(mine.toString().startsWith("mine ("), mine.toString());
  }

  /** Calls a static method of Profiles twice in a fresh copy of the runtime: a ProfileException both times. */
  private static void assertProfileException(String property, String method, String message) throws Exception {
    withRuntime(property, profiles -> {
      Method m = profiles.getMethod(method);
      for (int i = 0; i < 2; i++) {
        try {
          m.invoke(null);
          fail("no exception from " + method);
        } catch (InvocationTargetException e) {
          Throwable cause = e.getCause();
          assertEquals("io.github.toenergy.profile.ProfileException", cause.getClass().getName(),
              "call " + (i + 1) + ": " + cause);
          assertEquals(message, cause.getMessage());
          assertFalse(cause.getMessage().contains("\n"));
        }
      }
      return null;
    });
  }

  private static Object call(String property, String method, String arg) throws Exception {
    return withRuntime(property, profiles -> profiles.getMethod(method, String.class).invoke(null, arg));
  }

  private interface WithProfiles {
    Object run(Class<?> profiles) throws Exception;
  }

  /** Runs {@code body} on the Profiles class of a fresh copy of the runtime, with the property set. */
  private static Object withRuntime(String property, WithProfiles body) throws Exception {
    String previous = System.getProperty(Profiles.PATH_PROPERTY);
    System.setProperty(Profiles.PATH_PROPERTY, property);
    try (URLClassLoader runtime = new URLClassLoader(new URL[] {locationOf(Profiles.class),
        locationOf(ActivationFunction.class)}, // nothing third-party: the runtime needs no other jar
        ClassLoader.getPlatformClassLoader())) {
      return body.run(runtime.loadClass(Profiles.class.getName()));
    } finally {
      if (previous == null) {
        System.clearProperty(Profiles.PATH_PROPERTY);
      } else {
        System.setProperty(Profiles.PATH_PROPERTY, previous);
      }
    }
  }

  private static URL locationOf(Class<?> type) {
    return type.getProtectionDomain().getCodeSource().getLocation();
  }
}
