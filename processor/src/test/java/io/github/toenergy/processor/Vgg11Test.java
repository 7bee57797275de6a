package io.github.toenergy.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.ArithmeticModel;
import io.github.toenergy.cost.LayerCost;
import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.energy.Estimate;
import io.github.toenergy.energy.Workload;
import io.github.toenergy.model.Network;
import io.github.toenergy.profile.Profile;
import io.github.toenergy.profile.ProfileEstimates;
import io.github.toenergy.profile.Profiles;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * torchvision's VGG-11 (configuration "A", no batch norm) at 3x224x224, annotated as DESIGN
 * section 6 shows, compiled with {@code -Xlint:all -Werror} next to user code that calls the
 * generated API. Its published counts are independent of this project: 7,609,090,048 MACs
 * (torchvision's "GFLOPS 7.61") and 132,863,336 parameters.
 */
class Vgg11Test {
  /** VGG-11 typed by hand from the torchvision definition, independently of the annotated class. */
  static final String NOTATION = "input(3,224,224)"
      + " conv2d(64,k=3,p=1) relu maxpool(2)"
      + " conv2d(128,k=3,p=1) relu maxpool(2)"
      + " conv2d(256,k=3,p=1) relu conv2d(256,k=3,p=1) relu maxpool(2)"
      + " conv2d(512,k=3,p=1) relu conv2d(512,k=3,p=1) relu maxpool(2)"
      + " conv2d(512,k=3,p=1) relu conv2d(512,k=3,p=1) relu maxpool(2)"
      + " adaptiveavgpool(7) flatten dense(4096) relu dropout dense(4096) relu dropout dense(1000)";

  static final JavaFileObject VGG11 = DiagnosticsTest.net("Vgg11",
      "@Network(input = {3, 224, 224})",
      "public class Vgg11 {",
      "  @Conv2d(filters = 64, kernel = 3, padding = 1) @Activation(RELU) Object conv1;",
      "  @MaxPool2d(kernel = 2, stride = 2) Object pool1;",
      "  @Conv2d(filters = 128, kernel = 3, padding = 1) @Activation(RELU) Object conv2;",
      "  @MaxPool2d(kernel = 2, stride = 2) Object pool2;",
      "  @Conv2d(filters = 256, kernel = 3, padding = 1) @Activation(RELU) Object conv3a;",
      "  @Conv2d(filters = 256, kernel = 3, padding = 1) @Activation(RELU) Object conv3b;",
      "  @MaxPool2d(kernel = 2, stride = 2) Object pool3;",
      "  @Conv2d(filters = 512, kernel = 3, padding = 1) @Activation(RELU) Object conv4a;",
      "  @Conv2d(filters = 512, kernel = 3, padding = 1) @Activation(RELU) Object conv4b;",
      "  @MaxPool2d(kernel = 2, stride = 2) Object pool4;",
      "  @Conv2d(filters = 512, kernel = 3, padding = 1) @Activation(RELU) Object conv5a;",
      "  @Conv2d(filters = 512, kernel = 3, padding = 1) @Activation(RELU) Object conv5b;",
      "  @MaxPool2d(kernel = 2, stride = 2) Object pool5;",
      "  @AdaptiveAvgPool2d(output = 7) Object avgpool;",
      "  @Flatten Object flatten;",
      "  @Dense(units = 4096) @Activation(RELU) Object fc1;",
      "  @Dropout Object drop1;",
      "  @Dense(units = 4096) @Activation(RELU) Object fc2;",
      "  @Dropout Object drop2;",
      "  @Dense(units = 1000) Object fc3;",
      "}");

  /** User code against the generated API: it must compile warning-free too. */
  static final JavaFileObject USER = DiagnosticsTest.net("Report",
      "import io.github.toenergy.energy.Estimate;",
      "public final class Report {",
      "  private Report() {}",
      "  public static double joulesPerImage() {",
      "    Estimate e = Vgg11Energy.XeonGold5120.inference(1);",
      "    return e.joules() + 0 * Vgg11Energy.TOTAL_MACS;",
      "  }",
      "  public static double trainingRun() {",
      "    return Vgg11Energy.Raptorlake.trainingRun(32, 100).joules() + Vgg11Energy.A40.training(8).high();",
      "  }",
      "}");

  static Compilation compilation;
  static Class<?> generated;

  @BeforeAll
  static void compile() throws ClassNotFoundException {
    compilation = Compilations.compiler("-Xlint:all", "-Werror").compile(VGG11, USER);
    assertThat(compilation).succeededWithoutWarnings();
    generated = Compilations.load(compilation, "com.example.Vgg11Energy");
  }

  @Test
  void publishedMacsAndParameters() throws ReflectiveOperationException {
    assertEquals(7_609_090_048L, Compilations.constant(generated, "TOTAL_MACS"));
    assertEquals(132_863_336L, Compilations.constant(generated, "PARAMETERS"));
  }

  @Test
  void perLayerCounts() throws ReflectiveOperationException {
    // conv1: 64 x 224 x 224 outputs, 3 x 3 x 3 taps each
    assertEquals(64L * 224 * 224 * 27, Compilations.layerMacs(generated, "conv2d_1"));
    // fc1: 512 x 7 x 7 = 25,088 inputs to 4,096 units
    assertEquals(25_088L * 4096, Compilations.layerMacs(generated, "dense_1"));
    assertEquals(0L, Compilations.layerMacs(generated, "maxpool_1"));
    // the compiled rows of the layers add up to the total
    long sum = 0;
    for (LayerCost row : Compilations.counts(generated).inference().layers()) {
      sum += row.macs(1);
    }
    assertEquals(Compilations.constant(generated, "TOTAL_MACS"), sum);
    // and they are the rows the runtime counts for the same network, in both phases
    Network network = Network.parse("Vgg11", NOTATION);
    for (Phase phase : new Phase[] {Phase.INFERENCE, Phase.TRAINING}) {
      assertEquals(NetworkCost.of(network, phase).layers(), Compilations.counts(generated).cost(phase).layers());
    }
  }

  @Test
  void totalTosEqualsTheRuntimeOnTheSameNetworkFromItsNotation() throws ReflectiveOperationException {
    NetworkCost cost = NetworkCost.of(Network.parse(NOTATION), Phase.INFERENCE);
    assertEquals(cost.tos(ArithmeticModel.cmos(), 1), Compilations.constant(generated, "TOTAL_TOS"));
    assertEquals(cost.tos(ArithmeticModel.toml45nm(), 1), Compilations.constant(generated, "TOTAL_TOS_TOML_45NM"));
    assertEquals(cost.bytes(1), Compilations.constant(generated, "TOTAL_BYTES"));
  }

  @Test
  void notationAndNetworkRoundTrip() throws ReflectiveOperationException {
    String notation = (String) generated.getField("NOTATION").get(null);
    assertEquals(NOTATION, notation);
    Network network = (Network) generated.getMethod("network").invoke(null);
    assertEquals(Network.parse("Vgg11", NOTATION), network);
  }

  @Test
  void oneEntryPerShippedProfileMatchingTheRuntime() throws ReflectiveOperationException {
    Network network = Network.parse("Vgg11", NOTATION);
    for (Profile profile : Profiles.all()) {
      ProfileEstimates entry = Compilations.profile(generated, entryName(profile.id()));
      assertEquals(profile.id(), entry.profileId());
      Estimate inference = entry.inference(4);
      assertEquals(profile.estimate(network, Workload.inference(4)).joules(), inference.joules(), 0.0);
      assertEquals(profile.estimate(network, Workload.inference(4)).layers(), inference.layers());
      Estimate training = entry.training(8);
      assertEquals(profile.estimate(network, Workload.trainingStep(8)).joules(), training.joules(), 0.0);
      Estimate run = entry.trainingRun(8, 50L);
      assertEquals(profile.estimate(network, Workload.trainingRun(8, 50)).joules(), run.joules(), 0.0);
    }
  }

  /** {@code xeon-gold-5120} gives {@code XeonGold5120}, as the generated class names its entries. */
  private static String entryName(String id) {
    StringBuilder name = new StringBuilder();
    for (String part : id.split("-")) {
      name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return name.toString();
  }
}
