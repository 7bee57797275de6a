package io.github.toenergy.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.model.Format;
import io.github.toenergy.model.InvalidNetworkException;
import io.github.toenergy.model.Network;
import org.junit.jupiter.api.Test;

/** Prefill and decode counts of decoders, each number derived by hand in its comment. */
class GenerationCostTest {

  /*
   * A 2-layer decoder: D = 16, attention of 4 heads of dk = 4 with 2 key/value heads, no biases; a
   * gated MLP of 32 hidden features; vocabulary 100, the head tied to the table; fp32 (4 bytes).
   * Weights one position meets (its MACs): attention Q 16x16 + K 16x8 + V 16x8 + O 16x16 = 768, glu
   * 3 x 16 x 32 = 1,536, unembed 16 x 100 = 1,600: 2 x (768 + 1,536) + 1,600 = 6,208 per token.
   * Parameters read per step (the embedding is looked up, not read whole): five RMS norms 5 x 16 = 80,
   * 2 x 768 + 2 x 1,536 + 1,600 = 6,288.
   */
  static final Network TINY = Network.parse("tiny", "input(8) embedding(100,16) repeat(2, residual(rmsnorm "
      + "attention(4,kvheads=2,causal=true,bias=false)) residual(rmsnorm glu(32))) rmsnorm unembed(100)");

  @Test
  void decodeCountsEveryStepOverTheGrowingCache() {
    // prompt 8, 4 tokens: steps attend over 9, 10, 11, 12 positions = 42 keys per head (T P + T(T+1)/2
    // = 32 + 10); scores 4 heads x 42 = 168 per layer, QK^T and AV 2 x 168 x 4 = 1,344 MACs per layer
    NetworkCost decode = NetworkCost.generation(TINY, Phase.DECODE, 8, 4);
    assertEquals(4 * 6_208L + 2 * 1_344L, decode.macs(1)); // 27,520 per sequence
    assertEquals(3 * (4 * 6_208L + 2 * 1_344L), decode.macs(3)); // nothing per step: 3 sequences, 3 times
    // the cache: 2 x 2 kv heads x 4 = 16 values per position and layer; each layer reads 42 positions
    // and writes 4: 46 x 16 = 736 values, two layers 1,472, 5,888 bytes per sequence
    assertEquals(5_888L, decode.cacheBytes(1));
    assertEquals(3 * 5_888L, decode.cacheBytes(3));
    // weights once per step, shared by the batch: 4 steps x 6,288 x 4 bytes
    assertEquals(4 * 6_288L * 4, decode.weightBytes());
    // the table's 1,600 parameters are looked up by the embedding and read whole by the tied head, so the
    // parameters and the words read per step are the same sum
    assertEquals(6_288L, decode.parameters());
    assertEquals(4, decode.tokens());
    assertEquals(8, decode.prompt());
  }

  @Test
  void prefillIsAnInferenceOverThePromptThatWritesTheCache() {
    // the network's own input(8) does not matter: a prompt of 5 is counted; per position 6,208 MACs, and
    // QK^T and AV over the whole 5 x 5 scores (the dense product, as for inference): 2 x 4 x 25 x 4 = 800
    NetworkCost prefill = NetworkCost.generation(TINY, Phase.PREFILL, 5, 0);
    assertEquals(5 * 6_208L + 2 * 800L, prefill.macs(1));
    Network five = Network.parse("tiny", TINY.toNotation().replace("input(8)", "input(5)"));
    NetworkCost inference = NetworkCost.of(five, Phase.INFERENCE);
    assertEquals(inference.macs(2), prefill.macs(2));
    // writes 5 positions x 16 values x 2 layers = 160 values = 640 bytes of cache, priced as words moved to
    // main memory: the only TOs prefill adds to the inference
    assertEquals(640L, prefill.cacheBytes(1));
    ArithmeticModel cmos = ArithmeticModel.cmos();
    assertEquals(2 * 160 * cmos.tosPerWordMoved(ArithmeticModel.MemoryLevel.MAIN, Format.FP32),
        prefill.tos(cmos, 2) - inference.tos(cmos, 2));
  }

  @Test
  void decodeOfManyTokensIsTheSumOfItsSteps() {
    // exact, not an approximation: the T steps counted at once equal T single steps at growing prompts
    NetworkCost whole = NetworkCost.generation(TINY, Phase.DECODE, 8, 5);
    long macs = 0;
    long tos = 0;
    long cache = 0;
    long weights = 0;
    for (int i = 0; i < 5; i++) {
      NetworkCost step = NetworkCost.generation(TINY, Phase.DECODE, 8 + i, 1);
      macs += step.macs(2);
      tos += step.tos(ArithmeticModel.cmos(), 2);
      cache += step.cacheBytes(2);
      weights += step.weightBytes();
    }
    assertEquals(macs, whole.macs(2));
    assertEquals(tos, whole.tos(ArithmeticModel.cmos(), 2));
    assertEquals(cache, whole.cacheBytes(2));
    assertEquals(weights, whole.weightBytes());
  }

  @Test
  void slidingWindowAttentionReadsAtMostTheWindow() {
    // window 10, prompt 8, 4 steps: min(9,10) + 10 + 10 + 10 = 39 keys per head (the closed form: n = 1
    // step below the cap, 1 x 9 + 0 + 3 x 10); scores 4 x 39 = 156, QK^T and AV 2 x 156 x 4 = 1,248 MACs
    Network sliding = Network.parse("sliding", "input(8,16) attention(4,kvheads=2,causal=true,bias=false,sliding=10)");
    NetworkCost decode = NetworkCost.generation(sliding, Phase.DECODE, 8, 4);
    assertEquals(4 * 768L + 1_248L, decode.macs(1));
    // cache: 39 positions read + 4 written, 16 values each, fp32
    assertEquals((39 + 4) * 16 * 4L, decode.cacheBytes(1));
    // a prompt beyond the window: every step reads exactly 10
    assertEquals((4 * 10 + 4) * 16 * 4L, NetworkCost.generation(sliding, Phase.DECODE, 500, 4).cacheBytes(1));
  }

  /*
   * GPT-2 small (TransformerCostTest.GPT2): non-embedding parameters as Kaplan et al. (2020, Table 1)
   * count them, N = 2 d_model n_layer (2 d_attn + d_ff) = 2 x 768 x 12 x (1,536 + 3,072) = 84,934,656,
   * and C_forward = 2N + 2 n_layer n_ctx d_attn FLOPs per token: in MACs N + n_layer n_ctx d_model, the
   * second term their QK^T only. The count here adds what that formula leaves out: the tied head
   * 768 x 50,257 = 38,597,376 MACs per token, and A V, as large as QK^T.
   */
  @Test
  void gpt2DecodeIsKaplansForwardPlusTheHeadAndTheValueProduct() {
    Network gpt2 = Network.parse("gpt2", TransformerCostTest.GPT2);
    long n = 84_934_656L;
    long head = 38_597_376L;
    // one token after a prompt of 1,023: context 1,024; Kaplan's C_forward / 2 = N + 12 x 1,024 x 768
    long kaplan = n + 12L * 1_024 * 768;
    assertEquals(94_371_840L, kaplan);
    assertEquals(kaplan + head + 12L * 1_024 * 768, NetworkCost.generation(gpt2, Phase.DECODE, 1_023, 1).macs(1));
    // 28 tokens after 100: keys 28 x 100 + 28 x 29 / 2 = 3,206 per head; 12 layers x 2 x 3,206 x 768
    NetworkCost decode = NetworkCost.generation(gpt2, Phase.DECODE, 100, 28);
    assertEquals(28 * (n + head) + 12L * 2 * 3_206 * 768, decode.macs(1));
    assertEquals(3_517_989_888L, decode.macs(1));
    // key/value cache in bf16: 2 x 12 heads x 64 = 1,536 values per position and layer, 3,206 read and 28
    // written, 12 layers, 2 bytes
    NetworkCost bf16 = NetworkCost.generation(gpt2.withFormat(Format.BF16), Phase.DECODE, 100, 28);
    assertEquals(12L * 1_536 * (3_206 + 28) * 2, bf16.cacheBytes(1));
    // weights per step: the 124,439,808 parameters (the token table looked up, but read whole by the tied
    // head), except that the position table's 1,024 x 768 = 786,432 give one row of 768 per step
    assertEquals(28L * (124_439_808 - 786_432 + 768) * 2, bf16.weightBytes());
  }

  @Test
  void latentAttentionDecodesFromItsLatentCache() {
    // mla(2 heads, kvRank 4, nope 2, rope 2, vDim 3) on D = 8, one query projection: weights 8 x 2 x 4 = 64
    // (query), 8 x 6 = 48 (latent + rotary key), 4 x 2 x (2 + 3) = 40 (W_UK, W_UV), 2 x 3 x 8 = 48 (out):
    // 200 MACs per step; per cached key and head kvRank + rope (scores) + kvRank (values) = 10 MACs.
    // prompt 5, 2 tokens: keys 2 x 5 + 3 = 13, scores 26: 2 x 200 + 260 = 660
    Network mla = Network.parse("mla", "input(5,8) mla(2,kvrank=4,nope=2,rope=2,vdim=3,causal=true)");
    NetworkCost decode = NetworkCost.generation(mla, Phase.DECODE, 5, 2);
    assertEquals(660L, decode.macs(1));
    // the latent cache: kvRank + rope = 6 values per position, 13 read and 2 written, fp32
    assertEquals(15 * 6 * 4L, decode.cacheBytes(1));
    // prefill writes the prompt's 5 latents
    assertEquals(5 * 6 * 4L, NetworkCost.generation(mla, Phase.PREFILL, 5, 0).cacheBytes(1));
    // FP8 weights: the latents stay in bf16, 2 bytes
    assertEquals(15 * 6 * 2L, NetworkCost.generation(mla.withFormat(Format.FP8), Phase.DECODE, 5, 2).cacheBytes(1));
  }

  @Test
  void mamba2DecodesFromAStateThatDoesNotGrow() {
    // mamba2 on D = 8, expand 2: inner I = 16, 4 heads of 4, state N = 4, one group; conv over I + 2N = 24
    // channels, kernel 4. Per token: in_proj 8 x (2 x 16 + 8 + 4) = 352, conv 24 x 4 = 96, the state's
    // (dt x) B^T 16 x 4 = 64 and C . state 64, out_proj 16 x 8 = 128: 704 MACs.
    Network mamba = Network.parse("mamba", "input(4,8) mamba2(state=4,headdim=4)");
    assertEquals(3 * 704L, NetworkCost.generation(mamba, Phase.DECODE, 10, 3).macs(1));
    // cache per token: the state read and written 2 x 16 x 4 = 128, the conv's 3 inputs read and one
    // written 4 x 24 = 96: 224 values, whatever the context
    assertEquals(3 * 224 * 4L, NetworkCost.generation(mamba, Phase.DECODE, 10, 3).cacheBytes(1));
    assertEquals(3 * 224 * 4L, NetworkCost.generation(mamba, Phase.DECODE, 100_000, 3).cacheBytes(1));
    // prefill writes the final state 64 and the conv's last 3 inputs 72
    assertEquals((64 + 72) * 4L, NetworkCost.generation(mamba, Phase.PREFILL, 10, 0).cacheBytes(1));
    // MXFP4 weights: the state stays in bf16, 2 bytes
    assertEquals(3 * 224 * 2L, NetworkCost.generation(mamba.withFormat(Format.MXFP4), Phase.DECODE, 10, 3).cacheBytes(1));
  }

  @Test
  void fp8AndMxfp4WeightsKeepTheCacheInBf16() {
    // the tiny decoder, prompt 8, 4 tokens: 1,472 cache values per sequence (decodeCountsEveryStep...),
    // 4 steps x 6,288 weight values, no activations counted beyond the cache
    NetworkCost bf16 = NetworkCost.generation(TINY.withFormat(Format.BF16), Phase.DECODE, 8, 4);
    NetworkCost fp8 = NetworkCost.generation(TINY.withFormat(Format.FP8), Phase.DECODE, 8, 4);
    NetworkCost mxfp4 = NetworkCost.generation(TINY.withFormat(Format.MXFP4), Phase.DECODE, 8, 4);
    assertEquals(1_472 * 2L, bf16.cacheBytes(1));
    assertEquals(1_472 * 2L, fp8.cacheBytes(1)); // the same bytes as bf16
    assertEquals(1_472 * 2L, mxfp4.cacheBytes(1));
    assertEquals(4 * 6_288L * 2, bf16.weightBytes());
    assertEquals(4 * 6_288L, fp8.weightBytes()); // weights halve
    // the bytes moved carry the same cache: bf16 minus fp8 is the weights' half plus the activations' half
    long activationValues = bf16.bytes(1) / 2 - 4 * 6_288L - 1_472;
    assertEquals(4 * 6_288L + activationValues, bf16.bytes(1) - fp8.bytes(1));
  }

  @Test
  void aNetworkThatCannotDecodeIsRefusedNamingTheLayer() {
    InvalidNetworkException notCausal = assertThrows(InvalidNetworkException.class, () -> NetworkCost.generation(
        Network.parse("bert", "input(8,16) residual(layernorm attention(4))"), Phase.DECODE, 8, 1));
    assertEquals("layer 1 (attention(4)): cannot decode: attention that is not causal sees later positions; "
        + "a decoder's attention is causal=true", notCausal.getMessage());
    InvalidNetworkException image = assertThrows(InvalidNetworkException.class, () -> NetworkCost.generation(
        Network.parse("lenet", "input(1,28,28) conv2d(6,k=5) flatten dense(10)"), Phase.PREFILL, 8, 0));
    assertTrue(image.getMessage().startsWith("prefill needs a sequence: input(L,D), or token ids input(L) followed by "
        + "an embedding, but lenet takes 1x28x28"), image.getMessage());
    InvalidNetworkException mlp = assertThrows(InvalidNetworkException.class, () -> NetworkCost.generation(
        Network.parse("mlp", "input(8,16) dense(16) relu"), Phase.DECODE, 8, 1));
    assertTrue(mlp.getMessage().contains("has no causal attention, Mamba-2 or recurrent layer to decode"),
        mlp.getMessage());
    InvalidNetworkException both = assertThrows(InvalidNetworkException.class, () -> NetworkCost.generation(
        Network.parse("rnn", "input(8,16) lstm(16,bidirectional=true)"), Phase.DECODE, 8, 1));
    assertTrue(both.getMessage().contains("bidirectional"), both.getMessage());
    assertThrows(IllegalArgumentException.class, () -> NetworkCost.generation(TINY, Phase.DECODE, 8, 0));
    assertThrows(IllegalArgumentException.class, () -> NetworkCost.generation(TINY, Phase.INFERENCE, 8, 1));
  }
}
