package io.github.toenergy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.ArithmeticModel;
import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.examples.djl.DjlLeNetEnergy;
import io.github.toenergy.model.Network;
import org.junit.jupiter.api.Test;

/**
 * The generated constants of every example against figures published independently of
 * toenergy: torchvision's model documentation (parameters; GFLOPS, which torchvision counts as
 * multiply-accumulates of convolution and linear layers) and hand counts.
 */
class PublishedCountsTest {

  /*
   * LeNet-5, 1 x 32 x 32 input, counted by hand (MACs = outputs x taps per output):
   *   C1 conv 6@5x5:   6 x 28 x 28 = 4,704 outputs x (1*25)  taps = 117,600   params 6*25 + 6      =    156
   *   S2 avgpool 2:    6 x 14 x 14, no MACs
   *   C3 conv 16@5x5:  16 x 10 x 10 = 1,600 outputs x (6*25) taps = 240,000   params 16*150 + 16   =  2,416
   *   S4 avgpool 2:    16 x 5 x 5 = 400 features
   *   C5 dense 120:    400 x 120                                  =  48,000   params 48,000 + 120  = 48,120
   *   F6 dense 84:     120 x 84                                   =  10,080   params 10,080 + 84   = 10,164
   *   output dense 10: 84 x 10                                    =     840   params 840 + 10      =    850
   *   total                                                         416,520                          61,706
   */
  @Test
  void lenet5() {
    assertEquals(416_520L, LeNet5Energy.TOTAL_MACS);
    assertEquals(61_706L, LeNet5Energy.PARAMETERS);
  }

  /** DJL's LeNet pads 28 x 28 by 2, which is LeNet-5's 32 x 32: the same counts. */
  @Test
  void djlLeNet() {
    assertEquals(416_520L, DjlLeNetEnergy.TOTAL_MACS);
    assertEquals(61_706L, DjlLeNetEnergy.PARAMETERS);
  }

  /*
   * input(784) dense(128) relu dense(10) softmax:
   *   MACs 784*128 + 128*10 = 100,352 + 1,280 = 101,632
   *   parameters (100,352 + 128) + (1,280 + 10) = 101,770
   */
  @Test
  void mnistMlp() {
    assertEquals(101_632L, MnistMlpEnergy.TOTAL_MACS);
    assertEquals(101_770L, MnistMlpEnergy.PARAMETERS);
  }

  /** torchvision alexnet: 61,100,840 parameters, 0.71 GFLOPS; 714,188,480 MACs (conv + linear). */
  @Test
  void alexNet() {
    assertEquals(714_188_480L, AlexNetEnergy.TOTAL_MACS);
    assertEquals(61_100_840L, AlexNetEnergy.PARAMETERS);
  }

  /** torchvision vgg11: 132,863,336 parameters, 7.61 GFLOPS; 7,609,090,048 MACs. */
  @Test
  void vgg11() {
    assertEquals(7_609_090_048L, Vgg11Energy.TOTAL_MACS);
    assertEquals(132_863_336L, Vgg11Energy.PARAMETERS);
  }

  /** torchvision vgg16: 138,357,544 parameters, 15.47 GFLOPS; 15,470,264,320 MACs. */
  @Test
  void vgg16() {
    assertEquals(15_470_264_320L, Vgg16Energy.TOTAL_MACS);
    assertEquals(138_357_544L, Vgg16Energy.PARAMETERS);
  }

  /** torchvision resnet18: 11,689,512 parameters, 1.81 GFLOPS; 1,814,073,344 MACs. */
  @Test
  void resNet18() {
    assertEquals(1_814_073_344L, ResNet18Energy.TOTAL_MACS);
    assertEquals(11_689_512L, ResNet18Energy.PARAMETERS);
  }

  /** torchvision mobilenet_v2: 3,504,872 parameters, 0.30 GFLOPS; 300,774,272 MACs. */
  @Test
  void mobileNetV2() {
    assertEquals(300_774_272L, MobileNetV2Energy.TOTAL_MACS);
    assertEquals(3_504_872L, MobileNetV2Energy.PARAMETERS);
  }

  /**
   * The generated network, its notation and its TO constant agree with what the runtime counts
   * from the notation text: one counting core, used by the processor and at run time.
   */
  @Test
  void generatedConstantsAgreeWithTheRuntimeCountingTheNotation() {
    assertCounts(LeNet5Energy.network(), LeNet5Energy.NOTATION, LeNet5Energy.TOTAL_MACS, LeNet5Energy.TOTAL_TOS);
    assertCounts(ResNet18Energy.network(), ResNet18Energy.NOTATION, ResNet18Energy.TOTAL_MACS,
        ResNet18Energy.TOTAL_TOS);
    assertCounts(MobileNetV2Energy.network(), MobileNetV2Energy.NOTATION, MobileNetV2Energy.TOTAL_MACS,
        MobileNetV2Energy.TOTAL_TOS);
  }

  private static void assertCounts(Network generated, String notation, long macs, long tos) {
    Network parsed = Network.parse(generated.name(), notation);
    assertEquals(parsed, generated);
    NetworkCost cost = NetworkCost.of(parsed, Phase.INFERENCE);
    assertEquals(macs, cost.macs(1));
    assertEquals(tos, cost.tos(ArithmeticModel.cmos(), 1));
  }

  /**
   * Residual blocks: ResNet-18's stem, eight blocks (three with projection shortcuts), head. Stage
   * 1's two blocks are one {@code @Repeat(2)} field, written back as one {@code repeat(2, ...)}; the
   * cost table still has a row for each of the eight sums.
   */
  @Test
  void resNet18KeepsItsBlockStructure() {
    String n = ResNet18Energy.NOTATION;
    assertEquals(7, n.split("residual\\(", -1).length - 1);
    assertEquals(1, n.split("repeat\\(2, ", -1).length - 1);
    assertEquals(3, n.split(" \\| ", -1).length - 1);
    assertEquals("input(3,224,224) conv2d(64,k=7,s=2,p=3,bias=false) batchnorm relu maxpool(3,s=2,p=1) "
        + "repeat(2, residual(conv2d(64,k=3,p=1,bias=false) batchnorm relu conv2d(64,k=3,p=1,bias=false) batchnorm) relu)",
        n.substring(0, n.indexOf(") relu)") + ") relu)".length()));
    assertEquals(8, NetworkCost.of(ResNet18Energy.network(), Phase.INFERENCE).layers().stream()
        .filter(row -> row.name().endsWith("/add")).count());
  }

  /*
   * distilbert-base-uncased, 128 tokens. Parameters (DistilBertModel): word embeddings 30522 x 768 =
   * 23,440,896, positions 512 x 768 = 393,216, LayerNorm 1,536; six layers of 7,087,872 (attention 4 x
   * 768 x 768 + 4 x 768 = 2,362,368, MLP 768 x 3072 + 3072 + 3072 x 768 + 768 = 4,722,432, two LayerNorms
   * 3,072): 66,362,880, the model card's figure. MACs per layer: projections 4 x 128 x 768 x 768 =
   * 301,989,888, QK^T and AV 2 x 12 x 128 x 128 x 64 = 25,165,824, MLP 2 x 128 x 768 x 3072 = 603,979,776;
   * six layers 5,586,812,928 (the embeddings are lookups, no MACs).
   */
  @Test
  void distilBert() {
    assertEquals(5_586_812_928L, DistilBertEnergy.TOTAL_MACS);
    assertEquals(66_362_880L, DistilBertEnergy.PARAMETERS);
  }
}
