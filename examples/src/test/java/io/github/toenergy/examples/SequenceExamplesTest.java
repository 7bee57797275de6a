package io.github.toenergy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.model.Network;
import org.junit.jupiter.api.Test;

/**
 * The sequence examples' generated constants against hand counts; the parameters also against
 * PyTorch (scripts/recurrent-parameters.py prints them).
 */
class SequenceExamplesTest {

  /*
   * input(35,128) lstm(256,layers=2) dense(10000):
   *   lstm layer 1: 4*256 x (128 + 256) = 393,216 weights + 2 x 1,024 biases = 395,264
   *   lstm layer 2: 4*256 x (256 + 256) = 524,288 weights + 2,048            = 526,336   (nn.LSTM: 921,600)
   *   dense: 256 x 10,000 + 10,000                                           = 2,570,000
   *   MACs: 35 steps x (393,216 + 524,288) = 32,112,640; dense 35 x 2,560,000 = 89,600,000
   */
  @Test
  void wordLanguageModel() {
    assertEquals(3_491_600L, WordLanguageModelEnergy.PARAMETERS);
    assertEquals(32_112_640L + 89_600_000L, WordLanguageModelEnergy.TOTAL_MACS);
    assertEquals("35x10000", WordLanguageModelEnergy.network().output().toString());
  }

  /*
   * input(200,80) conv1d(256,k=5,p=2) relu conv1d(256,k=3,s=2,p=1) dense(29), as torch.nn.Conv1d counts:
   *   conv1: length (200 + 4 - 5) / 1 + 1 = 200; 256 x 80 x 5 weights + 256 biases = 102,656;
   *          MACs 200 x 256 x 400 = 20,480,000
   *   conv2: length floor((200 + 2 - 3) / 2) + 1 = 100; 256 x 256 x 3 + 256 = 196,864;
   *          MACs 100 x 256 x 768 = 19,660,800
   *   dense: 256 x 29 + 29 = 7,453 at each of 100 frames: MACs 100 x 7,424 = 742,400
   */
  @Test
  void speechFrontEnd() {
    assertEquals(102_656L + 196_864L + 7_453L, SpeechFrontEndEnergy.PARAMETERS);
    assertEquals(20_480_000L + 19_660_800L + 742_400L, SpeechFrontEndEnergy.TOTAL_MACS);
    assertEquals("100x29", SpeechFrontEndEnergy.network().output().toString());
  }

  /*
   * input(1,161,100) conv2d(32,k=(41,11),s=2,p=(20,5)) batchnorm hardtanh columns lstm(256,bidirectional=true)
   * dense(29), as torch counts it (scripts/torch-deepspeech2-check.py's pattern):
   *   conv: height (161 + 40 - 41) / 2 + 1 = 81, width floor((100 + 10 - 11) / 2) + 1 = 50; 32 x 41 x 11 + 32
   *         = 14,464 parameters; MACs 32 x 81 x 50 outputs x 451 = 58,449,600; batch norm 64
   *   columns: 50 steps of 32 x 81 = 2,592 features
   *   lstm: per direction 4 x 256 x (2,592 + 256) + 2 x 1,024 = 2,918,400, both 5,836,800;
   *         MACs 2 x 50 x 1,024 x 2,848 = 291,635,200
   *   dense: 512 x 29 + 29 = 14,877; MACs 50 x 14,848 = 742,400
   */
  @Test
  void spectrogramEncoder() {
    assertEquals(14_464L + 64L + 5_836_800L + 14_877L, SpectrogramEncoderEnergy.PARAMETERS);
    assertEquals(58_449_600L + 291_635_200L + 742_400L, SpectrogramEncoderEnergy.TOTAL_MACS);
    assertEquals("50x29", SpectrogramEncoderEnergy.network().output().toString());
  }

  /*
   * input(1024,512) mamba2(heads=16,headdim=64,state=64) moe(experts=8,top=2,hidden=1024,shared=1):
   *   mamba2: I = 1,024, B and C 2 x 64, conv channels 1,152, in_proj 512 x (2,048 + 128 + 16) = 1,122,304,
   *     conv 1,152 x 4 + 1,152 = 5,760, dt_bias + A_log + D 48, norm 1,024, out_proj 524,288: 1,653,424
   *   moe: an expert 3 x 512 x 1,024 = 1,572,864, router 512 x 8 = 4,096:
   *     total 4,096 + 9 experts = 14,159,872; active 4,096 + 3 experts = 4,722,688
   *   moe MACs: 1,024 tokens x 4,722,688 (router and 3 experts, one MAC per active weight)
   */
  @Test
  void hybridBlockCountsTotalAndActiveParametersApart() {
    assertEquals(1_653_424L + 14_159_872L, HybridBlockEnergy.PARAMETERS);
    assertEquals(1_653_424L + 4_722_688L, HybridBlockEnergy.ACTIVE_PARAMETERS);
    NetworkCost cost = NetworkCost.of(HybridBlockEnergy.network(), Phase.INFERENCE);
    assertEquals(1_024L * 4_722_688L, cost.layers().get(1).macs(1));
    assertEquals(HybridBlockEnergy.TOTAL_MACS, cost.macs(1));
    assertEquals(Network.parse("input(1024,512) mamba2(heads=16,headdim=64,state=64)"
        + " moe(experts=8,top=2,hidden=1024,shared=1)").withName("hybrid-block"), HybridBlockEnergy.network());
  }
}
