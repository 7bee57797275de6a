package io.github.toenergy.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's annotations through the javac processor: a small BERT-style encoder compiles into the
 * counts derived by hand, and the new kinds' bad attributes and shapes are errors on the annotation
 * (the attribute's value where one is at fault), with the messages of the existing diagnostics.
 */
class TransformerAnnotationsTest {

  /*
   * 16 token ids -> embedding 100 x 8 (800 parameters) -> positions 16 x 8 (128) -> LayerNorm (16),
   * then a pre-norm block: LayerNorm (16) and attention with 2 heads of 4, 1 key/value head (multi-query),
   * no biases: Q and O 8 x 8 each, K and V 8 x 4 each = 192 parameters; then RMS norm (8) and SwiGLU of
   * 12 hidden features: 3 x 8 x 12 = 288 parameters. Total 800 + 128 + 16 + 16 + 192 + 8 + 288 = 1,448.
   * MACs over 16 tokens: attention projections 16 x (64 + 32 + 32 + 64) = 3,072, QK^T and AV
   * 2 x 2 heads x 16 x 16 x 4 = 4,096; SwiGLU 16 x 288 = 4,608; total 11,776.
   */
  @Test
  void aSmallEncoderCountsAsDerivedByHand() throws ReflectiveOperationException {
    JavaFileObject source = DiagnosticsTest.net("TinyEncoder",
        "@Network(input = 16, profiles = \"test-cpu\")",
        "public class TinyEncoder {",
        "  @Embedding(vocab = 100, dim = 8) Object tokens;",
        "  @PositionEmbedding(rows = 16) Object positions;",
        "  @LayerNorm Object norm;",
        "  @Residual Attend attend;",
        "  @Residual Mlp mlp;",
        "  @Residual.Block static class Attend {",
        "    @LayerNorm Object norm;",
        "    @Attention(heads = 2, kvHeads = 1, bias = false, outBias = false, causal = true, rope = true) Object attention;",
        "  }",
        "  @Residual.Block static class Mlp {",
        "    @RmsNorm Object norm;",
        "    @Glu(hidden = 12) Object glu;",
        "  }",
        "}");
    Compilation c = Compilations.withTestProfiles("-Xlint:all", "-Werror").compile(source);
    assertThat(c).succeededWithoutWarnings();
    Class<?> generated = Compilations.load(c, "com.example.TinyEncoderEnergy");
    assertEquals(1_448L, Compilations.constant(generated, "PARAMETERS"));
    assertEquals(11_776L, Compilations.constant(generated, "TOTAL_MACS"));
  }

  @Test
  void badAttributesAreErrorsOnTheirValues() {
    JavaFileObject source = DiagnosticsTest.net("BadHeads",
        "@Network(input = {10, 16})",
        "public class BadHeads {",
        "  @Attention(heads = 0) Object none;",
        "  @Attention(heads = 4,",
        "      kvHeads = 3) Object uneven;",
        "  @Glu(hidden = 8,",
        "      activation = ActivationFunction.IDENTITY) Object bilinear;",
        "  @Conv1d(filters = 8, kernel = 4, causal = true,",
        "      padding = 1) Object padded;",
        "}");
    Compilation c = Compilations.withTestProfiles().compile(source);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[toenergy:non-positive-size] none: @Attention heads must be positive, got 0")
        .inFile(source).onLineContaining("heads = 0");
    assertThat(c).hadErrorContaining("[toenergy:invalid-layer] uneven: kvHeads 3 must divide heads 4")
        .inFile(source).onLineContaining("kvHeads = 3");
    assertThat(c).hadErrorContaining("[toenergy:invalid-layer] bilinear: glu needs a gating function, not identity")
        .inFile(source).onLineContaining("IDENTITY");
    assertThat(c).hadErrorContaining(
        "[toenergy:invalid-layer] padded: a causal conv1d pads on the left itself; padding must be 0, got 1")
        .inFile(source).onLineContaining("padding = 1");
    assertEquals(4, c.errors().size());
  }

  @Test
  void layoutsThatDoNotFitAreShapeErrors() {
    // 12 heads do not divide 16 features; attention on a flat input; embedding of a sequence
    JavaFileObject heads = DiagnosticsTest.net("Heads",
        "@Network(input = {10, 16})",
        "public class Heads {",
        "  @Attention(heads = 12) Object attention;",
        "}");
    assertThat(Compilations.withTestProfiles().compile(heads)).hadErrorContaining(
        "[toenergy:shape-mismatch] attention: heads 12 do not divide the 16 features; set headdim (layer 1 of network Heads)")
        .inFile(heads).onLineContaining("@Attention(heads = 12)");

    JavaFileObject flat = DiagnosticsTest.net("FlatAttention",
        "@Network(input = 16)",
        "public class FlatAttention {",
        "  @Attention(heads = 2) Object attention;",
        "}");
    assertThat(Compilations.withTestProfiles().compile(flat)).hadErrorContaining(
        "[toenergy:shape-mismatch] attention: attention needs a sequence input(L,D) or an image's positions but gets "
            + "16 features (layer 1 of network FlatAttention)")
        .inFile(flat).onLineContaining("@Attention(heads = 2)");

    JavaFileObject ids = DiagnosticsTest.net("Ids",
        "@Network(input = {10, 16})",
        "public class Ids {",
        "  @Embedding(vocab = 50, dim = 8) Object embedding;",
        "}");
    assertThat(Compilations.withTestProfiles().compile(ids)).hadErrorContaining(
        "[toenergy:shape-mismatch] embedding: embedding needs a flat input of token ids, input(L), but gets 10x16 "
            + "(layer 1 of network Ids)")
        .inFile(ids).onLineContaining("@Embedding");
  }
}
