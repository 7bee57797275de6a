package io.github.toenergy.examples.kotlin

import io.github.toenergy.annotations.UpsampleMode
import io.github.toenergy.model.Network

/**
 * Networks built with the runtime's builder DSL from Kotlin: options go in trailing lambdas
 * (`conv2d(64) { it.kernel(3).padding(1) }`), and since the runtime is JSpecify `@NullMarked`,
 * Kotlin sees `Network`, not `Network!`.
 */
object DslNetworks {
    /** LeNet-5 on 28 x 28 MNIST digits, padded to the original 32 x 32 by the first convolution. */
    val lenet: Network = Network.builder("kotlin-lenet")
        .input(1, 28, 28)
        .conv2d(6) { it.kernel(5).padding(2) }.tanh()
        .avgPool2d(2)
        .conv2d(16, 5).tanh()
        .avgPool2d(2)
        .flatten()
        .dense(120).tanh()
        .dense(84).tanh()
        .dense(10).softmax()
        .build()

    /** A ResNet-style stage: a stride-2 block whose shortcut is projected, then an identity block. */
    val resnetStage: Network = Network.builder("kotlin-resnet-stage")
        .input(64, 56, 56)
        .residual(
            { body ->
                body.conv2d(128) { it.kernel(3).stride(2).padding(1).bias(false) }.batchNorm().relu()
                    .conv2d(128) { it.kernel(3).padding(1).bias(false) }.batchNorm()
            },
            { shortcut -> shortcut.conv2d(128) { it.kernel(1).stride(2).bias(false) }.batchNorm() },
        )
        .relu()
        .residual { body ->
            body.conv2d(128) { it.kernel(3).padding(1).bias(false) }.batchNorm().relu()
                .conv2d(128) { it.kernel(3).padding(1).bias(false) }.batchNorm()
        }
        .relu()
        .build()

    /** [FactorisedStem] through the DSL: sizes as (height, width) pairs, `ceil()`, `convTranspose2d`, `upsample`. */
    val factorisedStem: Network = Network.builder("kotlin-factorised-stem")
        .input(3, 224, 224)
        .conv2d(64) { it.kernel(7).stride(2).padding(3).bias(false) }.batchNorm().relu()
        .maxPool2d(3) { it.stride(2).ceil() }
        .conv2d(64) { it.kernel(1, 7).padding(0, 3) }.relu()
        .conv2d(64) { it.kernel(7, 1).padding(3, 0) }.relu()
        .convTranspose2d(32, 2, 2)
        .upsample(2, UpsampleMode.BILINEAR)
        .adaptiveAvgPool2d(6, 7)
        .build()
}
