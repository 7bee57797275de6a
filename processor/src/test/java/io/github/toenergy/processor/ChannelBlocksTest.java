package io.github.toenergy.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code @Concat}, {@code @Chunk}, {@code @ChannelShuffle}, {@code @Gate} and {@code @LayerScale}
 * read into networks (each expectation the network typed by hand in the notation, compared with
 * the generated {@code NOTATION}) and their misuse reported on the annotation or attribute value.
 */
class ChannelBlocksTest {

  private static Compilation compile(JavaFileObject... sources) {
    Compilation c = Compilations.withTestProfiles("-Xlint:all", "-Werror").compile(sources);
    assertThat(c).succeededWithoutWarnings();
    return c;
  }

  private static String notation(Compilation c, String generated) throws ReflectiveOperationException {
    return (String) Compilations.load(c, generated).getField("NOTATION").get(null);
  }

  private static void assertError(Compilation compilation, JavaFileObject file, String line, String message) {
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(message).inFile(file).onLineContaining(line);
  }

  @Test
  void shuffleNetUnitsReadAsTheNotationWritesThem() throws ReflectiveOperationException {
    JavaFileObject source = DiagnosticsTest.net("Shuffle",
        "@Network(input = {24, 56, 56}, profiles = \"test-cpu\")",
        "public class Shuffle {",
        "  @Concat(branches = {Down1.class, Down2.class}) Object down;",
        "  @ChannelShuffle(groups = 2) Object shuffle1;",
        "  @Concat(branches = {Left.class, Right.class}) Object unit;",
        "  @ChannelShuffle(groups = 2) Object shuffle2;",
        "  @Concat.Branch static class Down1 {",
        "    @Conv2d(filters = 24, kernel = 3, stride = 2, padding = 1, groups = 24, bias = false) Object dw;",
        "    @BatchNorm Object bn1;",
        "    @Conv2d(filters = 58, kernel = 1, bias = false) Object pw;",
        "    @BatchNorm Object bn2;",
        "    @Activation(RELU) Object relu;",
        "  }",
        "  @Concat.Branch static class Down2 {",
        "    @Conv2d(filters = 58, kernel = 1, bias = false) Object pw1;",
        "    @BatchNorm Object bn1;",
        "    @Activation(RELU) Object relu1;",
        "    @Conv2d(filters = 58, kernel = 3, stride = 2, padding = 1, groups = 58, bias = false) Object dw;",
        "    @BatchNorm Object bn2;",
        "    @Conv2d(filters = 58, kernel = 1, bias = false) Object pw2;",
        "    @BatchNorm Object bn3;",
        "    @Activation(RELU) Object relu2;",
        "  }",
        "  @Concat.Branch static class Left { @Chunk(chunks = 2, part = 0) Object half; }",
        "  @Concat.Branch static class Right {",
        "    @Chunk(chunks = 2, part = 1) Object half;",
        "    @Conv2d(filters = 58, kernel = 1, bias = false) Object pw1;",
        "    @BatchNorm Object bn1;",
        "    @Activation(RELU) Object relu1;",
        "    @Conv2d(filters = 58, kernel = 3, padding = 1, groups = 58, bias = false) Object dw;",
        "    @BatchNorm Object bn2;",
        "    @Conv2d(filters = 58, kernel = 1, bias = false) Object pw2;",
        "    @BatchNorm Object bn3;",
        "    @Activation(RELU) Object relu2;",
        "  }",
        "}");
    Compilation c = compile(source);
    assertEquals("input(24,56,56) concat(conv2d(24,k=3,s=2,p=1,g=24,bias=false) batchnorm conv2d(58,k=1,bias=false)"
        + " batchnorm relu | conv2d(58,k=1,bias=false) batchnorm relu conv2d(58,k=3,s=2,p=1,g=58,bias=false) batchnorm"
        + " conv2d(58,k=1,bias=false) batchnorm relu) shuffle(2) concat(chunk(2,0) | chunk(2,1) conv2d(58,k=1,bias=false)"
        + " batchnorm relu conv2d(58,k=3,p=1,g=58,bias=false) batchnorm conv2d(58,k=1,bias=false) batchnorm relu)"
        + " shuffle(2)", notation(c, "com.example.ShuffleEnergy"));
    Class<?> generated = Compilations.load(c, "com.example.ShuffleEnergy");
    // the two units of the runtime's ChannelBlocksTest, checked there against PyTorch:
    // 7,398 + 7,598 parameters, 8,672,608 + 5,684,000 MACs
    assertEquals(7_398 + 7_598, Compilations.constant(generated, "PARAMETERS"));
    assertEquals(8_672_608 + 5_684_000, Compilations.constant(generated, "TOTAL_MACS"));
  }

  @Test
  void squeezeExcitationGateAndLayerScale() throws ReflectiveOperationException {
    JavaFileObject source = DiagnosticsTest.net("Excite",
        "@Network(input = {32, 8, 8}, profiles = \"test-cpu\")",
        "public class Excite {",
        "  @Gate SqueezeExcitation se;",
        "  @LayerScale Object gamma;",
        "  @Gate.Block static class SqueezeExcitation {",
        "    @AdaptiveAvgPool2d Object squeeze;",
        "    @Conv2d(filters = 8, kernel = 1) @Activation(RELU) Object reduce;",
        "    @Conv2d(filters = 32, kernel = 1) @Activation(SIGMOID) Object expand;",
        "  }",
        "}");
    Compilation c = compile(source);
    assertEquals("input(32,8,8) gate(adaptiveavgpool(1) conv2d(8,k=1) relu conv2d(32,k=1) sigmoid) scale",
        notation(c, "com.example.ExciteEnergy"));
    Class<?> generated = Compilations.load(c, "com.example.ExciteEnergy");
    // reduce 32*8 + 8, expand 8*32 + 32, layer scale 32
    assertEquals(264 + 288 + 32, Compilations.constant(generated, "PARAMETERS"));
    assertEquals(256 + 256, Compilations.constant(generated, "TOTAL_MACS")); // the product and the scale are no MACs
  }

  @Test
  void blocksNestInOneAnother() throws ReflectiveOperationException {
    // a branch that holds a residual block whose body holds a gate; the identity branch is an empty type
    JavaFileObject source = DiagnosticsTest.net("Nested",
        "@Network(input = {8, 4, 4}, profiles = \"test-cpu\")",
        "public class Nested {",
        "  @Concat(branches = {Same.class, Deep.class}) Object join;",
        "  @Concat.Branch static class Same {}",
        "  @Concat.Branch static class Deep { @Residual Body block; }",
        "  @Residual.Block static class Body {",
        "    @Conv2d(filters = 8, kernel = 1) Object conv;",
        "    @Gate Excite gate;",
        "  }",
        "  @Gate.Block static class Excite { @Activation(HARDSIGMOID) Object gate; }",
        "}");
    assertEquals("input(8,4,4) concat( | residual(conv2d(8,k=1) gate(hardsigmoid)))",
        notation(compile(source), "com.example.NestedEnergy"));
  }

  @Test
  void concatBranchesThatDoNotMeetNameThePath() {
    // branch 1 halves 8x8 to 4x4 by stride 2; branch 2 keeps 8x8
    JavaFileObject source = DiagnosticsTest.net("Apart",
        "@Network(input = {4, 8, 8})",
        "public class Apart {",
        "  @Concat(branches = {Down.class, Same.class}) Object join;",
        "  @Concat.Branch static class Down { @Conv2d(filters = 4, kernel = 3, stride = 2, padding = 1) Object conv; }",
        "  @Concat.Branch static class Same {}",
        "}");
    assertError(Compilations.withTestProfiles().compile(source), source, "@Concat(branches",
        "[toenergy:shape-mismatch] join: concat branch 1 gives 4x4x4 but branch 2 gives 4x8x8; branches are joined "
            + "on channels, so the rest must match (layer 1 of network Apart)");
  }

  @Test
  void aLayerInsideABranchIsReportedOnTheBlockMemberWithItsPath() {
    // 6 channels cannot be cut into 4 chunks; the failing layer is Split.quarter inside the second branch
    JavaFileObject source = DiagnosticsTest.net("Quarters",
        "@Network(input = {6, 8, 8})",
        "public class Quarters {",
        "  @Concat(branches = {Keep.class, Split.class}) Object join;",
        "  @Concat.Branch static class Keep {}",
        "  @Concat.Branch static class Split { @Activation(RELU) Object relu; @Chunk(chunks = 4, part = 0) Object quarter; }",
        "}");
    assertError(Compilations.withTestProfiles().compile(source), source, "@Concat(branches",
        "[toenergy:shape-mismatch] join (Split.quarter): chunks 4 do not divide the 6 input channels "
            + "(layer 1 of network Quarters)");
  }

  @Test
  void aGateOfTheWrongShape() {
    JavaFileObject source = DiagnosticsTest.net("Narrow",
        "@Network(input = {6, 8, 8})",
        "public class Narrow {",
        "  @Gate Half gate;",
        "  @Gate.Block static class Half { @Conv2d(filters = 3, kernel = 1) @Activation(SIGMOID) Object conv; }",
        "}");
    assertError(Compilations.withTestProfiles().compile(source), source, "@Gate Half gate",
        "[toenergy:shape-mismatch] gate: gate body gives 3x8x8 but a gate of 6x8x8 must be 6x8x8 or 6x1x1 "
            + "(layer 1 of network Narrow)");
  }

  @Test
  void attributeRulesAreReportedOnTheValue() {
    JavaFileObject source = DiagnosticsTest.net("Rules",
        "@Network(input = {8, 4, 4})",
        "public class Rules {",
        "  @Chunk(chunks = 2, part = 2) Object outside;",
        "  @Chunk(chunks = 0, part = 0) Object none;",
        "  @ChannelShuffle(groups = -1) Object shuffle;",
        "  @Concat(branches = Only.class) Object single;",
        "  @Concat.Branch static class Only {}",
        "}");
    Compilation c = Compilations.withTestProfiles().compile(source);
    assertError(c, source, "part = 2", "[toenergy:invalid-layer] outside: part 2 must be below chunks 2 (parts count "
        + "from 0)");
    assertError(c, source, "chunks = 0", "[toenergy:non-positive-size] none: @Chunk chunks must be positive, got 0");
    assertError(c, source, "groups = -1",
        "[toenergy:non-positive-size] shuffle: @ChannelShuffle groups must be positive, got -1");
    assertError(c, source, "branches = Only.class",
        "[toenergy:invalid-layer] single: a concat block needs at least two branches, got 1");
    assertEquals(4, c.errors().size(), c.errors().toString());
  }

  @Test
  void shortcutBelongsToResidualBlocksOnly() {
    JavaFileObject source = DiagnosticsTest.net("Stray",
        "@Network(input = {4, 8, 8})",
        "public class Stray {",
        "  @Gate Excite se;",
        "  @Gate.Block static class Excite {",
        "    @Activation(SIGMOID) Object gate;",
        "    @BatchNorm @Shortcut Object stray;",
        "  }",
        "}");
    assertError(Compilations.withTestProfiles().compile(source), source, "@BatchNorm @Shortcut",
        "[toenergy:misplaced-shortcut] Excite.stray: @Shortcut is only read on a member of a @Residual.Block type, "
            + "and Excite is a @Gate.Block type");
  }

  @Test
  void anEmptyGateIsRefused() {
    JavaFileObject source = DiagnosticsTest.net("NoGate",
        "@Network(input = {4, 8, 8})",
        "public class NoGate {",
        "  @Gate Nothing se;",
        "  @Gate.Block static class Nothing {}",
        "}");
    assertError(Compilations.withTestProfiles().compile(source), source, "@Gate Nothing se",
        "[toenergy:invalid-layer] se: a gate needs at least one layer in its body");
  }
}
