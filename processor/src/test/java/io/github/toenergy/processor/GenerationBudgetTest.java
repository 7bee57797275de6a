package io.github.toenergy.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Decode budgets and the generated estimators' generation methods, on the {@code test-cpu} profile
 * (1e-6 J per MAC; fitted on inference and training, so a decode estimate is flagged).
 */
class GenerationBudgetTest {

  /*
   * TransformerAnnotationsTest's TinyEncoder, whose attention is causal, so that it can decode: 16 token
   * ids, D = 8; per decoded token the attention projections 64 + 32 + 32 + 64 = 192 MACs and SwiGLU
   * 3 x 8 x 12 = 288: 480. Prompt 16 (the network's own length), 4 tokens: the steps attend over 17..20
   * positions, 4 x 16 + 10 = 74 keys per head; QK^T and AV 2 x 2 heads x 74 x 4 = 1,184 MACs. One
   * sequence: 4 x 480 + 1,184 = 3,104 MACs = 3.104 mJ; batch 2 over 8 generated tokens: 0.776 mJ a token.
   */
  static JavaFileObject decoder(String... budgets) {
    String[] head = {"@Network(input = 16, profiles = \"test-cpu\")"};
    String[] body = decoderLines();
    String[] lines = new String[head.length + budgets.length + body.length];
    System.arraycopy(head, 0, lines, 0, head.length);
    System.arraycopy(budgets, 0, lines, head.length, budgets.length);
    System.arraycopy(body, 0, lines, head.length + budgets.length, body.length);
    return DiagnosticsTest.net("TinyDecoder", lines);
  }

  /** The class after its annotations ({@code header} lines first). */
  static String[] decoderLines(String... header) {
    String[] body = {
        "public class TinyDecoder {",
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
        "}"};
    String[] lines = new String[header.length + body.length];
    System.arraycopy(header, 0, lines, 0, header.length);
    System.arraycopy(body, 0, lines, header.length, body.length);
    return lines;
  }

  @Test
  void aPerTokenDecodeBudgetWithinItsBoundCompiles() {
    Compilation c = Compilations.withTestProfiles("-Xlint:all", "-Werror").compile(decoder(
        "@EnergyBudget(joules = 0.0008, profile = \"test-cpu\", phase = Phase.DECODE, batch = 2, tokens = 4, "
            + "perToken = true)"));
    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void theGeneratedEstimatorDecodesAtTheLengthsItIsGiven() throws ReflectiveOperationException {
    // a shipped profile, so that the generated class finds it at run time too
    JavaFileObject source = DiagnosticsTest.net("TinyDecoder", decoderLines("@Network(input = 16, profiles = \"v100\")"));
    Compilation c = Compilations.compiler("-Xlint:all").compile(source);
    assertThat(c).succeeded();
    Class<?> generated = Compilations.load(c, "com.example.TinyDecoderEnergy");
    Object v100 = generated.getField("V100").get(null);
    Object estimate = v100.getClass().getMethod("decode", int.class, int.class, int.class).invoke(v100, 2, 16, 4);
    // 2 sequences x 3,104 MACs, as derived above
    assertEquals(6_208L, (long) estimate.getClass().getMethod("macs").invoke(estimate));
    double joules = (double) estimate.getClass().getMethod("joules").invoke(estimate);
    double perToken = (double) v100.getClass().getMethod("joulesPerToken", int.class, int.class, int.class)
        .invoke(v100, 2, 16, 4);
    assertEquals(joules / 8, perToken, 0);
    // v100 is fitted on training epochs: the estimate says decode was not measured
    assertEquals(true, estimate.getClass().getMethod("outsideFittedPhase").invoke(estimate));
    // a longer prompt attends over more keys: 4 x 100 + 10 = 410 per head, 2 x 2 x 410 x 4 = 6,560 MACs
    Object longer = v100.getClass().getMethod("decode", int.class, int.class, int.class).invoke(v100, 1, 100, 4);
    assertEquals(4 * 480L + 6_560, (long) longer.getClass().getMethod("macs").invoke(longer));
  }

  @Test
  void aPerTokenDecodeBudgetOverItsBoundFailsOnTheBudget() {
    // 0.776 mJ against 0.7 mJ: 10.9% over
    JavaFileObject source = decoder("@EnergyBudget(joules = 0.0007, profile = \"test-cpu\", phase = Phase.DECODE, "
        + "batch = 2, tokens = 4, perToken = true)");
    Compilation c = Compilations.withTestProfiles().compile(source);
    assertThat(c).hadErrorContaining("[toenergy:budget-exceeded] network TinyDecoder needs 0.0007760 J per generated "
        + "token of the decode of batch 2, prompt 16, 4 tokens on test-cpu [outside the profile's fitted range: decode "
        + "not measured], over its budget of 0.0007000 J by 10.9%")
        .inFile(source).onLineContaining("joules = 0.0007,");
    assertEquals(1, c.errors().size(), c.errors().toString());
  }

  @Test
  void generationAttributesOutOfPlaceAreErrorsOnThem() {
    JavaFileObject source = decoder(
        "@EnergyBudget(joules = 1, profile = \"test-cpu\", phase = Phase.DECODE)",
        "@EnergyBudget(joules = 1, profile = \"test-cpu\",",
        "    tokens = 4)",
        "@EnergyBudget(joules = 1, profile = \"test-cpu\", phase = Phase.PREFILL,",
        "    gpus = 0)");
    Compilation c = Compilations.withTestProfiles().compile(source);
    assertThat(c).hadErrorContaining("[toenergy:budget-invalid] @EnergyBudget of network TinyDecoder: a DECODE budget "
        + "needs tokens, the tokens generated per sequence, positive, got 0")
        .inFile(source).onLineContaining("phase = Phase.DECODE)");
    assertThat(c).hadErrorContaining("[toenergy:budget-invalid] @EnergyBudget of network TinyDecoder: tokens applies to "
        + "phase PREFILL or DECODE, not INFERENCE").inFile(source).onLineContaining("tokens = 4)");
    assertThat(c).hadErrorContaining("[toenergy:budget-invalid] @EnergyBudget of network TinyDecoder: gpus must be "
        + "positive, got 0").inFile(source).onLineContaining("gpus = 0)");
    assertEquals(3, c.errors().size(), c.errors().toString());
  }

  @Test
  void aDecodeBudgetOnANetworkThatCannotDecodeIsAnErrorOnItsPhase() {
    JavaFileObject source = BudgetTest.mlp("@EnergyBudget(joules = 1, profile = \"test-cpu\",",
        "    phase = Phase.DECODE, tokens = 4)");
    Compilation c = Compilations.withTestProfiles().compile(source);
    assertThat(c).hadErrorContaining("[toenergy:budget-invalid] @EnergyBudget of network Mlp: decode needs a sequence: "
        + "input(L,D), or token ids input(L) followed by an embedding, but Mlp takes 784")
        .inFile(source).onLineContaining("phase = Phase.DECODE");
    assertEquals(1, c.errors().size(), c.errors().toString());
  }
}
