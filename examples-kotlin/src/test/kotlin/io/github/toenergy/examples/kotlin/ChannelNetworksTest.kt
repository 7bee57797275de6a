package io.github.toenergy.examples.kotlin

import io.github.toenergy.annotations.Phase
import io.github.toenergy.cost.NetworkCost
import io.github.toenergy.model.Network
import io.github.toenergy.model.Shape
import kotlin.test.Test
import kotlin.test.assertEquals

class ChannelNetworksTest {
    private fun cost(network: Network) = NetworkCost.of(network, Phase.INFERENCE)

    /*
     * The convolved half, 58 channels at 28 x 28 (784 positions): 1x1 58*58 = 3,364, depthwise
     * 58*9 = 522, 1x1 3,364, three batch norms 3 * 116: 7,598 parameters; MACs 784 * (3,364 + 522
     * + 3,364) = 5,684,000. PyTorch gives the same for torchvision's InvertedResidual(116, 116, 1).
     */
    @Test
    fun shuffleUnitCountsAsPyTorch() {
        assertEquals(7_598L, cost(ChannelNetworks.shuffleUnit).parameters())
        assertEquals(5_684_000L, cost(ChannelNetworks.shuffleUnit).macs(1))
        assertEquals(Shape.of(116, 28, 28), ChannelNetworks.shuffleUnit.output())
        assertEquals(
            "input(116,28,28) concat(chunk(2,0) | chunk(2,1) conv2d(58,k=1,bias=false) batchnorm relu " +
                "conv2d(58,k=3,p=1,g=58,bias=false) batchnorm conv2d(58,k=1,bias=false) batchnorm relu) shuffle(2)",
            ChannelNetworks.shuffleUnit.toNotation(),
        )
    }

    /*
     * torchvision's MBConv(6, k=5, s=1, 40 -> 40) with SqueezeExcitation(240, 10): expand 9,600 + 480,
     * depthwise 240*25 = 6,000 + 480, SE 2,410 + 2,640, project 9,600 + 80 = 31,290 parameters; then
     * a layer scale of 40. MACs at 784 positions: 7,526,400 + 4,704,000 + 4,800 + 7,526,400 = 19,761,600.
     */
    @Test
    fun mbConvCountsAsPyTorch() {
        assertEquals(31_290L + 40, cost(ChannelNetworks.mbConv).parameters())
        assertEquals(19_761_600L, cost(ChannelNetworks.mbConv).macs(1))
    }

    /*
     * DenseShuffleNet on 64 x 16 x 16 (256 positions):
     *   dense layer: bn 128, 1x1 64->128 = 8,192, bn 256, 3x3 128->32 = 36,864: 45,440 parameters;
     *     MACs 256 * (8,192 + 36,864) = 11,534,336; output 96 channels
     *   shuffle unit on 48 of them: 2,304 + 432 + 2,304 = 5,040 parameters, 256 * 5,040 = 1,290,240 MACs
     *   squeeze-excitation 96 -> 24 -> 96: 2,328 + 2,400 = 4,728 parameters, 4,608 MACs
     *   layer scale: 96 parameters
     */
    @Test
    fun annotatedChannelBlocksAreReadByKapt() {
        assertEquals(
            "input(64,16,16) concat( | batchnorm relu conv2d(128,k=1,bias=false) batchnorm relu " +
                "conv2d(32,k=3,p=1,bias=false)) concat(chunk(2,0) | chunk(2,1) conv2d(48,k=1,bias=false) relu " +
                "conv2d(48,k=3,p=1,g=48,bias=false) conv2d(48,k=1,bias=false) relu) shuffle(2) " +
                "gate(adaptiveavgpool(1) conv2d(24,k=1) relu conv2d(96,k=1) sigmoid) scale",
            DenseShuffleNetEnergy.NOTATION,
        )
        assertEquals(45_440L + 5_040 + 4_728 + 96, DenseShuffleNetEnergy.PARAMETERS)
        assertEquals(11_534_336L + 1_290_240 + 4_608, DenseShuffleNetEnergy.TOTAL_MACS)
    }
}
