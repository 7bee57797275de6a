package io.github.toenergy.examples.kotlin

import io.github.toenergy.annotations.ActivationFunction.SILU
import io.github.toenergy.model.Network

/**
 * Concatenated branches, channel split and shuffle, gates and layer scale from Kotlin: each branch
 * or gate body is a trailing lambda that receives the block, and an empty lambda is an identity
 * branch.
 */
object ChannelNetworks {
    /** A ShuffleNetV2 unit of stride 1 on 116 channels: half passes, half is convolved, then shuffled. */
    val shuffleUnit: Network = Network.builder("kotlin-shuffle-unit")
        .input(116, 28, 28)
        .concat(
            { it.chunk(2, 0) },
            {
                it.chunk(2, 1)
                    .conv2d(58) { c -> c.kernel(1).bias(false) }.batchNorm().relu()
                    .conv2d(58) { c -> c.kernel(3).padding(1).groups(58).bias(false) }.batchNorm()
                    .conv2d(58) { c -> c.kernel(1).bias(false) }.batchNorm().relu()
            },
        )
        .channelShuffle(2)
        .build()

    /**
     * An EfficientNet MBConv block (expansion 6, 5 x 5, 40 channels) with squeeze-excitation to
     * 40 / 4 = 10 channels, inside a residual block, and a ConvNeXt-style layer scale after it.
     */
    val mbConv: Network = Network.builder("kotlin-mbconv")
        .input(40, 28, 28)
        .residual { body ->
            body.conv2d(240) { it.kernel(1).bias(false) }.batchNorm().activation(SILU)
                .conv2d(240) { it.kernel(5).padding(2).groups(240).bias(false) }.batchNorm().activation(SILU)
                .gate { se -> se.globalAvgPool().conv2d(10, 1).activation(SILU).conv2d(240, 1).sigmoid() }
                .conv2d(40) { it.kernel(1).bias(false) }.batchNorm()
        }
        .layerScale()
        .build()
}
