import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes annotated network classes for scripts/bench-javac.sh (run as a single-file program:
 * {@code java scripts/GenerateBenchNetworks.java OUT_DIR}):
 *
 * <ul>
 *   <li>{@code OUT_DIR/many/bench/Net000.java .. Net099.java}: 100 networks of 50 layers each, one
 *       layer annotation per member: three stages of five (conv 3x3, batch-norm, ReLU) and a
 *       max-pool on a 3x32x32 input, then flatten and a 10-way dense layer. Filters vary with the
 *       class number so that no two classes are the same network.
 *   <li>{@code OUT_DIR/many1/bench/}: the same 100 networks with estimators for one profile
 *       ({@code profiles = "xeon-gold-5120"}) instead of every shipped one (the default).
 *   <li>{@code OUT_DIR/big/bench/Deep1000.java}: one network of 1,000 layers: 333 (conv 3x3,
 *       batch-norm, ReLU) on a 16x16x16 input and a flatten.
 * </ul>
 */
public class GenerateBenchNetworks {
  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "target/bench-javac/src");
    Path many = Files.createDirectories(out.resolve("many/bench"));
    Path many1 = Files.createDirectories(out.resolve("many1/bench"));
    for (int i = 0; i < 100; i++) {
      String name = String.format("Net%03d", i);
      String source = fiftyLayers(name, 8 + i % 8);
      Files.writeString(many.resolve(name + ".java"), source, StandardCharsets.UTF_8);
      Files.writeString(many1.resolve(name + ".java"),
          source.replace("@Network(input = {3, 32, 32})", "@Network(input = {3, 32, 32}, profiles = \"xeon-gold-5120\")"),
          StandardCharsets.UTF_8);
    }
    Path big = Files.createDirectories(out.resolve("big/bench"));
    Files.writeString(big.resolve("Deep1000.java"), thousandLayers(), StandardCharsets.UTF_8);
  }

  private static String header(String name, String input) {
    return "package bench;\n\n"
        + "import io.github.toenergy.annotations.*;\n"
        + "import static io.github.toenergy.annotations.ActivationFunction.*;\n\n"
        + "/** A generated benchmark network. */\n"
        + "@Network(input = {" + input + "})\n"
        + "public class " + name + " {\n";
  }

  static String fiftyLayers(String name, int filters) {
    StringBuilder s = new StringBuilder(header(name, "3, 32, 32"));
    int layer = 0;
    for (int stage = 0; stage < 3; stage++) {
      int f = filters << stage;
      for (int block = 0; block < 5; block++) {
        s.append(String.format("  @Conv2d(filters = %d, kernel = 3, padding = 1, bias = false) Object l%02d;%n", f, ++layer));
        s.append(String.format("  @BatchNorm Object l%02d;%n", ++layer));
        s.append(String.format("  @Activation(RELU) Object l%02d;%n", ++layer));
      }
      s.append(String.format("  @MaxPool2d(kernel = 2) Object l%02d;%n", ++layer));
    }
    s.append(String.format("  @Flatten Object l%02d;%n", ++layer));
    s.append(String.format("  @Dense(units = 10) Object l%02d;%n", ++layer));
    if (layer != 50) throw new AssertionError(layer);
    return s.append("}\n").toString();
  }

  static String thousandLayers() {
    StringBuilder s = new StringBuilder(header("Deep1000", "16, 16, 16"));
    int layer = 0;
    for (int block = 0; block < 333; block++) {
      s.append(String.format("  @Conv2d(filters = 16, kernel = 3, padding = 1, bias = false) Object l%04d;%n", ++layer));
      s.append(String.format("  @BatchNorm Object l%04d;%n", ++layer));
      s.append(String.format("  @Activation(RELU) Object l%04d;%n", ++layer));
    }
    s.append(String.format("  @Flatten Object l%04d;%n", ++layer));
    if (layer != 1000) throw new AssertionError(layer);
    return s.append("}\n").toString();
  }
}
