package io.github.toenergy.examples.kotlin

import io.github.toenergy.annotations.Activation
import io.github.toenergy.annotations.ActivationFunction.RELU
import io.github.toenergy.annotations.ActivationFunction.SIGMOID
import io.github.toenergy.annotations.AdaptiveAvgPool2d
import io.github.toenergy.annotations.BatchNorm
import io.github.toenergy.annotations.ChannelShuffle
import io.github.toenergy.annotations.Chunk
import io.github.toenergy.annotations.Concat
import io.github.toenergy.annotations.Conv2d
import io.github.toenergy.annotations.Gate
import io.github.toenergy.annotations.LayerScale
import io.github.toenergy.annotations.Network

/**
 * A small network of the channel blocks declared in Kotlin: a DenseNet layer (`@Concat` of the
 * identity and 32 new channels), a ShuffleNet unit (`@Chunk` in each branch, `@ChannelShuffle`),
 * squeeze-excitation (`@Gate`) and `@LayerScale`. Branch types are listed as `[A::class, B::class]`.
 */
@Network(input = [64, 16, 16], name = "kotlin-dense-shuffle")
class DenseShuffleNet {
    @Concat(branches = [Identity::class, NewFeatures::class]) val dense: Any? = null
    @Concat(branches = [Left::class, Right::class]) val unit: Any? = null
    @ChannelShuffle(groups = 2) val shuffle: Any? = null
    @Gate val se: SqueezeExcitation? = null
    @LayerScale val gamma: Any? = null

    /** The identity: a branch without layers. */
    @Concat.Branch
    class Identity

    /** DenseNet's bottleneck: 4 x 32 channels, then 32 new ones. */
    @Concat.Branch
    class NewFeatures {
        @BatchNorm val norm1: Any? = null
        @Activation(RELU) val relu1: Any? = null
        @Conv2d(filters = 128, kernel = 1, bias = false) val conv1: Any? = null
        @BatchNorm val norm2: Any? = null
        @Activation(RELU) val relu2: Any? = null
        @Conv2d(filters = 32, kernel = 3, padding = 1, bias = false) val conv2: Any? = null
    }

    /** The half a ShuffleNet unit passes on. */
    @Concat.Branch
    class Left {
        @Chunk(chunks = 2, part = 0) val half: Any? = null
    }

    /** The half a ShuffleNet unit convolves (48 of the 96 channels). */
    @Concat.Branch
    class Right {
        @Chunk(chunks = 2, part = 1) val half: Any? = null
        @Conv2d(filters = 48, kernel = 1, bias = false) @Activation(RELU) val pointwise: Any? = null
        @Conv2d(filters = 48, kernel = 3, padding = 1, groups = 48, bias = false) val depthwise: Any? = null
        @Conv2d(filters = 48, kernel = 1, bias = false) @Activation(RELU) val project: Any? = null
    }

    /** Squeeze-excitation of 96 channels through 24. */
    @Gate.Block
    class SqueezeExcitation {
        @AdaptiveAvgPool2d val squeeze: Any? = null
        @Conv2d(filters = 24, kernel = 1) @Activation(RELU) val reduce: Any? = null
        @Conv2d(filters = 96, kernel = 1) @Activation(SIGMOID) val expand: Any? = null
    }
}
