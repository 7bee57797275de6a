package io.github.toenergy.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import io.github.toenergy.cost.CountTable;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code @Lstm}, {@code @Gru}, {@code @MixtureOfExperts} and {@code @Mamba2} read by the javac
 * processor: counts compiled into the generated class (expected values derived by hand and checked
 * against PyTorch by scripts/recurrent-parameters.py) and their misuse diagnosed on the attribute.
 */
class SequenceLayersTest {

  @Test
  void sequenceLayersCompileToTheirCountsWithTotalAndActiveParameters() throws ReflectiveOperationException {
    JavaFileObject source = DiagnosticsTest.net("Tagger",
        "@Network(input = {5, 3})",
        "public class Tagger {",
        "  @Lstm(hidden = 4) Object lstm;",
        "  @Gru(hidden = 4, layers = 2, bidirectional = true) Object gru;",
        "  @MixtureOfExperts(experts = 4, top = 2, hidden = 3, shared = 1) Object moe;",
        "  @Mamba2(state = 2, heads = 2, headDim = 4, groups = 2, conv = 2, chunk = 4) Object mixer;",
        "}");
    Compilation c = Compilations.withTestProfiles().compile(source);
    assertThat(c).succeededWithoutWarnings();
    Class<?> generated = Compilations.load(c, "com.example.TaggerEnergy");
    // lstm 3 -> 4: 144 (nn.LSTM(3, 4)); gru 4 -> 4, 2 layers, both directions: layer 0 per direction
    // 12x4 + 12x4 + 24 = 120, layer 1 (8 in) 12x8 + 12x4 + 24 = 168: 2 x 288 = 576 (nn.GRU(4, 4, 2, bidirectional));
    // moe on 8 features: expert 3 x 8 x 3 = 72, router 32: 32 + 5 x 72 = 392, active 32 + 3 x 72 = 248;
    // mamba2 on 8: I = 8, in_proj 8 x (16 + 8 + 2) = 208, conv (8 + 8) x 2 + 16 = 48, 3 x 2 + norm 8 = 14,
    // out_proj 64: 334
    assertEquals(144 + 576 + 392 + 334, Compilations.constant(generated, "PARAMETERS"));
    assertEquals(144 + 576 + 248 + 334, Compilations.constant(generated, "ACTIVE_PARAMETERS"));
    CountTable counts = Compilations.counts(generated);
    assertEquals("5x8", counts.inference().layers().get(3).output().toString());
    assertEquals(248, counts.inference().layers().get(2).activeParameters());
    // lstm: 5 steps x 16 x 7 = 560 MACs, as the runtime counts it
    assertEquals(560, Compilations.layerMacs(generated, "lstm_1"));
  }

  @Test
  void badAttributesAreReportedOnTheAttribute() {
    JavaFileObject source = DiagnosticsTest.net("Broken",
        "@Network(input = {6, 8})",
        "public class Broken {",
        "  @Lstm(hidden = 0) Object lstm;",
        "  @MixtureOfExperts(experts = 4, hidden = 8,",
        "      top = 5) Object moe;",
        "  @Mamba2(heads = 4,",
        "      expand = 2) Object mixer;",
        "}");
    Compilation c = Compilations.withTestProfiles().compile(source);
    assertThat(c).failed();
    assertThat(c).hadErrorContaining("[toenergy:non-positive-size] lstm: @Lstm hidden must be positive, got 0")
        .inFile(source).onLineContaining("hidden = 0");
    assertThat(c).hadErrorContaining("[toenergy:invalid-layer] moe: top 5 must be at most the 4 experts")
        .inFile(source).onLineContaining("top = 5");
    assertThat(c).hadErrorContaining("[toenergy:invalid-layer] mixer: give heads or expand, not both (heads 4, expand 2)")
        .inFile(source).onLineContaining("expand = 2");
    assertEquals(3, c.errors().size());
  }

  @Test
  void aRecurrentLayerOnAnImageIsAShapeMismatch() {
    // 3x8x8 is an image: an LSTM runs over the positions of a sequence (L, D)
    JavaFileObject source = DiagnosticsTest.net("Pixels",
        "@Network(input = {3, 8, 8})",
        "public class Pixels {",
        "  @Gru(hidden = 4) Object gru;",
        "}");
    Compilation c = Compilations.withTestProfiles().compile(source);
    assertThat(c).hadErrorContaining("[toenergy:shape-mismatch] gru: gru needs a sequence input (length x features, "
        + "input(L,D)) but gets 3x8x8 (layer 1 of network Pixels)").inFile(source).onLineContaining("@Gru(hidden = 4)");
  }
}
