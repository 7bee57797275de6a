package io.github.toenergy.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.model.Layer;
import io.github.toenergy.model.Network;
import io.github.toenergy.model.Shape;
import io.github.toenergy.model.ShapeException;
import org.junit.jupiter.api.Test;

/**
 * The sequence and transformer layers against published parameter counts and GFLOPS (torchvision's
 * model documentation; Hugging Face model cards) and against hand derivations; each expected value
 * says where it comes from.
 */
class TransformerCostTest {

  /** The same text {@code n} times, space separated (the notation's repeat is another issue's). */
  static String times(int n, String text) {
    return (" " + text).repeat(n);
  }

  /**
   * torchvision's vit_b_16 (VisionTransformer: conv_proj, class token, pos_embedding, 12 encoder
   * blocks of LayerNorm, MultiheadAttention(768, 12), LayerNorm, MLP 3072 with GELU; final LayerNorm;
   * heads.head on x[:, 0]).
   */
  static final String VIT_B_16 = "input(3,224,224) conv2d(768,k=16,s=16) tokens clstoken posembedding(197)"
      + times(12, "residual(layernorm attention(12)) residual(layernorm dense(3072) gelu dense(768))")
      + " layernorm select dense(1000)";

  /*
   * torchvision publishes vit_b_16 at 86,567,656 parameters and 17.564 GFLOPS. By hand, 197 tokens of 768:
   *   patch conv: 196 outputs x 768 filters x 3*16*16 taps   =    115,605,504 MACs
   *   per block: Q, K, V, O projections 4 x 197 x 768 x 768   =    464,781,312
   *              QK^T and AV 2 x 12 heads x 197 x 197 x 64   =     59,610,624
   *              MLP 2 x 197 x 768 x 3072                    =    929,562,624
   *   12 blocks x 1,453,954,560                              = 17,447,454,720
   *   head 768 x 1000                                        =        768,000
   *   total                                                  = 17,563,828,224 -> 17.564 GFLOPS
   * PyTorch's FlopCounterMode on torchvision 0.28's vit_b_16 agrees on the linear layers (addmm
   * 16,732,895,232 = 12 x 1,394,343,936 + 768,000) and the convolution; it does not see CPU attention's
   * fused kernel, whose two products are the 12 x 59,610,624 = 715,327,488 above.
   * Parameters: conv 590,592; class token 768; positions 197 x 768 = 151,296; 12 blocks of 7,087,872
   * (LayerNorms 2 x 1,536, in_proj 768 x 2304 + 2304, out_proj 768 x 768 + 768, MLP 2,362,368 + 2,360,064);
   * final LayerNorm 1,536; head 769,000.
   */
  @Test
  void vitB16MatchesTorchvision() {
    NetworkCost cost = NetworkCost.of(Network.parse(VIT_B_16), Phase.INFERENCE);
    assertEquals(86_567_656L, cost.parameters());
    assertEquals(17_563_828_224L, cost.macs(1));
  }

  /**
   * torchvision's swin_t in its channels-last layout written as an image: patch embedding conv 4x4/4 +
   * LayerNorm; stages of depth 2, 2, 6, 2 at 96, 192, 384, 768 channels and 3, 6, 12, 24 heads, window 7,
   * every second block shifted by 3, relative position bias table of (2*7-1)^2 = 169 rows; the MLP's
   * Linear layers on each position are 1x1 convolutions; PatchMerging = 2x2 space to depth, LayerNorm(4C),
   * Linear(4C, 2C, bias=False); final LayerNorm, average pool, head.
   */
  static String swinT() {
    StringBuilder s = new StringBuilder("input(3,224,224) conv2d(96,k=4,s=4) layernorm");
    int[] depths = {2, 2, 6, 2};
    for (int stage = 0; stage < 4; stage++) {
      int c = 96 << stage;
      int heads = 3 << stage;
      if (stage > 0) {
        s.append(" pixelunshuffle(2) layernorm conv2d(").append(c).append(",k=1,bias=false)");
      }
      for (int block = 0; block < depths[stage]; block++) {
        s.append(" residual(layernorm attention(").append(heads).append(",window=7")
            .append(block % 2 == 1 ? ",shift=3" : "").append(",relbias=169))");
        s.append(" residual(layernorm conv2d(").append(4 * c).append(",k=1) gelu conv2d(").append(c).append(",k=1))");
      }
    }
    return s.append(" layernorm globalavgpool flatten dense(1000)").toString();
  }

  /*
   * torchvision publishes swin_t at 28,288,354 parameters and 4.491 GFLOPS. PyTorch's FlopCounterMode
   * on torchvision 0.28's swin_t (1x3x224x224) counts 4,490,566,656 MACs: convolution 14,450,688 (the
   * stem), addmm 4,162,566,144 (qkv, proj, MLP, head), bmm 140,141,568 (QK^T and AV: 2 x L x 49 x C per
   * block, e.g. 2 x 3136 x 49 x 96 = 29,503,488 in stage 1), mm 173,408,256 (the three patch merging
   * Linear(4C, 2C): 3 x 57,802,752).
   */
  @Test
  void swinTMatchesTorchvision() {
    NetworkCost cost = NetworkCost.of(Network.parse(swinT()), Phase.INFERENCE);
    assertEquals(28_288_354L, cost.parameters());
    assertEquals(4_490_566_656L, cost.macs(1));
  }

  /**
   * torchvision's swin_v2_t at its 256 crop: as swin_t but window 8 (shift 4), post-norm blocks (the
   * LayerNorm after attention and after the MLP, inside the residual), scaled cosine attention and the
   * continuous position bias MLP of 512 hidden features instead of a bias table, and PatchMergingV2's
   * norm after its Linear(4C, 2C).
   */
  static String swinV2T() {
    StringBuilder s = new StringBuilder("input(3,256,256) conv2d(96,k=4,s=4) layernorm");
    int[] depths = {2, 2, 6, 2};
    for (int stage = 0; stage < 4; stage++) {
      int c = 96 << stage;
      int heads = 3 << stage;
      if (stage > 0) {
        s.append(" pixelunshuffle(2) conv2d(").append(c).append(",k=1,bias=false) layernorm");
      }
      for (int block = 0; block < depths[stage]; block++) {
        s.append(" residual(attention(").append(heads).append(",window=8")
            .append(block % 2 == 1 ? ",shift=4" : "").append(",cpb=512,cosine=true) layernorm)");
        s.append(" residual(conv2d(").append(4 * c).append(",k=1) gelu conv2d(").append(c).append(",k=1) layernorm)");
      }
    }
    return s.append(" layernorm globalavgpool flatten dense(1000)").toString();
  }

  /*
   * torchvision publishes swin_v2_t at 28,351,570 parameters and 5.94 GFLOPS; PyTorch's FlopCounterMode on
   * torchvision 0.28's swin_v2_t (1x3x256x256) counts 5,939,690,496 MACs (convolution 18,874,368, addmm
   * 5,439,350,784, mm 242,390,016, bmm 239,075,328). Each attention's bias MLP runs on the 15 x 15 = 225
   * offsets: 225 x (2 x 512 + 512 x heads) MACs, per image.
   */
  @Test
  void swinV2TMatchesTorchvision() {
    NetworkCost cost = NetworkCost.of(Network.parse(swinV2T()), Phase.INFERENCE);
    assertEquals(28_351_570L, cost.parameters());
    assertEquals(5_939_690_496L, cost.macs(1));
  }

  /*
   * bert-base-uncased, 109,482,240 parameters with its pooler (the model card's BertModel): word
   * 30522 x 768 = 23,440,896, positions 512 x 768 = 393,216, token types 2 x 768 = 1,536, LayerNorm
   * 1,536; 12 post-norm layers of 7,087,872 (attention 4 x 768 x 768 + 4 x 768 = 2,362,368, two
   * LayerNorms 3,072, MLP 768 x 3072 + 3072 + 3072 x 768 + 768 = 4,722,432); pooler 768 x 768 + 768.
   */
  static final String BERT_BASE = "input(512) embedding(30522,768) posembedding(512) posembedding(2) layernorm"
      + times(12, "residual(attention(12)) layernorm residual(dense(3072) gelu dense(768)) layernorm")
      + " select dense(768) tanh";

  @Test
  void bertBaseParameters() {
    assertEquals(109_482_240L, NetworkCost.of(Network.parse(BERT_BASE), Phase.INFERENCE).parameters());
  }

  /*
   * Llama-3.1-8B (its config.json: hidden 4096, 32 layers, 32 heads, 8 key/value heads, intermediate
   * 14336, vocabulary 128256, untied head), 8,030,261,248 parameters as published: embedding and head
   * 2 x 128256 x 4096 = 1,050,673,152; per layer attention 2 x 4096 x 4096 + 2 x 4096 x 1024 =
   * 41,943,040, SwiGLU 3 x 4096 x 14336 = 176,160,768, two RMS norms 8,192; final norm 4,096.
   */
  static final String LLAMA_3_1_8B = "input(8) embedding(128256,4096)"
      + times(32, "residual(rmsnorm attention(32,kvheads=8,causal=true,bias=false,rope=true)) residual(rmsnorm glu(14336))")
      + " rmsnorm dense(128256,bias=false)";

  @Test
  void llama31With8BParameters() {
    Network network = Network.parse(LLAMA_3_1_8B);
    NetworkCost cost = NetworkCost.of(network, Phase.INFERENCE);
    assertEquals(8_030_261_248L, cost.parameters());
    // 8 tokens: every weight but the embedding's and the norms' is one MAC per token (32 layers x
    // (41,943,040 + 176,160,768) + the head's 525,336,576 = 7,504,658,432 weights), plus QK^T and AV:
    // 32 layers x 2 x 32 heads x 8 x 8 x 128
    assertEquals(8 * 7_504_658_432L + 32L * 2 * 32 * 8 * 8 * 128, cost.macs(1));
    assertEquals(network, Network.parse(network.toNotation()));
  }

  /*
   * gpt2 (its config.json: n_embd 768, n_layer 12, n_head 12, n_positions 1024, vocab 50257, the head
   * tied to wte), 124,439,808 parameters as published: wte 50257 x 768 = 38,597,376, wpe 1024 x 768 =
   * 786,432, 12 blocks of 7,087,872 (as ViT-B's), ln_f 1,536.
   */
  static final String GPT2 = "input(1024) embedding(50257,768) posembedding(1024)"
      + times(12, "residual(layernorm attention(12,causal=true)) residual(layernorm dense(3072) gelu dense(768))")
      + " layernorm unembed(50257)";

  @Test
  void gpt2TiesItsHeadToTheEmbedding() {
    NetworkCost cost = NetworkCost.of(Network.parse(GPT2), Phase.INFERENCE);
    assertEquals(124_439_808L, cost.parameters());
    // per token: 12 x (4 x 768^2 + 2 x 768 x 3072) = 84,934,656 plus the head's 768 x 50257 = 38,597,376;
    // 1024 tokens: 126,496,800,768; QK^T and AV 12 x 2 x 1024^2 x 768 = 19,327,352,832
    assertEquals(126_496_800_768L + 19_327_352_832L, cost.macs(1));
  }

  @Test
  void embeddingReadsItsRowsAndCountsNoMacs() {
    // 512 token ids -> 512 x 768; the table is 30522 x 768 = 23,440,896 parameters; bytes: the 512 ids
    // read, 512 x 768 rows read and written, not the whole table
    Network network = Network.parse("input(512) embedding(30522,768)");
    NetworkCost cost = NetworkCost.of(network, Phase.INFERENCE);
    assertEquals("512x768", network.output().toString());
    assertEquals(23_440_896L, cost.parameters());
    assertEquals(0, cost.macs(1));
    assertEquals(0, cost.ops(1).get(Op.ADD));
    assertEquals((512 + 2L * 512 * 768) * 4, cost.bytes(1));
  }

  @Test
  void layerNormCountsPerPosition() {
    // 3 positions of 4 features: per position 3D+1 + D = 17 adds, 3D+2 = 14 multiplies, a square root
    // and a divide; 2 x 4 parameters. Without the shift 13 adds and 4 parameters.
    NetworkCost cost = NetworkCost.of(Network.parse("input(3,4) layernorm"), Phase.INFERENCE);
    OpCounts ops = cost.ops(1);
    assertEquals(3 * 17, ops.get(Op.ADD));
    assertEquals(3 * 14, ops.get(Op.MULTIPLY));
    assertEquals(3, ops.get(Op.SQRT));
    assertEquals(3, ops.get(Op.DIVIDE));
    assertEquals(0, ops.get(Op.MAC));
    assertEquals(8, cost.parameters());
    assertEquals(4, NetworkCost.of(Network.parse("input(3,4) layernorm(bias=false)"), Phase.INFERENCE).parameters());
    // on an image: over the 2 channels at each of the 3 x 3 positions (ConvNeXt's LayerNorm2d)
    OpCounts image = NetworkCost.of(Network.parse("input(2,3,3) layernorm"), Phase.INFERENCE).ops(1);
    assertEquals(9 * (4 * 2 + 1), image.get(Op.ADD));
  }

  @Test
  void rmsNormCountsPerPosition() {
    // 3 positions of 4 features: D+1 = 5 adds, 3D+1 = 13 multiplies, one square root and divide each
    NetworkCost cost = NetworkCost.of(Network.parse("input(3,4) rmsnorm"), Phase.INFERENCE);
    assertEquals(3 * 5, cost.ops(1).get(Op.ADD));
    assertEquals(3 * 13, cost.ops(1).get(Op.MULTIPLY));
    assertEquals(4, cost.parameters());
  }

  @Test
  void attentionCountsProjectionsAndTheTwoProducts() {
    // 10 tokens of 16 features, 4 heads of 4: projections 4 x 10 x 16 x 16 = 10,240 MACs; QK^T and AV
    // 2 x 4 x 10 x 10 x 4 = 3,200; 4 x (256 + 16) = 1,088 parameters; 4 x 100 softmax elements
    NetworkCost cost = NetworkCost.of(Network.parse("input(10,16) attention(4)"), Phase.INFERENCE);
    assertEquals(10_240 + 3_200, cost.macs(1));
    assertEquals(1_088, cost.parameters());
    assertEquals(400, cost.ops(1).get(Op.SOFTMAX));
    // causal: the same counts (PyTorch's FlopCounterMode and fvcore count the masked product in full)
    assertEquals(cost.macs(1), NetworkCost.of(Network.parse("input(10,16) attention(4,causal=true)"), Phase.INFERENCE).macs(1));
  }

  @Test
  void groupedQueryAttentionShrinksKeyAndValueProjections() {
    // 16 features, 4 heads of 4, 1 key/value head (multi-query), no biases: Q and O 16 x 16 each, K and V
    // 16 x 4 each = 640 parameters; 10 tokens: 6,400 projection MACs + 2 x 4 x 10 x 10 x 4 = 3,200
    NetworkCost cost = NetworkCost.of(Network.parse("input(10,16) attention(4,kvheads=1,bias=false)"), Phase.INFERENCE);
    assertEquals(640, cost.parameters());
    assertEquals(6_400 + 3_200, cost.macs(1));
  }

  @Test
  void windowedAttentionPadsToWholeWindows() {
    // 8 channels on 5 x 5 pixels, windows of 3: padded to 6 x 6 = 36 tokens in 4 windows of 9 (as
    // torchvision's shifted_window_attention pads); projections 4 x 36 x 8 x 8 = 9,216; products
    // 2 x 2 heads x 36 tokens x 9 keys x 4 = 5,184; bias table 25 rows x 2 heads = 50 extra parameters
    NetworkCost cost = NetworkCost.of(Network.parse("input(8,5,5) attention(2,window=3,relbias=25)"), Phase.INFERENCE);
    assertEquals(9_216 + 5_184, cost.macs(1));
    assertEquals(4 * (64 + 8) + 50, cost.parameters());
  }

  /*
   * DeepSeek-V3's attention (its config.json: hidden 7168, 128 heads, q_lora_rank 1536, kv_lora_rank 512,
   * qk_nope_head_dim 128, qk_rope_head_dim 64, v_head_dim 128; the shapes of modeling_deepseek.py):
   * q_a_proj 7168 x 1536 = 11,010,048; q_a_layernorm 1,536; q_b_proj 1536 x 128 x 192 = 37,748,736;
   * kv_a_proj_with_mqa 7168 x 576 = 4,128,768; kv_a_layernorm 512; kv_b_proj 512 x 128 x 256 = 16,777,216;
   * o_proj 16384 x 7168 = 117,440,512; total 187,107,328.
   */
  @Test
  void latentAttentionOfDeepSeekV3() {
    NetworkCost cost = NetworkCost.of(Network.parse(
        "input(4,7168) mla(128,qrank=1536,kvrank=512,nope=128,rope=64,vdim=128,causal=true)"), Phase.INFERENCE);
    assertEquals(187_107_328L, cost.parameters());
    // 4 tokens: the weights but the two norms' once per token, plus 128 heads x 4 x 4 x (192 + 128)
    assertEquals(4 * (187_107_328L - 1_536 - 512) + 128L * 4 * 4 * 320, cost.macs(1));
  }

  @Test
  void gatedMlpIsThreeProjections() {
    // 10 tokens of 16 -> 24 hidden: 3 x 16 x 24 = 1,152 parameters; 10 x 1,152 MACs; 240 SiLUs and
    // 240 multiplies
    NetworkCost cost = NetworkCost.of(Network.parse("input(10,16) glu(24)"), Phase.INFERENCE);
    assertEquals(1_152, cost.parameters());
    assertEquals(11_520, cost.macs(1));
    assertEquals(240, cost.ops(1).get(Op.SILU));
    assertEquals(240, cost.ops(1).get(Op.MULTIPLY));
  }

  @Test
  void imageToTokensWithAClassTokenAndPositions() {
    // a 4 x 3 x 3 image: 9 tokens of 4 (a view), a class token (4 parameters) makes 10, a table of 10
    // positions (40 parameters) adds one value per element (40 adds), select keeps the class token's 4
    Network network = Network.parse("input(4,3,3) tokens clstoken posembedding(10) select");
    NetworkCost cost = NetworkCost.of(network, Phase.INFERENCE);
    assertEquals("9x4", network.outputShapes().get(0).toString());
    assertEquals("10x4", network.outputShapes().get(1).toString());
    assertEquals("4", network.output().toString());
    assertEquals(44, cost.parameters());
    assertEquals(40, cost.ops(1).get(Op.ADD));
    assertEquals(0, cost.macs(1));
    // space to depth: 4 x 2 x 2 -> 16 x 1 x 1, a copy of its 16 values (read and written: 32 words)
    NetworkCost unshuffle = NetworkCost.of(Network.parse("input(4,2,2) pixelunshuffle(2)"), Phase.INFERENCE);
    assertEquals(32 * 4, unshuffle.bytes(1));
    assertEquals(0, unshuffle.ops(1).asMap().size());
  }

  @Test
  void attentionTrainingIsThreeTimesItsMacsPlusTheSoftmaxBackward() {
    // input(10,16) attention(4): forward 13,440 MACs (above); backward twice that; the softmax's
    // backward has one MAC (sum of s*g) per score, 400; the SGD update one MAC per parameter, 1,088
    NetworkCost training = NetworkCost.of(Network.parse("input(10,16) attention(4)"), Phase.TRAINING);
    assertEquals(3 * 13_440 + 400 + 1_088, training.macs(1));
  }

  @Test
  void conv1dOnASequence() {
    // Mamba's depthwise causal conv1d: 10 positions of 8 features, kernel 4, groups 8: each output reads 4
    // taps: 10 x 8 x 4 = 320 MACs; 8 x 4 + 8 = 40 parameters; the length stays 10
    Network network = Network.parse("input(10,8) conv1d(8,k=4,g=8,causal=true)");
    NetworkCost cost = NetworkCost.of(network, Phase.INFERENCE);
    assertEquals("10x8", network.output().toString());
    assertEquals(320, cost.macs(1));
    assertEquals(40, cost.parameters());
    // not causal, padding 1: (10 + 2 - 4) / 2 + 1 = 5 positions at stride 2
    assertEquals("5x6", Network.parse("input(10,8) conv1d(6,k=4,s=2,p=1)").output().toString());
    // causal at stride 2: outputs at positions 0, 2, ..., 8: 5
    assertEquals("5x8", Network.parse("input(10,8) conv1d(8,k=4,s=2,g=8,causal=true)").output().toString());
    // a kernel of 5 does not fit 3 positions unpadded; causal padding makes it fit
    ShapeException e = assertThrows(ShapeException.class,
        () -> new Layer.Conv1d(4, 5, 1, 0, 1, 1, true, false).outputShape(Shape.sequence(3, 8)));
    assertEquals(ShapeException.Reason.WINDOW_DOES_NOT_FIT, e.reason());
    assertEquals("kernel 5 is longer than the input 3x8", e.problem());
    assertEquals("3x4", new Layer.Conv1d(4, 5, 1, 0, 1, 1, true, true).outputShape(Shape.sequence(3, 8)).toString());
  }
}
