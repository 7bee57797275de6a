package io.github.toenergy.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.model.Format;
import io.github.toenergy.model.Network;
import org.junit.jupiter.api.Test;

/**
 * The compact form of a count table (written by the processor, whose CountTableTextTest checks the
 * writing), read back: a small network written out by hand, and text that is no count table.
 */
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
  void aSmallNetworkWrittenOutByHandReadsBackToTheCountedRows() {
    CountTable table = counted(Network.parse("mlp", MLP));
    CountTable decoded = CountTable.of("mlp", Format.FP32, MLP, "ADD MAC COMPARE RELU",
        "dense 9..17 2 10 | 10 6 0:2 1:8 / | 60 16 0:4 1:24 / 1:10; "
            + "activation 18..22 2 0 | 0 4 3:2 / | 0 10 2:2 3:2 /;",
        "dense_1:0 relu_1:1");
    for (Phase phase : new Phase[] {Phase.INFERENCE, Phase.TRAINING}) {
      assertEquals(table.cost(phase).layers(), decoded.cost(phase).layers());
    }
    assertEquals("mlp", decoded.networkName());
  }

  @Test
  void textThatIsNotACountTableSaysWhatDoesNotFit() {
    String rows = "dense 9..17 2 10 | 10 6 0:2 1:8 / | 60 16 0:4 1:24 / 1:10;";
    assertError("No enum constant io.github.toenergy.cost.Op.FMA", "FMA", rows, "dense_1:0");
    assertError("No enum constant io.github.toenergy.model.LayerKind.BILINEAR", "ADD MAC",
        rows.replace("dense 9", "bilinear 9"), "dense_1:0");
    assertError("begin 9, end 99, length 22", "ADD MAC", rows.replace("9..17", "9..99"), "dense_1:0");
    assertError("'2x2x2x2' is no output shape", "ADD MAC", rows.replace(" 2 10 ", " 2x2x2x2 10 "), "dense_1:0");
    assertError("'x' is not a count", "ADD MAC", rows.replace(" 2 10 ", " 2 10/x "), "dense_1:0");
    assertError("Index 7 out of bounds for length 2", "ADD MAC", rows.replace("1:8", "7:8"), "dense_1:0");
    assertError("'-10' is not a count", "ADD MAC", rows.replace("| 10 6", "| -10 6"), "dense_1:0");
    assertError("For input string: \"8e3\"", "ADD MAC", rows.replace("1:8", "1:8e3"), "dense_1:0");
    assertError("'60' is not op:count", "ADD MAC", rows.replace(" / | 60", " / 60"), "dense_1:0");
    assertError("Index 1 out of bounds for length 1", "ADD MAC", rows, "dense_1:1");
  }

  private static void assertError(String expected, String ops, String rows, String layers) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CountTable.of("mlp", Format.FP32, MLP, ops, rows, layers));
    assertTrue(e.getMessage().startsWith("the count table of mlp does not fit its format: "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
  }

  /** Both phases of {@code network}, counted. */
  private static CountTable counted(Network network) {
    return CountTable.of(NetworkCost.of(network, Phase.INFERENCE), NetworkCost.of(network, Phase.TRAINING));
  }
}
