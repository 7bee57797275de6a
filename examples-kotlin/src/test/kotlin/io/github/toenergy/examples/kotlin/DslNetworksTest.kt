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

    /*
     * nn.GRU(161, 320, num_layers=2, bidirectional=True) (torch: 2,774,400):
     *   layer 1, per direction: 960 x (161 + 320) + 2 x 960 = 463,680
     *   layer 2, per direction: 960 x (640 + 320) + 1,920   = 923,520
     *   both directions: 2 x 1,387,200 = 2,774,400; dense 640 x 29 + 29 = 18,589
     *   MACs: 100 frames x 2 directions x 960 x (481 + 960) = 276,672,000; dense 100 x 18,560 = 1,856,000
     */
    /*
     * conv1d(256,k=5,p=2) on 200 x 80: 256 x 80 x 5 + 256 = 102,656 parameters, 200 x 256 x 400 MACs;
     * conv1d(256,k=3,s=2,p=1): length 100, 256 x 256 x 3 + 256 = 196,864, 100 x 256 x 768 MACs;
     * dense(29): 7,453 parameters, 100 x 256 x 29 MACs (torch.nn.Conv1d and Linear count the same)
     */
    @Test
    fun speechFrontEndConvolvesOverTime() {
        assertEquals(102_656L + 196_864L + 7_453L, cost(DslNetworks.speechFrontEnd).parameters())
        assertEquals(20_480_000L + 19_660_800L + 742_400L, cost(DslNetworks.speechFrontEnd).macs(1))
        assertEquals(Shape.sequence(100, 29), DslNetworks.speechFrontEnd.output())
    }

    /*
     * The same network as the Java SpectrogramEncoder (SequenceExamplesTest derives it): conv 14,464 + batch
     * norm 64 + bidirectional LSTM(2,592 -> 256) 5,836,800 + dense 14,877 parameters; MACs 58,449,600 +
     * 291,635,200 + 742,400
     */
    @Test
    fun spectrogramEncoderTurnsColumnsIntoSteps() {
        assertEquals(14_464L + 64L + 5_836_800L + 14_877L, cost(DslNetworks.spectrogramEncoder).parameters())
        assertEquals(58_449_600L + 291_635_200L + 742_400L, cost(DslNetworks.spectrogramEncoder).macs(1))
        assertEquals(Shape.sequence(50, 29), DslNetworks.spectrogramEncoder.output())
    }

    @Test
    fun speechGruHasPyTorchsParameters() {
        assertEquals(2_774_400L + 18_589L, cost(DslNetworks.speechGru).parameters())
        assertEquals(276_672_000L + 1_856_000L, cost(DslNetworks.speechGru).macs(1))
        assertEquals(Shape.sequence(100, 29), DslNetworks.speechGru.output())
    }

    /*
     * mamba2 on 256 (torch: 417,136): I = 512 = 16 heads of 32, B and C 2 x 2 x 16 = 64, conv channels 576;
     *   in_proj 256 x (1,024 + 64 + 16) = 282,624, conv 576 x 4 + 576 = 2,880, 3 x 16 = 48, norm 512,
     *   out_proj 131,072
     * moe (torch: 1,052,676 and 263,940): an expert 2 x 256 x 512 + 512 + 256 = 262,912, router 1,024 + 4;
     *   total 1,028 + 4 experts, active 1,028 + 1 expert
     */
    @Test
    fun hybridCountsTotalAndActiveParameters() {
        assertEquals(417_136L + 1_052_676L, cost(DslNetworks.hybrid).parameters())
        assertEquals(417_136L + 263_940L, cost(DslNetworks.hybrid).activeParameters())
        assertEquals(Network.parse("input(64,256) mamba2(expand=2,headdim=32,state=16,groups=2)"
            + " moe(experts=4,top=1,hidden=512,act=gelu,gated=false,bias=true)").withName("kotlin-hybrid"),
            DslNetworks.hybrid)
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

    /** torchvision resnet18: 11,689,512 parameters, 1.81 GFLOPS; 1,814,073,344 MACs (its model documentation). */
    @Test
    fun resnet18WithRepeatHasThePublishedCounts() {
        assertEquals(1_814_073_344L, cost(DslNetworks.resnet18).macs(1))
        assertEquals(11_689_512L, cost(DslNetworks.resnet18).parameters())
        assertTrue(DslNetworks.resnet18.toNotation().contains(" repeat(2, residual("))
        assertEquals(DslNetworks.resnet18, Network.parse("kotlin-dsl-resnet18", DslNetworks.resnet18.toNotation()))
    }

    /*
     * gpt2: 124,439,808 parameters as published (wte 50257 x 768 = 38,597,376, wpe 1024 x 768 =
     * 786,432, 12 blocks of 7,087,872, ln_f 1,536; the head is wte). MACs on 1024 tokens: per token
     * 12 x (4 x 768^2 + 2 x 768 x 3072) + 768 x 50257 = 123,532,032, times 1024 = 126,496,800,768, plus
     * QK^T and AV 12 x 2 x 1024^2 x 768 = 19,327,352,832.
     */
    @Test
    fun gpt2HasThePublishedParameters() {
        assertEquals(124_439_808L, cost(DslNetworks.gpt2).parameters())
        assertEquals(126_496_800_768L + 19_327_352_832L, cost(DslNetworks.gpt2).macs(1))
        assertEquals(Shape.sequence(1024, 50257), DslNetworks.gpt2.output())
        assertEquals(DslNetworks.gpt2, Network.parse("kotlin-gpt2", DslNetworks.gpt2.toNotation()))
    }

    /*
     * Llama-3.2-1B: 1,235,814,400 parameters as published: embedding 128256 x 2048 = 262,668,288 (tied);
     * 16 layers of attention 2 x 2048^2 + 2 x 2048 x 512 = 10,485,760, SwiGLU 3 x 2048 x 8192 =
     * 50,331,648 and two RMS norms 4,096; the final norm 2,048.
     */
    @Test
    fun llama32With1BHasThePublishedParameters() {
        assertEquals(1_235_814_400L, cost(DslNetworks.llama32With1B).parameters())
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
