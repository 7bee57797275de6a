package io.github.toenergy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.toenergy.model.Shape;
import org.junit.jupiter.api.Test;

/**
 * The examples of concatenated branches, channel split and shuffle, gates and layer scale against
 * PyTorch: parameters as torchvision publishes them or as {@code sum(p.numel())} gives them, and
 * MACs of convolutions and linear layers counted by forward hooks on the modules as torchvision
 * writes them (CPU PyTorch 2.13); each is also derived by hand below.
 */
class ChannelExamplesTest {

  /*
   * shufflenet_v2_x0_5: torchvision publishes num_params 1,366,792 and 0.04 GFLOPS; forward hooks
   * give 40,476,448 MACs. Its units are derived one by one in the runtime's ChannelBlocksTest.
   */
  @Test
  void shuffleNetV2() {
    assertEquals(1_366_792L, ShuffleNetV2Energy.PARAMETERS);
    assertEquals(40_476_448L, ShuffleNetV2Energy.TOTAL_MACS);
    assertEquals(Shape.flat(1000), ShuffleNetV2Energy.network().output());
  }

  /*
   * efficientnet_b0().features[2] on 16 x 112 x 112:
   *   block 1 (16 -> 24, stride 2): expand 1,536 + bn 192, depthwise 864 + bn 192, SE 388 + 480,
   *     project 2,304 + bn 48 = 6,004 parameters; MACs 19,267,584 + 2,709,504 + 768 + 7,225,344 = 29,203,200
   *   block 2 (24 -> 24 at 56 x 56 = 3,136 positions): expand 24*144 = 3,456 + bn 288, depthwise 144*9 = 1,296
   *     + bn 288, SE 144*6 + 6 = 870 and 6*144 + 144 = 1,008, project 3,456 + bn 48 = 10,710 parameters;
   *     MACs 3,136*144*24 = 10,838,016 + 3,136*144*9 = 4,064,256 + 864 + 864 + 10,838,016 = 25,742,016
   *   total 16,714 parameters, 54,945,216 MACs
   */
  @Test
  void efficientNetStage() {
    assertEquals(16_714L, EfficientNetStageEnergy.PARAMETERS);
    assertEquals(54_945_216L, EfficientNetStageEnergy.TOTAL_MACS);
    assertEquals(Shape.of(24, 56, 56), EfficientNetStageEnergy.network().output());
  }

  /*
   * CNBlock(96) on 96 x 56 x 56 (3,136 positions): depthwise 96*49 + 96 = 4,800, norm 192,
   * 96 -> 384: 36,864 + 384, 384 -> 96: 36,864 + 96, layer scale 96 = 79,296 parameters;
   * MACs 3,136*96*49 = 14,751,744 + 2 * 3,136*96*384 = 2 * 115,605,504: 245,962,752
   */
  @Test
  void convNeXtStyleBlock() {
    assertEquals(79_296L, ConvNeXtStyleBlockEnergy.PARAMETERS);
    assertEquals(245_962_752L, ConvNeXtStyleBlockEnergy.TOTAL_MACS);
  }
}
