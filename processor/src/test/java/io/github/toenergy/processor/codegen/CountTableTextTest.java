package io.github.toenergy.processor.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.CountTable;
import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.model.Network;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compact form the processor writes into generated classes, checked by hand and read back. */
class CountTableTextTest {

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
    String notation = "input(4) dense(2) relu";
    CountTableText text = CountTableText.of(counted(Network.parse("mlp", notation)), notation);
    assertEquals(List.of("ADD", "MAC", "COMPARE", "RELU"), text.ops());
    assertEquals(List.of("dense 9..17 2 10 | 10 6 0:2 1:8 / | 60 16 0:4 1:24 / 1:10;",
        "activation 18..22 2 0 | 0 4 3:2 / | 0 10 2:2 3:2 /;"), text.rows());
    assertEquals(List.of("dense_1:0", "relu_1:1"), text.layers());
  }

  @Test
  void repeatedLayersShareOneRowAndResidualBlocksStoreTheirNotationOnce() {
    String notation = "input(2,4,4) residual(conv2d(2,k=3,p=1) relu) residual(conv2d(2,k=3,p=1) relu) flatten";
    CountTable table = counted(Network.parse("twice", notation));
    CountTableText text = CountTableText.of(table, notation);
    // two identical blocks: conv, relu, sum once each, then flatten
    assertEquals(4, text.rows().size(), text.rows().toString());
    assertEquals(List.of("residual_1/conv2d_1:0", "residual_1/relu_1:1", "residual_1/add:2",
        "residual_2/conv2d_1:0", "residual_2/relu_1:1", "residual_2/add:2", "flatten_1:3"), text.layers());
    // the sum's notation is the whole block, "residual(conv2d(2,k=3,p=1) relu)" (32 characters); the
    // first block's sum is looked for after its layers and found as the second block, at 46: the same text
    assertTrue(text.rows().get(2).startsWith("residual 46..78 2x4x4 "), text.rows().get(2));
    assertReadsBack(table, "twice", notation, text);
  }

  @Test
  void tablesOfEveryKindReadBackToTheCountedRows() {
    for (String notation : List.of(
        "input(3,32,32,format=int8) conv2d(8,k=3,s=2,p=1,g=1) batchnorm relu6 maxpool(2) avgpool(2,s=1) "
            + "adaptiveavgpool(3) globalavgpool flatten dense(7,bias=false) dropout(0.3) gelu softmax",
        "input(16) residual(dense(16) silu dense(16) | dense(16)) residual(residual(dense(16) tanh) sigmoid) "
            + "leakyrelu hardswish hardsigmoid elu identity",
        "input(8,8,8,format=fp16) residual(conv2d(8,k=3,p=1,g=8,bias=false) batchnorm relu | conv2d(8,k=1)) "
            + "conv2d(16,k=3,d=2,p=2) flatten dense(3)")) {
      Network network = Network.parse("kinds", notation);
      CountTable table = counted(network);
      assertReadsBack(table, "kinds", network.toNotation(), CountTableText.of(table, network.toNotation()));
    }
  }

  private static void assertReadsBack(CountTable table, String name, String notation, CountTableText text) {
    CountTable decoded = CountTable.of(name, table.format(), notation, String.join(" ", text.ops()),
        String.join(" ", text.rows()), String.join(" ", text.layers()));
    for (Phase phase : new Phase[] {Phase.INFERENCE, Phase.TRAINING}) {
      assertEquals(table.cost(phase).layers(), decoded.cost(phase).layers(), phase + " of " + notation);
    }
  }

  /** Both phases of {@code network}, counted. */
  private static CountTable counted(Network network) {
    return CountTable.of(NetworkCost.of(network, Phase.INFERENCE), NetworkCost.of(network, Phase.TRAINING));
  }
}
