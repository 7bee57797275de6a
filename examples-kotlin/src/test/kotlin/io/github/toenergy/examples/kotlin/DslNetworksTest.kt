package io.github.toenergy.examples.kotlin

import io.github.toenergy.annotations.Phase
import io.github.toenergy.cost.NetworkCost
import io.github.toenergy.energy.Workload
import io.github.toenergy.model.Network
import io.github.toenergy.model.Shape
import io.github.toenergy.profile.Profiles
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertTrue

class DslNetworksTest {
    private fun cost(network: Network) = NetworkCost.of(network, Phase.INFERENCE)

    /*
     * LeNet-5 with the 28 x 28 input padded by 2 (= the original 32 x 32):
     *   conv 6 x 28 x 28 x (1*5*5)   = 117,600    params 6*25 + 6      = 156
     *   conv 16 x 10 x 10 x (6*5*5)  = 240,000    params 16*150 + 16   = 2,416
     *   dense 400 x 120              =  48,000    params 48,000 + 120  = 48,120
     *   dense 120 x 84               =  10,080    params 10,080 + 84   = 10,164
     *   dense 84 x 10                =     840    params 840 + 10      = 850
     *   total                          416,520                           61,706
     */
    @Test
    fun lenetHasThePublishedCounts() {
        assertEquals(416_520L, cost(DslNetworks.lenet).macs(1))
        assertEquals(61_706L, cost(DslNetworks.lenet).parameters())
        assertEquals(Shape.flat(10), DslNetworks.lenet.output())
    }

    /*
     * Stage 2 of ResNet-18 (torchvision's layer2) on a 64 x 56 x 56 input, output 128 x 28 x 28
     * (784 positions):
     *   conv 3x3 s2 64->128:   784 * 128 * 576  = 57,802,752    params 73,728
     *   conv 3x3 128->128:     784 * 128 * 1152 = 115,605,504   params 147,456   (three of them)
     *   shortcut 1x1 s2:       784 * 128 * 64   = 6,422,528     params 8,192
     *   five batch norms: 5 * 2 * 128 = 1,280 params
     *   MACs 57,802,752 + 3 * 115,605,504 + 6,422,528 = 411,041,792
     *   params 73,728 + 3 * 147,456 + 8,192 + 1,280 = 525,568 (torchvision's layer2)
     */
    @Test
    fun residualStageHasTheCountsOfResNet18Layer2() {
        assertEquals(411_041_792L, cost(DslNetworks.resnetStage).macs(1))
        assertEquals(525_568L, cost(DslNetworks.resnetStage).parameters())
        assertEquals(Shape.of(128, 28, 28), DslNetworks.resnetStage.output())
    }

    @Test
    fun dslAndNotationBuildTheSameNetwork() {
        val parsed = Network.parse(
            "kotlin-lenet",
            "input(1,28,28) conv2d(6,k=5,p=2) tanh avgpool(2) conv2d(16,k=5) tanh avgpool(2) flatten " +
                "dense(120) tanh dense(84) tanh dense(10) softmax",
        )
        assertEquals(parsed, DslNetworks.lenet)
        assertEquals(DslNetworks.resnetStage, Network.parse("kotlin-resnet-stage", DslNetworks.resnetStage.toNotation()))
    }

    @Test
    fun aDslNetworkIsEstimatedOnEveryShippedProfile() {
        for (profile in Profiles.all()) {
            val estimate = profile.estimate(DslNetworks.lenet, Workload.inference(1))
            assertEquals(416_520L, estimate.macs())
            assertTrue(estimate.joules() >= 0.0 && estimate.low() <= estimate.joules() && estimate.joules() <= estimate.high())
        }
    }

    /*
     * The factorised stem, by hand (PyTorch agrees: scripts/torch-geometry-check.py):
     *   conv 7x7 s2 3->64:        64 x 112 x 112 x 147        = 118,013,952   params 9,408, batch norm 128
     *   maxpool 3 s2 ceil:        112 -> 56 (floor mode: 55)
     *   conv 1x7 and 7x1 64->64:  64 x 56 x 56 x 448, twice   = 179,830,784   params 2 x 28,736
     *   convtranspose 64->32 k2:  64 x 56 x 56 inputs x 32 x 4 = 25,690,112   params 8,224
     *   bilinear x2, 6 x 7 pooling: no MACs
     *   total                                                   323,534,848   params 75,232
     */
    @Test
    fun factorisedStemHasPyTorchsCountsAndMatchesItsAnnotatedTwin() {
        assertEquals(323_534_848L, cost(DslNetworks.factorisedStem).macs(1))
        assertEquals(75_232L, cost(DslNetworks.factorisedStem).parameters())
        assertEquals(Shape.of(32, 6, 7), DslNetworks.factorisedStem.output())
        assertEquals(FactorisedStemEnergy.network(), DslNetworks.factorisedStem)
        assertEquals(323_534_848L, FactorisedStemEnergy.TOTAL_MACS)
    }
}
