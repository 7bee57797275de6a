package io.github.toenergy.examples.kotlin

import io.github.toenergy.annotations.ActivationFunction.GELU
import io.github.toenergy.annotations.ActivationFunction
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

    /**
     * The recurrent part of a DeepSpeech2-like speech model: 100 frames of 161 spectrogram features,
     * two bidirectional GRU layers of 320 units, 29 characters at every frame.
     */
    /**
     * A speech front end on 200 frames of 80 mel features: 1-D convolutions over time (the second
     * halving the frame rate) and a per-frame classifier over 29 characters.
     */
    val speechFrontEnd: Network = Network.builder("kotlin-speech-front-end")
        .input(200, 80)
        .conv1d(256) { it.kernel(5).padding(2) }.relu()
        .conv1d(256) { it.kernel(3).stride(2).padding(1) }
        .dense(29)
        .build()

    /**
     * DeepSpeech2's shape on one second of audio (161 frequency bins by 100 frames): a strided convolution,
     * `columns` (each of the 50 time steps one position of 32 x 81 features), a bidirectional LSTM and
     * 29 characters per step; hardtanh is DeepSpeech2's clamp, Hardtanh(0, 20).
     */
    val spectrogramEncoder: Network = Network.builder("kotlin-spectrogram-encoder")
        .input(1, 161, 100)
        .conv2d(32) { it.kernel(41, 11).stride(2).padding(20, 5) }.batchNorm().hardtanh()
        .columns()
        .lstm(256) { it.bidirectional(true) }
        .dense(29)
        .build()

    val speechGru: Network = Network.builder("kotlin-speech-gru")
        .input(100, 161)
        .gru(320) { it.layers(2).bidirectional(true) }
        .dense(29)
        .build()

    /**
     * A small hybrid block on 64 tokens of width 256: a Mamba-2 mixer (expand 2, heads of 32, state
     * 16, 2 groups), then 4 GELU experts with biases, one per token.
     */
    val hybrid: Network = Network.builder("kotlin-hybrid")
        .input(64, 256)
        .mamba2 { it.expand(2).headDim(32).state(16).groups(2) }
        .mixtureOfExperts(4, 1, 512) { it.activation(ActivationFunction.GELU).gated(false).bias(true) }
        .build()

    /**
     * GPT-2 small (Hugging Face `gpt2`) on 1024 tokens: token and position embeddings, 12 pre-norm
     * blocks of causal attention (12 heads) and a GELU MLP, a final LayerNorm and the head tied to the
     * token embedding (`unembed`). The DSL's `repeat` writes the 12 blocks once; `attention`'s options go in
     * a lambda like `conv2d`'s.
     */
    val gpt2: Network = Network.builder("kotlin-gpt2")
        .input(1024)
        .embedding(50257, 768)
        .positionEmbedding(1024)
        .repeat(12) { layer ->
            layer.residual { block -> block.layerNorm().attention(12) { it.causal() } }
                .residual { block -> block.layerNorm().dense(3072).activation(GELU).dense(768) }
        }
        .layerNorm()
        .unembed(50257)
        .build()

    /**
     * Llama-3.2-1B (its config.json: hidden 2048, 16 layers, 32 heads of 64, 8 key/value heads, SwiGLU
     * of 8192, vocabulary 128256, tied embeddings) on 2048 tokens: grouped-query causal attention with
     * rotary embedding and no biases, RMS norms.
     */
    val llama32With1B: Network = Network.builder("kotlin-llama-3.2-1b")
        .input(2048)
        .embedding(128256, 2048)
        .repeat(16) { layer ->
            layer.residual { block -> block.rmsNorm().attention(32) { it.kvHeads(8).causal().rope().bias(false) } }
                .residual { block -> block.rmsNorm().glu(8192) }
        }
        .rmsNorm()
        .unembed(128256)
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

    /**
     * ResNet-18 with `repeat`: each stage is a block that may widen and halve the resolution, then
     * identity blocks, `repeat(n) { ... }` taking the layers of one repetition.
     */
    val resnet18: Network = Network.builder("kotlin-dsl-resnet18")
        .input(3, 224, 224)
        .conv2d(64) { it.kernel(7).stride(2).padding(3).bias(false) }.batchNorm().relu()
        .maxPool2d(3) { it.stride(2).padding(1) }
        .repeat(2) { stage -> stage.residual { basic(it, 64) }.relu() }
        .also { builder ->
            for (width in listOf(128, 256, 512)) {
                builder.residual(
                    { body ->
                        body.conv2d(width) { it.kernel(3).stride(2).padding(1).bias(false) }.batchNorm().relu()
                            .conv2d(width) { it.kernel(3).padding(1).bias(false) }.batchNorm()
                    },
                    { shortcut -> shortcut.conv2d(width) { it.kernel(1).stride(2).bias(false) }.batchNorm() },
                ).relu()
                    .residual { basic(it, width) }.relu()
            }
        }
        .globalAvgPool().flatten()
        .dense(1000)
        .build()

    private fun basic(body: io.github.toenergy.model.LayerSequence.Block, width: Int) {
        body.conv2d(width) { it.kernel(3).padding(1).bias(false) }.batchNorm().relu()
            .conv2d(width) { it.kernel(3).padding(1).bias(false) }.batchNorm()
    }
}
