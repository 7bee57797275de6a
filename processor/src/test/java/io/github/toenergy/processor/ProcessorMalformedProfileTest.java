package io.github.toenergy.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A malformed profile under {@code -Atoenergy.profilePath} is one {@code profile-invalid} error on
 * the {@code @Network} that needed it, naming the file and the key -- never an internal error or
 * a stack trace -- whatever is wrong with it (the runtime's MalformedProfileTest covers the same
 * cases, and more, at run time and in the CLI).
 */
class ProcessorMalformedProfileTest {

  /** A valid profile, broken one key at a time below. */
  private static Map<String, String> valid() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("id", "mine");
    p.put("description", "test profile");
    p.put("hardware", "test hardware");
    p.put("phases", "inference");
    p.put("format", "fp32");
    p.put("calibrated", "false");
    p.put("arithmetic", "cmos");
    p.put("model.form", "linear");
    p.put("model.features", "tos,bytes");
    p.put("model.coefficients", "1.0E-15,1.0E-12");
    p.put("model.covariance", "0.0,0.0,0.0,0.0");
    p.put("model.residualVariance", "0.01");
    p.put("model.degreesOfFreedom", "10");
    p.put("model.tQuantile", "1.8124611");
    p.put("model.tosRange", "1.0E6,1.0E15");
    return p;
  }

  static Stream<Arguments> brokenKeys() {
    return Stream.of(
        broken(p -> p.remove("model.coefficients"), "model.coefficients", "missing"),
        broken(p -> p.put("model.coefficients", "1.0E-15,abc"), "model.coefficients", "'abc' is not a number"),
        broken(p -> p.put("model.coefficients", "NaN,1.0E-12"), "model.coefficients", "not finite"),
        broken(p -> p.put("model.coefficients", "1.0E-15,Infinity"), "model.coefficients", "not finite"),
        broken(p -> p.put("model.coefficients", "1.0E-15"), "model.coefficients", "expected 2 numbers"),
        broken(p -> p.put("model.covariance", "1,0,0"), "model.covariance", "expected 4 numbers"),
        broken(p -> p.put("model.features", "tos,flops"), "model.features", "unknown feature 'flops'"),
        broken(p -> p.put("model.degreesOfFreedom", "0"), "model.degreesOfFreedom", "must be at least 1"),
        broken(p -> p.put("arithmetic.divideIterations", "-1"), "arithmetic.divideIterations", "must be at least 0"),
        broken(p -> p.put("arithmetic.override.exp", "9223372036854775807"), "arithmetic.override.exp",
            "exceed 2^63-1"),
        broken(p -> p.put("id", "Not An Id"), "id", "lower-case"));
  }

  private static Arguments broken(Consumer<Map<String, String>> edit, String key, String message) {
    return Arguments.of(key + ": " + message, edit, key, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenKeys")
  void aBrokenKeyIsOneDiagnosticOnTheNetworkNamingFileAndKey(String what, Consumer<Map<String, String>> edit,
      String key, String message, @TempDir Path dir) throws IOException {
    Map<String, String> entries = valid();
    edit.accept(entries);
    Path file = write(dir.resolve("mine.properties"), entries);
    Compilation c = compile(dir);
    String error = theOneProfileError(c);
    assertTrue(error.contains(file.toString() + ": key '" + key + "': ") && error.contains(message), error);
  }

  @Test
  void twoFilesWithOneIdAreOneDiagnostic(@TempDir Path dir) throws IOException {
    write(dir.resolve("a.properties"), valid());
    write(dir.resolve("b.properties"), valid());
    String error = theOneProfileError(compile(dir));
    assertTrue(error.contains("b.properties: key 'id': duplicate profile id 'mine'"), error);
  }

  @Test
  void anUnreadableFileIsOneDiagnostic(@TempDir Path dir) throws IOException {
    Files.createDirectory(dir.resolve("odd.properties"));
    String error = theOneProfileError(compile(dir));
    assertTrue(error.contains("odd.properties: is a folder, not a file"), error);
  }

  @Test
  void aFileThatIsNotPropertiesIsOneDiagnostic(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("bad.properties"), "id=bad\ndescription=\\uZZZZ\n", StandardCharsets.UTF_8);
    String error = theOneProfileError(compile(dir));
    assertTrue(error.contains("bad.properties: is not a properties file"), error);
  }

  private static Compilation compile(Path folder) {
    return Compilations.compiler("-Atoenergy.profilePath=" + folder).compile(DiagnosticsTest.MLP);
  }

  /** The compilation failed with exactly one error, profile-invalid, on the @Network annotation. */
  private static String theOneProfileError(Compilation c) {
    assertThat(c).failed();
    List<Diagnostic<? extends JavaFileObject>> errors = c.errors();
    assertEquals(1, errors.size(), "one error: " + errors);
    Diagnostic<? extends JavaFileObject> error = errors.get(0);
    String message = error.getMessage(null);
    assertTrue(message.startsWith("[toenergy:profile-invalid] cannot load the energy profiles needed by network Mlp: "),
        message);
    assertTrue(error.getSource() != null && error.getPosition() != Diagnostic.NOPOS, "on the network: " + message);
    assertFalse(message.contains("internal-error") || message.contains("Exception"), message);
    assertFalse(message.contains("\n"), "one line: " + message);
    return message;
  }

  private static Path write(Path file, Map<String, String> entries) throws IOException {
    StringBuilder s = new StringBuilder();
    entries.forEach((k, v) -> s.append(k).append('=').append(v).append('\n'));
    return Files.writeString(file, s, StandardCharsets.UTF_8);
  }
}
