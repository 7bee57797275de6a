package io.github.toenergy.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.model.Format;
import io.github.toenergy.model.Network;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compact form of a count table, written out by hand for a small network, and its errors. */
class CountTableTest {
  private static final String MLP = "input(4) dense(2) relu";

  /**
   * {@code input(4) dense(2) relu}, counted by hand from LayerArithmetic's rules:
   *
   * <ul>
   *   <li>dense(2) on 4 features: 8 MACs and 2 bias adds per sample, 10 parameters. Inference: 10 weight
   *       words, 4 + 2 = 6 activation words. Training: 8 + 2 x 8 = 24 MACs and 2 + 2 = 4 adds per sample,
   *       10 MACs of SGD update per step, 6 x 10 = 60 weight words, 6 + (2 + 2 x 4) = 16 activation words.
   *   <li>relu on 2: 2 RELU per sample, 2 + 2 = 4 activation words. Training adds a compare per element
   *       (the gradient mask) and the backward words 2 + 2 x 2: 10.
   *   <li>ops used, in Op order: ADD 0, MAC 1, COMPARE 2, RELU 3; the notation spans are the positions of
   *       {@code dense(2)} (9 to 17) and {@code relu} (18 to 22) in the network's notation.
   * </ul>
   */
  @Test
  void aSmallNetworkWrittenOutByHand() {
    CountTable table = CountTable.of(Network.parse("mlp", MLP));
    CountTable.Compact compact = table.compact(MLP);
    assertEquals(List.of("ADD", "MAC", "COMPARE", "RELU"), compact.ops());
    assertEquals(List.of("dense 9..17 2 10 | 10 6 0:2 1:8 / | 60 16 0:4 1:24 / 1:10;",
        "activation 18..22 2 0 | 0 4 3:2 / | 0 10 2:2 3:2 /;"), compact.rows());
    assertEquals(List.of("dense_1:0", "relu_1:1"), compact.layers());
    CountTable decoded = decode("mlp", Format.FP32, MLP, compact);
    for (Phase phase : Phase.values()) {
      assertEquals(table.cost(phase).layers(), decoded.cost(phase).layers());
    }
  }

  @Test
  void repeatedLayersShareOneRowAndResidualBlocksStoreTheirNotationOnce() {
    String notation = "input(2,4,4) residual(conv2d(2,k=3,p=1) relu) residual(conv2d(2,k=3,p=1) relu) flatten";
    CountTable table = CountTable.of(Network.parse("twice", notation));
    CountTable.Compact compact = table.compact(notation);
    // two identical blocks: conv, relu, add once each, then flatten
    assertEquals(4, compact.rows().size(), compact.rows().toString());
    assertEquals(List.of("residual_1/conv2d_1:0", "residual_1/relu_1:1", "residual_1/add:2",
        "residual_2/conv2d_1:0", "residual_2/relu_1:1", "residual_2/add:2", "flatten_1:3"), compact.layers());
    // the sum's notation is the whole block, "residual(conv2d(2,k=3,p=1) relu)" (32 characters); the
    // first block's sum is looked for after its layers and found as the second block, at 46: the same text
    assertTrue(compact.rows().get(2).startsWith("residual 46..78 2x4x4 "), compact.rows().get(2));
    CountTable decoded = decode("twice", Format.FP32, notation, compact);
    assertEquals(table.inference().layers(), decoded.inference().layers());
    assertEquals(table.training().layers(), decoded.training().layers());
  }

  @Test
  void textThatIsNotACountTableNamesTheToken() {
    String rows = "dense 9..17 2 10 | 10 6 0:2 1:8 / | 60 16 0:4 1:24 / 1:10;";
    assertError("ops token 0: 'FMA' is no op of this runtime", "FMA", rows, "dense_1:0");
    assertError("rows token 0: 'lstm' is no layer kind of this runtime", "ADD MAC", rows.replace("dense 9", "lstm 9"),
        "dense_1:0");
    assertError("rows token 1: '9..99' is not a span", "ADD MAC", rows.replace("9..17", "9..99"), "dense_1:0");
    assertError("rows token 2: '2x2' is not an output shape", "ADD MAC", rows.replace(" 2 10 ", " 2x2 10 "),
        "dense_1:0");
    assertError("rows token 8: '7:8' is not op:count", "ADD MAC", rows.replace("1:8", "7:8"), "dense_1:0");
    assertError("rows token 5: '-10' is not a count", "ADD MAC", rows.replace("| 10 6", "| -10 6"), "dense_1:0");
    assertError("rows token 8: '8e3' is not a count", "ADD MAC", rows.replace("1:8", "1:8e3"), "dense_1:0");
    assertError("rows token 17: ends too early", "ADD MAC", rows.replace(";", ""), "dense_1:0");
    assertError("layers token 0: 'dense_1:1' is not name:row", "ADD MAC", rows, "dense_1:1");
  }

  private static void assertError(String expected, String ops, String rows, String layers) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CountTable.of("mlp", Format.FP32, MLP, ops, rows, layers));
    assertTrue(e.getMessage().startsWith("count table of mlp, " + expected), e.getMessage());
  }

  /** The compact form as a generated class passes it: each list joined by spaces. */
  static CountTable decode(String name, Format format, String notation, CountTable.Compact compact) {
    return CountTable.of(name, format, notation, String.join(" ", compact.ops()), String.join(" ", compact.rows()),
        String.join(" ", compact.layers()));
  }
}
