package io.github.toenergy.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.toenergy.annotations.ActivationFunction;
import io.github.toenergy.annotations.Phase;
import io.github.toenergy.model.Format;
import io.github.toenergy.model.InvalidLayerException;
import io.github.toenergy.model.InvalidNetworkException;
import io.github.toenergy.model.Layer;
import io.github.toenergy.model.Network;
import io.github.toenergy.model.Shape;
import io.github.toenergy.model.ShapeException;
import io.github.toenergy.notation.NotationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LSTM, GRU, mixture of experts and Mamba-2 against hand derivations; the parameter counts also
 * against PyTorch's (scripts/recurrent-parameters.py builds the same modules with torch 2.13 and
 * prints {@code sum(p.numel())}: the numbers quoted below).
 */
class SequenceMixingCostTest {

  private static NetworkCost inference(String notation) {
    return NetworkCost.of(Network.parse(notation), Phase.INFERENCE);
  }

  @Test
  void lstmCountsPyTorchsParametersAndEveryGatePerStep() {
    // nn.LSTM(3, 4): W_ih 16x3, W_hh 16x4, b_ih 16, b_hh 16 = 48 + 64 + 32 = 144 (torch: 144)
    Network network = Network.parse("input(5,3) lstm(4)");
    NetworkCost cost = NetworkCost.of(network, Phase.INFERENCE);
    assertEquals("5x4", network.output().toString());
    assertEquals(144, cost.parameters());
    assertEquals(144, cost.activeParameters());
    // 5 steps x 16 gate units x (3 + 4) inputs = 560 MACs
    assertEquals(560, cost.macs(1));
    OpCounts ops = cost.ops(1);
    // per unit and step: 8 bias adds (2 per gate) + the cell's add = 9; 20 unit steps
    assertEquals(180, ops.get(Op.ADD));
    assertEquals(60, ops.get(Op.SIGMOID)); // i, f, o
    assertEquals(40, ops.get(Op.TANH)); // g and tanh(c)
    assertEquals(60, ops.get(Op.MULTIPLY)); // f*c, i*g, o*tanh(c)
    // words: x_t read (3 a step) + h read, h written, c read and written (4 x 4 a step), 5 steps
    assertEquals(5 * (3 + 16), cost.layers().get(0).activationWordsPerSample());
  }

  @Test
  void recurrentWeightsAreReadAgainAtEveryTimeStep() {
    // nn.LSTM(3, 4) on 5 steps: the 144 parameters once, then W_hh (16 x 4 = 64 words) again at steps 2..5:
    // 4 x 64 = 256 words per step of the batch, whatever the batch
    NetworkCost lstm = inference("input(5,3) lstm(4)");
    assertEquals(144 + 4 * 64, lstm.layers().get(0).weightWordsPerStep());
    // training: 6 words per parameter (LayerArithmetic.TRAINING_WEIGHT_WORDS_PER_PARAMETER) and W_hh twice
    // per time step after the first, forward and for the gradient of h backward
    NetworkCost training = NetworkCost.of(Network.parse("input(5,3) lstm(4)"), Phase.TRAINING);
    assertEquals(6 * 144 + 2 * 4 * 64, training.layers().get(0).weightWordsPerStep());
    // two layers of a bidirectional GRU(3, 4): W_hh 12 x 4 = 48 words per layer and direction, 4 of them
    NetworkCost gru = inference("input(5,3) gru(4,layers=2,bidirectional=true)");
    assertEquals(552 + 4 * 4 * 48, gru.layers().get(0).weightWordsPerStep());
    // a single step reads them once, as any weight
    assertEquals(144, inference("input(1,3) lstm(4)").layers().get(0).weightWordsPerStep());
  }

  @Test
  void stackedBidirectionalGruTakesTheFirstLayersBothDirections() {
    // nn.GRU(3, 4, num_layers=2, bidirectional=True): layer 0 per direction 12x3 + 12x4 + 24 = 108,
    // layer 1 takes 8 features: 12x8 + 12x4 + 24 = 168; both directions: 2 x (108 + 168) = 552 (torch: 552)
    Network network = Network.parse("input(5,3) gru(4,layers=2,bidirectional=true)");
    NetworkCost cost = NetworkCost.of(network, Phase.INFERENCE);
    assertEquals("5x8", network.output().toString());
    assertEquals(552, cost.parameters());
    // 10 steps a layer (5 per direction): 10 x 12 x 7 + 10 x 12 x 12 = 840 + 1440
    assertEquals(2280, cost.macs(1));
    OpCounts ops = cost.ops(1);
    // 80 unit steps (10 x 2 layers x 4): 6 bias adds + n's join + 2 for n + z(h - n) = 9 adds each
    assertEquals(720, ops.get(Op.ADD));
    assertEquals(160, ops.get(Op.SIGMOID));
    assertEquals(80, ops.get(Op.TANH));
    assertEquals(160, ops.get(Op.MULTIPLY)); // r * (W_hn h + b_hn), z * (h - n)
  }

  @Test
  void recurrentLayersWithoutBiasesAddOnlyInTheirCells() {
    // nn.LSTM(3, 4, bias=False): 112 (torch: 112); adds: 1 per unit step (c = f*c + i*g), 20 unit steps
    NetworkCost lstm = inference("input(5,3) lstm(4,bias=false)");
    assertEquals(112, lstm.parameters());
    assertEquals(20, lstm.ops(1).get(Op.ADD));
    // nn.GRU(3, 4, bias=False): 12 x 7 = 84 (torch: 84); adds: 3 per unit step
    NetworkCost gru = inference("input(5,3) gru(4,bias=false)");
    assertEquals(84, gru.parameters());
    assertEquals(60, gru.ops(1).get(Op.ADD));
  }

  @Test
  void recurrentTrainingAddsTheGradientOfEveryForwardOp() {
    NetworkCost forward = inference("input(5,3) lstm(4)");
    NetworkCost training = NetworkCost.of(Network.parse("input(5,3) lstm(4)"), Phase.TRAINING);
    // backward: 2 MACs per forward MAC (input and weight gradients) + one SGD update MAC per parameter
    assertEquals(3 * 560 + 144, training.macs(1));
    // a multiply's gradient is one multiply per factor; a sigmoid's (s(1-s)g) two, a tanh's two
    assertEquals(60 + 2 * 60 + 2 * 60 + 2 * 40, training.ops(1).get(Op.MULTIPLY));
    assertEquals(3 * forward.layers().get(0).activationWordsPerSample(),
        training.layers().get(0).activationWordsPerSample());
  }

  @Test
  void mixtureOfExpertsCountsAllExpertsAndTheActiveOnesApart() {
    // D = 4, 4 experts of hidden 3, top 2, 1 shared, gated, no bias: an expert is 3 x 4 x 3 = 36, the
    // router 4 x 4 = 16; total 16 + 5 x 36 = 196, active 16 + 3 x 36 = 124 (torch: 196 and 124)
    Network network = Network.parse("input(2,4) moe(experts=4,top=2,hidden=3,shared=1)");
    NetworkCost cost = NetworkCost.of(network, Phase.INFERENCE);
    assertEquals("2x4", network.output().toString());
    assertEquals(196, cost.parameters());
    assertEquals(124, cost.activeParameters());
    // per token: router 16 + 3 active experts x 36 = 124 MACs (= the active weights), 2 tokens
    assertEquals(248, cost.macs(1));
    // repeated, each layer keeps its own active parameters (a repeat's later rows are copies of the first's)
    NetworkCost three = inference("input(2,4) repeat(3, residual(moe(experts=4,top=2,hidden=3,shared=1)))");
    assertEquals(3 * 196, three.parameters());
    assertEquals(3 * 124, three.activeParameters());
    OpCounts ops = cost.ops(1);
    assertEquals(2 * 4, ops.get(Op.SOFTMAX)); // over the 4 experts
    assertEquals(2 * 2 * 3, ops.get(Op.COMPARE)); // top-2: 2 passes of 3 compares
    assertEquals(2 * 2, ops.get(Op.DIVIDE)); // the 2 weights renormalised
    assertEquals(2 * 9, ops.get(Op.SILU)); // 3 experts x 3 hidden
    // 9 gate x up products + 2 x 4 outputs times their weights, per token
    assertEquals(2 * (9 + 8), ops.get(Op.MULTIPLY));
    // renormalising sum 1 + summing 3 expert outputs of 4 (2 x 4), per token
    assertEquals(2 * (1 + 8), ops.get(Op.ADD));
  }

  @Test
  void mixtureOfExpertsWithBiasesCountsRouterAndExpertBiases() {
    // gpt-oss style: router 4x4 + 4, an expert (gated) 36 + 2 x 3 + 4 = 46; 4 experts, top 1:
    // total 20 + 4 x 46 = 204, active 20 + 46 = 66 (torch: 204 and 66)
    NetworkCost cost = inference("input(4) moe(experts=4,top=1,hidden=3,bias=true)");
    assertEquals(204, cost.parameters());
    assertEquals(66, cost.activeParameters());
    // ungated GELU experts, no bias: 2 x 4 x 3 = 24 each; 8 experts: 32 + 192 = 224, active top 2: 32 + 48 = 80
    NetworkCost plain = inference("input(4) moe(experts=8,top=2,hidden=3,act=gelu,gated=false)");
    assertEquals(224, plain.parameters());
    assertEquals(80, plain.activeParameters());
    assertEquals(6, plain.ops(1).get(Op.GELU));
  }

  @Test
  void mamba2CountsHuggingFacesParametersAndTheChunkedScan() {
    // D 4, heads 2 x headdim 3 = I 6, state 2, 1 group, conv 2, chunk 4, 6 tokens:
    // in_proj 4 x (2x6 + 2x1x2 + 2 = 18) = 72; conv1d (6 + 4 = 10 channels) 10 x 2 + 10 = 30;
    // dt_bias, A_log, D 2 each = 6; norm 6; out_proj 6 x 4 = 24; total 138 (torch: 138)
    Network network = Network.parse("input(6,4) mamba2(state=2,heads=2,headdim=3,conv=2,chunk=4)");
    NetworkCost cost = NetworkCost.of(network, Phase.INFERENCE);
    assertEquals("6x4", network.output().toString());
    assertEquals(138, cost.parameters());
    // chunks of 4 and 2 tokens: causal pairs 10 + 3 = 13. MACs: in_proj 6 x 72 = 432, conv 6 x 10 x 2 = 120,
    // C.B per pair and group 13 x 2 = 26, (CB.decay) x per pair, head and channel 13 x 6 = 78,
    // chunk states B x^T and output C.state 6 x (6 x 2) each = 72 + 72, out_proj 6 x 24 = 144
    assertEquals(432 + 120 + 26 + 78 + 72 + 72 + 144, cost.macs(1));
    // exps: softplus 2 (exp, log) x 6 x 2 = 24, A 2, pair decays 13 x 2 = 26, state decays 6 x 2 = 12,
    // chunk-to-chunk decays 2 x 2 = 4, output decays 6 x 2 = 12
    assertEquals(24 + 2 + 26 + 12 + 4 + 12, cost.ops(1).get(Op.EXP));
    assertEquals(6, cost.ops(1).get(Op.SQRT)); // one per token and group of the gated norm
  }

  @Test
  void mamba2FromExpandMatchesTheSameSizesGivenAsHeads() {
    // expand 2 x D 8 = 16 inner = 4 heads of 4: the same layer as heads=4
    NetworkCost expand = inference("input(9,8) mamba2(expand=2,headdim=4,state=4,groups=2)");
    NetworkCost heads = inference("input(9,8) mamba2(heads=4,headdim=4,state=4,groups=2)");
    assertEquals(heads.parameters(), expand.parameters());
    assertEquals(heads.ops(1), expand.ops(1));
    // NVIDIA-Nemotron-Nano-9B-v2's mixer (hidden 4480, 128 heads x 80, state 128, 8 groups, conv 4,
    // no projection bias): in_proj 4480 x 22656 + conv 12288 x 5 + 384 + norm 10240 + out_proj 10240 x 4480
    NetworkCost nemotron = inference("input(1,4480) mamba2(heads=128,headdim=80,groups=8,chunk=128)");
    assertEquals(101_498_880L + 61_440 + 384 + 10_240 + 45_875_200L, nemotron.parameters());
  }

  @Test
  void badAttributesAndShapesNameWhatIsWrong() {
    InvalidLayerException top = assertThrows(InvalidLayerException.class,
        () -> new Layer.MixtureOfExperts(4, 5, 8, 0,
            ActivationFunction.SILU, true, false));
    assertEquals("top", top.problems().get(0).attribute());
    InvalidLayerException both = assertThrows(InvalidLayerException.class,
        () -> new Layer.Mamba2(16, 4, 8, 2, 1, 4, 64, false, true));
    assertEquals("expand", both.problems().get(0).attribute());
    InvalidLayerException hidden = assertThrows(InvalidLayerException.class,
        () -> new Layer.Lstm(0, 1, false, true));
    assertEquals("hidden", hidden.problems().get(0).attribute());
    InvalidNetworkException image = assertThrows(InvalidNetworkException.class,
        () -> new Network("n", Shape.of(3, 8, 8), Format.FP32, List.of(new Layer.Lstm(4, 1, false, true))));
    assertEquals(ShapeException.Reason.LAYOUT_NEEDED, image.shapeProblem().reason());
    assertTrue(image.getMessage().contains("lstm needs a sequence input"), image.getMessage());
    InvalidNetworkException heads = assertThrows(InvalidNetworkException.class,
        () -> new Network("n", Shape.sequence(4, 6), Format.FP32, List.of(new Layer.Mamba2(128, 0, 5, 2, 1, 4, 256,
            false, true))));
    NotationException parsed = assertThrows(NotationException.class, () -> Network.parse("input(4,6) mamba2(headdim=5)"));
    assertTrue(parsed.getMessage().contains("do not make whole heads of 5"), parsed.getMessage());
    assertEquals(ShapeException.Reason.FEATURES_NOT_DIVISIBLE, heads.shapeProblem().reason());
    NotationException act = assertThrows(NotationException.class,
        () -> Network.parse("input(4,6) moe(experts=2,top=1,hidden=4,act=swiglu)"));
    assertTrue(act.getMessage().contains("act must name an activation"), act.getMessage());
    NotationException missing = assertThrows(NotationException.class, () -> Network.parse("input(4,6) moe(top=1,hidden=4)"));
    assertTrue(missing.getMessage().contains("moe needs experts"), missing.getMessage());
  }

  @Test
  void notationRoundTripsWritingOnlyWhatDiffersFromTheDefaults() {
    for (String text : new String[] {
        "input(5,3) lstm(4)", "input(5,3) gru(4,layers=3,bidirectional=true,bias=false)",
        "input(7,16) moe(experts=8,top=2,hidden=32,shared=1,act=gelu,gated=false,bias=true)",
        "input(7,64) mamba2", "input(7,16) mamba2(state=16,heads=4,headdim=8,groups=2,conv=3,chunk=64,bias=true,convbias=false)",
        "input(7,16) mamba2(expand=4,headdim=16)"}) {
      assertEquals(text, Network.parse(text).toNotation());
    }
    assertEquals("input(7,64) mamba2", Network.parse("input(7,64) mamba2(expand=2,headdim=64,state=128)").toNotation());
  }
}
