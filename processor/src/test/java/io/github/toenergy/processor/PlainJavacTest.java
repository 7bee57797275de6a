package io.github.toenergy.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.JavaFile;
import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.ArithmeticModel;
import io.github.toenergy.cost.CountTable;
import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.energy.Estimate;
import io.github.toenergy.energy.Workload;
import io.github.toenergy.model.Network;
import io.github.toenergy.profile.Profiles;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: generated code compiles and runs with only {@code toenergy-annotations} and
 * {@code toenergy-runtime} on the class path. A held-out annotated network (used by no other test)
 * is compiled by a plain {@code javac} process, the processor on its processor path and exactly those
 * two jars on its class path, then run by a plain {@code java} process with the same two jars: its
 * MACs, TOs and joules must be what the runtime computes for the same network, written in notation
 * by hand here, today's way (parsed and counted). A profile refitted after compilation (same id, same
 * feature, a new coefficient) applies to the compiled class.
 */
class PlainJavacTest {
  /** The held-out network as the runtime's notation, written by hand from the class below. */
  private static final String NOTATION = "input(3,16,16) conv2d(8,k=3,p=1) relu "
      + "residual(conv2d(16,k=3,s=2,p=1,bias=false) batchnorm silu conv2d(16,k=3,p=1,bias=false) "
      + "| conv2d(16,k=1,s=2,bias=false)) relu conv2d(16,k=3,p=1,g=16,bias=false) batchnorm avgpool(2) "
      + "adaptiveavgpool(2) flatten dense(32) gelu dropout dense(5) softmax";

  private static final String HELD_OUT = String.join("\n",
      "package held;",
      "import io.github.toenergy.annotations.*;",
      "import static io.github.toenergy.annotations.ActivationFunction.*;",
      "@Network(input = {3, 16, 16}, name = \"held-out\")",
      "public class HeldOut {",
      "  @Conv2d(filters = 8, kernel = 3, padding = 1) @Activation(RELU) Object stem;",
      "  @Residual(after = RELU) Down down;",
      "  @Conv2d(filters = 16, kernel = 3, padding = 1, groups = 16, bias = false) Object depthwise;",
      "  @BatchNorm Object norm;",
      "  @AvgPool2d(kernel = 2) Object pool;",
      "  @AdaptiveAvgPool2d(output = 2) Object adaptive;",
      "  @Flatten Object flatten;",
      "  @Dense(units = 32) @Activation(GELU) Object hidden;",
      "  @Dropout Object drop;",
      "  @Dense(units = 5) @Activation(SOFTMAX) Object out;",
      "  @Residual.Block static class Down {",
      "    @Conv2d(filters = 16, kernel = 3, stride = 2, padding = 1, bias = false) Object conv1;",
      "    @BatchNorm Object bn1;",
      "    @Activation(SILU) Object act;",
      "    @Conv2d(filters = 16, kernel = 3, padding = 1, bias = false) Object conv2;",
      "    @Conv2d(filters = 16, kernel = 1, stride = 2, bias = false) @Shortcut Object projection;",
      "  }",
      "}",
      "");

  /** Prints what a user reads from the generated class, one number a line. */
  private static final String MAIN = String.join("\n",
      "package held;",
      "import io.github.toenergy.energy.Estimate;",
      "public class Main {",
      "  public static void main(String[] args) {",
      "    System.out.println(HeldOutEnergy.TOTAL_MACS);",
      "    System.out.println(HeldOutEnergy.TOTAL_TOS);",
      "    System.out.println(HeldOutEnergy.PARAMETERS);",
      "    print(HeldOutEnergy.XeonGold5120.inference(8));",
      "    print(HeldOutEnergy.Raptorlake.training(16));",
      "    print(HeldOutEnergy.A40.trainingRun(32, 100));",
      "    System.out.println(HeldOutEnergy.XeonGold5120.inference(8).layers().get(4).joules());",
      "    print(HeldOutEnergy.Lab.inference(8));",
      "  }",
      "  static void print(Estimate e) {",
      "    System.out.println(e.macs() + \" \" + e.tos() + \" \" + e.joules() + \" \" + e.low() + \" \" + e.high());",
      "  }",
      "}",
      "");

  @Test
  void aHeldOutNetworkCompilesAndRunsWithTheAnnotationsAndRuntimeJarsAlone(@TempDir Path dir) throws Exception {
    Path annotations = jar(io.github.toenergy.annotations.Network.class, dir.resolve("toenergy-annotations.jar"));
    Path runtime = jar(CountTable.class, dir.resolve("toenergy-runtime.jar"));
    String processorPath = String.join(File.pathSeparator, location(ToEnergyProcessor.class).toString(),
        location(JavaFile.class).toString(), annotations.toString(), runtime.toString());
    String classPath = annotations + File.pathSeparator + runtime;
    Path sources = Files.createDirectories(dir.resolve("src/held"));
    Files.writeString(sources.resolve("HeldOut.java"), HELD_OUT, StandardCharsets.UTF_8);
    Files.writeString(sources.resolve("Main.java"), MAIN, StandardCharsets.UTF_8);
    // a profile of the user's, given to the compiler, then refitted (a new coefficient, the same feature)
    // and given to the program: the compiled class must apply the refitted one
    String testCpu = Files.readString(Compilations.resourceFolder("test-profiles").resolve("test-cpu.properties"),
        StandardCharsets.UTF_8).replace("id=test-cpu", "id=lab");
    Path fitted = Files.createDirectories(dir.resolve("fitted"));
    Files.writeString(fitted.resolve("lab.properties"), testCpu, StandardCharsets.UTF_8);
    Path refitted = Files.createDirectories(dir.resolve("refitted"));
    Files.writeString(refitted.resolve("lab.properties"),
        testCpu.replace("model.coefficients=1.0E-6", "model.coefficients=2.5E-6"), StandardCharsets.UTF_8);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    String compiled = run(dir, tool("javac"), "-Xlint:all", "-Werror", "-Atoenergy.profilePath=" + fitted,
        "-processorpath", processorPath,
        "-cp", classPath, "-d", classes.toString(), "-s", Files.createDirectories(dir.resolve("generated")).toString(),
        sources.resolve("HeldOut.java").toString(), sources.resolve("Main.java").toString());
    assertEquals("", compiled, "javac printed something");
    List<String> out = run(dir, tool("java"), "-Dtoenergy.profilePath=" + refitted,
        "-cp", classPath + File.pathSeparator + classes, "held.Main").lines().toList();

    Network network = Network.parse("held-out", NOTATION);
    NetworkCost inference = NetworkCost.of(network, Phase.INFERENCE);
    assertEquals(List.of(
        Long.toString(inference.macs(1)),
        Long.toString(inference.tos(ArithmeticModel.cmos(), 1)),
        Long.toString(inference.parameters()),
        line(Profiles.get("xeon-gold-5120").estimate(network, Workload.inference(8))),
        line(Profiles.get("raptorlake").estimate(network, Workload.trainingStep(16))),
        line(Profiles.get("a40").estimate(network, Workload.trainingRun(32, 100))),
        Double.toString(Profiles.get("xeon-gold-5120").estimate(network, Workload.inference(8)).layers().get(4)
            .joules()),
        line(Profiles.load(PlainJavacTest.class.getClassLoader(), List.of(refitted)).profile("lab")
            .estimate(network, Workload.inference(8)))), out);
  }

  private static String line(Estimate e) {
    return e.macs() + " " + e.tos() + " " + e.joules() + " " + e.low() + " " + e.high();
  }

  private static String tool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }

  /** Runs a command; its output, or a failure with it. */
  private static String run(Path dir, String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
    assertEquals(0, process.exitValue(), String.join(" ", command) + "\n" + output);
    return output;
  }

  private static Path location(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /**
   * The module of {@code type} as a jar: its jar when the build made one, else its classes folder
   * (a reactor build's test phase runs before packaging) put into {@code target}.
   */
  private static Path jar(Class<?> type, Path target) throws IOException, URISyntaxException {
    Path location = location(type);
    if (Files.isRegularFile(location)) {
      return location;
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(location)) {
      walk.filter(Files::isRegularFile).sorted().forEach(files::add);
    }
    try (OutputStream file = Files.newOutputStream(target); JarOutputStream jar = new JarOutputStream(file)) {
      for (Path f : files) {
        jar.putNextEntry(new JarEntry(location.relativize(f).toString().replace(File.separatorChar, '/')));
        jar.write(Files.readAllBytes(f));
        jar.closeEntry();
      }
    }
    return target;
  }
}
