package io.github.toenergy.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import io.github.toenergy.model.Layer;
import io.github.toenergy.model.Network;
import io.github.toenergy.notation.NotationLimits;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Large networks come out whole and exact. How long they take is measured by
 * scripts/bench-javac.sh (docs/benchmarks.md), not by a timed unit test.
 */
class ScaleTest {

  /** A network of {@code pairs} x (dense(64) relu) on a 64-feature input, named {@code name}. */
  static JavaFileObject deep(String name, int pairs) {
    List<String> lines = new ArrayList<>();
    lines.add("@Network(input = 64)");
    lines.add("public class " + name + " {");
    for (int i = 0; i < pairs; i++) {
      lines.add("  @Dense(units = 64) @Activation(RELU) Object fc" + i + ";");
    }
    lines.add("}");
    return DiagnosticsTest.net(name, lines.toArray(String[]::new));
  }

  /**
   * The lines of a network class {@code name} on a 4x8x8 input whose one member is a residual block
   * B0 holding B1, ... down to B(depth - 1), which holds a batch norm: {@code depth} nested blocks.
   */
  static String[] nestedBlocks(String name, int depth) {
    List<String> lines = new ArrayList<>();
    lines.add("@Network(input = {4, 8, 8}, profiles = \"test-cpu\")");
    lines.add("public class " + name + " {");
    lines.add("  @Residual B0 block;");
    for (int i = 0; i < depth; i++) {
      lines.add("  @Residual.Block static class B" + i + " {");
      lines.add(i + 1 < depth ? "    @Residual B" + (i + 1) + " inner;" : "    @BatchNorm Object bn;");
      lines.add("  }");
    }
    lines.add("}");
    return lines.toArray(String[]::new);
  }

  @Test
  void residualBlocksNestedAsDeepAsTheNotationAllowsCompileAndParseBack() throws ReflectiveOperationException {
    Compilation c = Compilations.withTestProfiles("-Xlint:all", "-Werror")
        .compile(DiagnosticsTest.net("Nest", nestedBlocks("Nest", NotationLimits.MAX_NESTING)));
    assertThat(c).succeededWithoutWarnings();
    Class<?> generated = Compilations.load(c, "com.example.NestEnergy");
    // the generated class parses its own notation back
    Network network = (Network) generated.getMethod("network").invoke(null);
    Layer layer = network.layers().get(0);
    int depth = 0;
    while (layer instanceof Layer.Residual r) {
      depth++;
      layer = r.body().get(0);
    }
    assertEquals(NotationLimits.MAX_NESTING, depth);
  }

  @Test
  void aThousandLayerNetwork() throws ReflectiveOperationException {
    JavaFileObject source = deep("Deep", 500); // 500 dense + 500 relu = 1,000 layers
    Compilation with = Compilations.compiler("-Xlint:all", "-Werror").compile(source);
    assertThat(with).succeededWithoutWarnings();
    // 500 layers of 64 x 64 MACs; 500 x (64 x 64 + 64) parameters
    Class<?> generated = Compilations.load(with, "com.example.DeepEnergy");
    assertEquals(500L * 64 * 64, Compilations.constant(generated, "TOTAL_MACS"));
    assertEquals(500L * (64 * 64 + 64), Compilations.constant(generated, "PARAMETERS"));
    assertEquals(64L * 64, Compilations.layerMacs(generated, "dense_500"));
    assertEquals(1000, Compilations.counts(generated).training().layers().size());
  }

  @Test
  void aNotationLongerThanAClassFileConstant() throws ReflectiveOperationException {
    // 1,800 x "conv2d(64,k=3,p=2,d=2,g=2,bias=false) " is 68,400 characters, over the 65,535 bytes a
    // string constant may have; each layer keeps 64x8x8 (span 5 on 8 + 2 x 2)
    List<String> lines = new ArrayList<>();
    lines.add("@Network(input = {64, 8, 8})");
    lines.add("public class Long {");
    for (int i = 0; i < 1800; i++) {
      lines.add("  @Conv2d(filters = 64, kernel = 3, padding = 2, dilation = 2, groups = 2, bias = false) Object c" + i + ";");
    }
    lines.add("}");
    Compilation c = Compilations.compiler("-Xlint:all", "-Werror")
        .compile(DiagnosticsTest.net("Long", lines.toArray(String[]::new)));
    assertThat(c).succeededWithoutWarnings();
    Class<?> generated = Compilations.load(c, "com.example.LongEnergy");
    String notation = (String) generated.getField("NOTATION").get(null);
    assertTrue(notation.length() > 65_535, "length " + notation.length());
    io.github.toenergy.model.Network network =
        (io.github.toenergy.model.Network) generated.getMethod("network").invoke(null);
    assertEquals(1800, network.layers().size());
    // 64 x 8 x 8 outputs x (32 channels per group x 9 taps) per layer
    assertEquals(1800L * 64 * 64 * 32 * 9, Compilations.constant(generated, "TOTAL_MACS"));
  }
}
