package io.github.toenergy.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.LayerCost;
import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.model.Network;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * One block type at several widths and strides ({@code @Residual.Block(params)}, {@code @Bind},
 * {@code @Residual(with)}) and {@code @Repeat}: the expected networks are typed by hand in the
 * notation, and the generated counts must equal the runtime's counts of those networks written out.
 */
class BlockParametersTest {

  private static Compilation compile(JavaFileObject... sources) {
    Compilation c = Compilations.withTestProfiles("-Xlint:all", "-Werror").compile(sources);
    assertThat(c).succeededWithoutWarnings();
    return c;
  }

  private static Class<?> generated(Compilation c, String name) throws ClassNotFoundException {
    return Compilations.load(c, "com.example." + name + "Energy");
  }

  /** ResNet-18's stages 1 and 2 from one basic-block type, and a VGG-style repeated convolution. */
  @Test
  void oneBlockTypeAtSeveralWidthsAndStrides() throws ReflectiveOperationException {
    JavaFileObject source = DiagnosticsTest.net("Stages",
        "@Network(input = {64, 56, 56}, profiles = \"test-cpu\")",
        "public class Stages {",
        "  @Residual(after = RELU, with = \"width = 64\") @Repeat(2) Basic layer1;",
        "  @Residual(after = RELU, with = {\"width = 128\", \"stride = 2\"}) Down layer2Down;",
        "  @Residual(after = RELU, with = \"width = 128\") Basic layer2;",
        "  @Conv2d(filters = 128, kernel = 3, padding = 1) @Activation(RELU) @Repeat(3) Object convs;",
        "  @Residual.Block(params = {\"width\", \"stride = 1\"})",
        "  static class Basic {",
        "    @Conv2d(filters = 0, kernel = 3, padding = 1, bias = false)",
        "    @Bind({\"filters = width\", \"stride = stride\"}) Object conv1;",
        "    @BatchNorm Object bn1;",
        "    @Activation(RELU) Object relu;",
        "    @Conv2d(filters = 0, kernel = 3, padding = 1, bias = false) @Bind(\"filters = width\") Object conv2;",
        "    @BatchNorm Object bn2;",
        "  }",
        "  @Residual.Block(params = {\"width\", \"stride = 1\"})",
        "  static class Down {",
        "    @Conv2d(filters = 0, kernel = 3, padding = 1, bias = false)",
        "    @Bind({\"filters = width\", \"stride = stride\"}) Object conv1;",
        "    @BatchNorm Object bn1;",
        "    @Residual(with = \"width = width\") Inner inner;",
        "    @Conv2d(filters = 0, kernel = 1, bias = false) @Bind({\"filters = width\", \"stride = stride\"})",
        "    @Shortcut Object downsample;",
        "    @BatchNorm @Shortcut Object downsampleBn;",
        "  }",
        "  @Residual.Block(params = {\"width\", \"same = (width + 1) * 2 - width - 2\"})",
        "  static class Inner {",
        "    @Conv2d(filters = 0, kernel = 3, padding = 1, bias = false) @Bind(\"filters = same\") Object conv;",
        "  }",
        "}");
    Compilation c = compile(source);
    Class<?> energy = generated(c, "Stages");
    String basic64 = "residual(conv2d(64,k=3,p=1,bias=false) batchnorm relu conv2d(64,k=3,p=1,bias=false) batchnorm) relu";
    // same = (128 + 1) * 2 - 128 - 2 = 128
    String down = "residual(conv2d(128,k=3,s=2,p=1,bias=false) batchnorm residual(conv2d(128,k=3,p=1,bias=false)) "
        + "| conv2d(128,k=1,s=2,bias=false) batchnorm) relu";
    String basic128 = basic64.replace("64", "128");
    String conv = "conv2d(128,k=3,p=1) relu";
    assertEquals("input(64,56,56) repeat(2, " + basic64 + ") " + down + " " + basic128 + " repeat(3, " + conv + ")",
        energy.getField("NOTATION").get(null));
    Network written = Network.parse("input(64,56,56) " + basic64 + " " + basic64 + " " + down + " " + basic128 + " "
        + conv + " " + conv + " " + conv);
    NetworkCost expected = NetworkCost.of(written, Phase.INFERENCE);
    assertEquals(expected.macs(1), Compilations.constant(energy, "TOTAL_MACS"));
    assertEquals(expected.parameters(), Compilations.constant(energy, "PARAMETERS"));
    // the compiled table has a row per layer and repetition, as written out
    List<LayerCost> rows = Compilations.counts(energy).inference().layers();
    assertEquals(expected.layers().stream().map(LayerCost::name).toList(), rows.stream().map(LayerCost::name).toList());
    assertEquals(expected.layers(), rows);
  }
}
