package io.github.toenergy.examples.kotlin

import io.github.toenergy.model.Network
import kotlin.test.Test
import kotlin.test.assertEquals

/** `ResNet18Energy`: block parameters and `@Repeat` read from Kotlin through kapt. */
class ResNet18Test {
    /** torchvision resnet18: 11,689,512 parameters, 1.81 GFLOPS; 1,814,073,344 MACs (its model documentation). */
    @Test
    fun generatedConstantsAreThePublishedCounts() {
        assertEquals(1_814_073_344L, ResNet18Energy.TOTAL_MACS)
        assertEquals(11_689_512L, ResNet18Energy.PARAMETERS)
    }

    /** The same network as the DSL's, written back with its repeat. */
    @Test
    fun theAnnotationsGiveTheDslNetwork() {
        assertEquals(DslNetworks.resnet18.withName("kotlin-resnet18"), ResNet18Energy.network())
        assertEquals(ResNet18Energy.network(), Network.parse("kotlin-resnet18", ResNet18Energy.NOTATION))
    }
}
