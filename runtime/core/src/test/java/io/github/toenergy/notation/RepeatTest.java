package io.github.toenergy.notation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.toenergy.annotations.ActivationFunction;
import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.ArithmeticModel;
import io.github.toenergy.cost.LayerCost;
import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.model.Format;
import io.github.toenergy.model.InvalidNetworkException;
import io.github.toenergy.model.Layer;
import io.github.toenergy.model.Network;
import io.github.toenergy.model.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code repeat(n, layers...)}: written compactly, counted as if written out, bounded when written out. */
class RepeatTest {
  private static final String BLOCK = "residual(conv2d(64,k=3,p=1,bias=false) batchnorm relu conv2d(64,k=3,p=1,bias=false) batchnorm) relu";

  @Test
  void writesBackWhatWasWritten() {
    String notation = "input(64,56,56) repeat(2, " + BLOCK + ") repeat(3, conv2d(64,k=1) repeat(2, relu)) maxpool(2)";
    Network network = Network.parse(notation);
    assertEquals(notation, network.toNotation());
    assertEquals(network, Network.parse(network.toNotation()));
    assertEquals(new Layer.Repeat(2, Network.parse("input(64,56,56) " + BLOCK).layers()), network.layers().get(0));
  }

  /** The reference is the same network written out by hand: every row, name and total must agree. */
  @Test
  void countsAsTheNetworkWrittenOut() {
    Network repeated = Network.parse("input(64,56,56) repeat(3, " + BLOCK + ") repeat(2, conv2d(8,k=3,s=2,p=1) relu)");
    Network written = Network.parse("input(64,56,56) " + BLOCK + " " + BLOCK + " " + BLOCK
        + " conv2d(8,k=3,s=2,p=1) relu conv2d(8,k=3,s=2,p=1) relu");
    assertEquals(written.output(), repeated.output());
    for (Phase phase : new Phase[] {Phase.INFERENCE, Phase.TRAINING}) {
      List<LayerCost> expected = NetworkCost.of(written, phase).layers();
      List<LayerCost> actual = NetworkCost.of(repeated, phase).layers();
      assertEquals(expected, actual);
    }
    NetworkCost cost = NetworkCost.of(repeated, Phase.INFERENCE);
    // rows named as if written out: residual_1..3, and the ReLUs after the blocks continue relu_n
    assertEquals(List.of("residual_1/conv2d_1", "residual_1/batchnorm_1", "residual_1/relu_1", "residual_1/conv2d_2",
        "residual_1/batchnorm_2", "residual_1/add", "relu_1"),
        cost.layers().subList(0, 7).stream().map(LayerCost::name).toList());
    assertEquals("relu_5", cost.layers().get(cost.layers().size() - 1).name());
    assertEquals(NetworkCost.of(written, Phase.INFERENCE).tos(ArithmeticModel.cmos(), 1),
        cost.tos(ArithmeticModel.cmos(), 1));
  }

  /** 56 -> 28 -> 14 -> 7 with stride 2 (PyTorch: floor((56 + 2 - 3) / 2) + 1 = 28, ...). */
  @Test
  void aRepeatMayChangeTheShapeEachTime() {
    assertEquals(Shape.of(8, 7, 7), Network.parse("input(3,56,56) repeat(3, conv2d(8,k=3,s=2,p=1))").output());
  }

  @Test
  void theBuilderDslRepeats() {
    Network built = Network.builder("network").input(64, 56, 56)
        .repeat(2, s -> s.residual(b -> b.conv2d(64, c -> c.kernel(3).padding(1).bias(false)).batchNorm().relu()
            .conv2d(64, c -> c.kernel(3).padding(1).bias(false)).batchNorm()).relu())
        .maxPool2d(2)
        .build();
    assertEquals(Network.parse("input(64,56,56) repeat(2, " + BLOCK + ") maxpool(2)"), built);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "input(4) repeat(1000000000, relu)                | 17 | repeat(1000000000, ...) of 1 layer makes more than 100000 layers",
      "input(4) repeat(1000, repeat(1000, relu))        | 17 | repeat(1000, ...) of 1001 layers makes more than 100000 layers",
      "input(4) repeat(0, relu)                         | 17 | repeat: the count must be positive, got 0",
      "input(4) repeat(relu)                            | 17 | expected a number, found 'relu'",
      "input(4) repeat(2.5, relu)                       | 17 | expected a whole number",
      "input(4) repeat(2 relu)                          | 19 | expected ',' after the count of 'repeat'",
      "input(4) repeat(2,)                              | 10 | repeat: needs at least one layer after the count",
      "input(4) repeat(2, relu                          | 24 | expected ')' to close the repeat opened at column 10",
      "input(3,8,8) repeat(5, conv2d(4,k=3))            | 14 | repetition 4 of 5, layer 1 (conv2d(4,k=3)): kernel 3 is larger than the input 4x2x2",
  })
  void errorsNameTheColumn(String text, int column, String message) {
    NotationException e = assertThrows(NotationException.class, () -> Network.parse(text));
    assertEquals(column, e.column(), e.getMessage());
    assertTrue(e.problem().contains(message), e.getMessage());
  }

  @Test
  void nestingIsBounded() {
    String deep = "input(4) " + "repeat(1, ".repeat(NotationLimits.MAX_NESTING + 1) + "relu" + ")".repeat(NotationLimits.MAX_NESTING + 1);
    NotationException e = assertThrows(NotationException.class, () -> Network.parse(deep));
    assertEquals("blocks (residual, repeat) nested more than 64 deep", e.problem());
  }

  /**
   * Built in code, a repeat too long to write out is refused when the network is built, at once:
   * its shapes stop repeating after the first repetition, and nothing is written out.
   */
  @Test
  void aNetworkBuiltInCodeIsBoundedToo() {
    Layer huge = new Layer.Repeat(1_000_000_000, List.of(new Layer.Activation(ActivationFunction.RELU)));
    InvalidNetworkException e = assertThrows(InvalidNetworkException.class,
        () -> new Network("n", Shape.flat(4), Format.FP32, List.of(new Layer.Dense(4, true), huge)));
    assertEquals(2, e.layerIndex());
    assertEquals("with its repeats written out the network has more than 100000 layers, the limit of one network",
        e.problem());
    // at the limit exactly it is accepted: 1 dense + the repeat + 99,998 ReLUs
    Network atLimit = new Network("n", Shape.flat(4), Format.FP32, List.of(new Layer.Dense(4, true),
        new Layer.Repeat(99_998, List.of(new Layer.Activation(ActivationFunction.RELU)))));
    assertEquals(99_999, NetworkCost.of(atLimit, Phase.INFERENCE).layers().size());
    assertEquals(null, NotationLimits.exceeded(atLimit));
  }

  @Test
  void aRepeatNeedsLayersAndAPositiveCount() {
    assertThrows(IllegalArgumentException.class, () -> new Layer.Repeat(0, List.of(new Layer.BatchNorm())));
    assertThrows(IllegalArgumentException.class, () -> new Layer.Repeat(2, List.of()));
  }
}
