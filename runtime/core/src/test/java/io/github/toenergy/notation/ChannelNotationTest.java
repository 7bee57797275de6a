package io.github.toenergy.notation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.toenergy.annotations.ActivationFunction;
import io.github.toenergy.model.InvalidLayerException;
import io.github.toenergy.model.InvalidNetworkException;
import io.github.toenergy.model.Layer;
import io.github.toenergy.model.Network;
import io.github.toenergy.model.ShapeException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The notation, rules and shapes of concat, chunk, shuffle, gate and layer scale. */
class ChannelNotationTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "input(116,28,28) concat(chunk(2,0) | chunk(2,1) conv2d(58,k=1,bias=false) batchnorm relu) shuffle(2)",
      "input(64,8,8) concat( | batchnorm relu conv2d(32,k=3,p=1,bias=false))",
      "input(64,8,8) concat(conv2d(8,k=1) | conv2d(8,k=3,p=1) | maxpool(3,s=1,p=1) conv2d(8,k=1) | )",
      "input(32,8,8) gate(adaptiveavgpool(1) conv2d(8,k=1) relu conv2d(32,k=1) sigmoid) scale",
      "input(16) gate(dense(16) sigmoid) scale concat( | dense(4))",
      "input(32,8,8) residual(gate(concat( | relu) conv2d(32,k=1) hardsigmoid) | scale)",
      "input(10,16) concat( | dense(8)) gate(dense(24) sigmoid) scale chunk(3,2) shuffle(2)",
  })
  void roundTrips(String notation) {
    Network network = Network.parse(notation);
    assertEquals(notation, network.toNotation());
    assertEquals(network, Network.parse(network.toNotation()));
  }

  @Test
  void readsTheRecords() {
    Network n = Network.parse("input(4,8,8) concat(|chunk(2,1)) gate(sigmoid) shuffle(3) scale");
    assertEquals(List.of(new Layer.Concat(List.of(List.of(), List.of(new Layer.Chunk(2, 1)))),
        new Layer.Gate(List.of(new Layer.Activation(ActivationFunction.SIGMOID))), new Layer.ChannelShuffle(3),
        new Layer.LayerScale()), n.layers());
    assertEquals(io.github.toenergy.model.Shape.of(6, 8, 8), n.output()); // 4 + 2 channels
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "input(4,8,8) concat(relu);14;concat: a concat block needs at least two branches, got 1",
      "input(4,8,8) concat(relu | relu;32;expected ')' to close the concat block opened at column 14, found end of text",
      "input(4,8,8) gate(sigmoid | relu);27;a gate block has no '|': its layers compute the gate from the block's input",
      "input(4,8,8) gate();14;gate: a gate needs at least one layer in its body",
      "input(4,8,8) chunk(2);14;chunk takes 2 positional arguments, found 1",
      "input(4,8,8) chunk(2,2);14;chunk: part 2 must be below chunks 2 (parts count from 0)",
      "input(4,8,8) chunk(0,0);14;chunk: chunks must be positive, got 0",
      "input(4,8,8) shuffle(g=2);22;shuffle has no option 'g'",
      "input(4,8,8) shuffle(0);14;shuffle: groups must be positive, got 0",
      "input(4,8,8) scale(2);20;scale takes 0 positional arguments, found 1",
  })
  void errorsNameTheColumn(String text, int column, String problem) {
    NotationException e = assertThrows(NotationException.class, () -> Network.parse(text));
    assertEquals(column, e.column(), e.getMessage());
    assertEquals(problem, e.problem());
  }

  @Test
  void aSequenceIsJoinedOnItsFeatures() {
    Network n = Network.parse("input(10,16) concat( | dense(8)) scale");
    assertEquals(io.github.toenergy.model.Shape.sequence(10, 24), n.output());
    // the gate of a sequence has its shape: one value per position and feature
    assertEquals("gate body gives 10x8 but a gate of 10x16 must be 10x16",
        assertThrows(InvalidNetworkException.class, () -> new Network("n", io.github.toenergy.model.Shape.sequence(10, 16),
            io.github.toenergy.model.Format.FP32, List.of(new Layer.Gate(List.of(new Layer.Dense(8, true))))))
            .shapeProblem().getMessage());
  }

  @Test
  void recordRulesNameTheAttribute() {
    assertEquals("part", attribute(() -> new Layer.Chunk(2, -1)));
    assertEquals("chunks", attribute(() -> new Layer.Chunk(-2, 0)));
    assertEquals("groups", attribute(() -> new Layer.ChannelShuffle(0)));
    assertEquals("branches", attribute(() -> new Layer.Concat(List.of(List.of()))));
    assertEquals("body", attribute(() -> new Layer.Gate(List.of())));
  }

  private static String attribute(Runnable construct) {
    InvalidLayerException e = assertThrows(InvalidLayerException.class, construct::run);
    return e.problems().get(0).attribute();
  }

  @Test
  void concatBranchesMustMeetInHeightAndWidth() {
    ShapeException e = shapeProblem(Network.builder("n").input(8, 8, 8)
        .concat(b -> b.conv2d(4, c -> c.kernel(3).stride(2).padding(1)), b -> b.conv2d(4, 1), b -> { }));
    assertEquals(ShapeException.Reason.BRANCHES_DIFFER, e.reason());
    assertEquals("concat branch 1 gives 4x4x4 but branch 2 gives 4x8x8; branches are joined on channels, so the rest "
        + "must match", e.getMessage());
    assertEquals(List.of(), e.path());
  }

  @Test
  void aLayerThatDoesNotFitInsideABranchIsNamedByItsPath() {
    InvalidNetworkException e = assertThrows(InvalidNetworkException.class, () -> Network.builder("n").input(6, 8, 8)
        .relu().concat(b -> { }, b -> b.gate(g -> g.conv2d(6, 1).sigmoid()).chunk(4, 0)).build());
    assertEquals(2, e.layerIndex());
    ShapeException shape = e.shapeProblem();
    assertEquals(List.of(new ShapeException.Step(1, 1)), shape.path());
    assertEquals(ShapeException.Reason.CHANNELS_DO_NOT_DIVIDE, shape.reason());
    assertEquals("branch 2 layer 2 (chunk(4,0)): chunks 4 do not divide the 6 input channels", shape.getMessage());
    // one level deeper: the gate inside the second branch, the notation naming the column of the block
    ShapeException inner = shapeProblem(Network.builder("n").input(6, 8, 8)
        .concat(b -> { }, b -> b.gate(g -> g.conv2d(6, 9))));
    assertEquals(List.of(new ShapeException.Step(1, 0), new ShapeException.Step(0, 0)), inner.path());
    assertEquals(ShapeException.Reason.WINDOW_DOES_NOT_FIT, inner.reason());
    NotationException text = assertThrows(NotationException.class,
        () -> Network.parse("input(6,8,8) concat( | gate(conv2d(6,k=9)))"));
    assertEquals(14, text.column());
    assertEquals("concat( | gate(conv2d(6,k=9))): branch 2 layer 1 (gate(conv2d(6,k=9))): gate layer 1 (conv2d(6,k=9)): "
        + "kernel 9 is larger than the input 6x8x8", text.problem());
  }

  @Test
  void aGateIsTheInputsShapeOrOneValuePerChannel() {
    ShapeException e = shapeProblem(Network.builder("n").input(6, 8, 8).gate(g -> g.conv2d(3, 1).sigmoid()));
    assertEquals(ShapeException.Reason.BRANCHES_DIFFER, e.reason());
    assertEquals("gate body gives 3x8x8 but a gate of 6x8x8 must be 6x8x8 or 6x1x1", e.getMessage());
    assertEquals("gate body gives 3 but a gate of 6 must be 6",
        shapeProblem(Network.builder("n").input(6).gate(g -> g.dense(3))).getMessage());
  }

  @Test
  void shuffleGroupsMustDivideTheChannels() {
    ShapeException e = shapeProblem(Network.builder("n").input(6, 8, 8).channelShuffle(4));
    assertEquals(ShapeException.Reason.CHANNELS_DO_NOT_DIVIDE, e.reason());
    assertEquals("groups 4 do not divide the 6 input channels", e.getMessage());
  }

  private static ShapeException shapeProblem(Network.Builder builder) {
    return assertThrows(InvalidNetworkException.class, builder::build).shapeProblem();
  }
}
