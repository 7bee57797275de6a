package io.github.toenergy.examples.kotlin

import io.github.toenergy.annotations.Activation
import io.github.toenergy.annotations.ActivationFunction.RELU
import io.github.toenergy.annotations.AdaptiveAvgPool2d
import io.github.toenergy.annotations.BatchNorm
import io.github.toenergy.annotations.Bind
import io.github.toenergy.annotations.Conv2d
import io.github.toenergy.annotations.Dense
import io.github.toenergy.annotations.Flatten
import io.github.toenergy.annotations.MaxPool2d
import io.github.toenergy.annotations.Network
import io.github.toenergy.annotations.Repeat
import io.github.toenergy.annotations.Residual
import io.github.toenergy.annotations.Shortcut

/**
 * ResNet-18 in Kotlin, as `torchvision.models.resnet18`: two block types serve the four stages,
 * their width a block parameter (`params`) that their convolutions read (`@Bind`) and each use
 * sets (`with`); `@Repeat(2)` puts stage 1's two blocks in one property.
 */
@Network(input = [3, 224, 224], name = "kotlin-resnet18")
class ResNet18 {
    @Conv2d(filters = 64, kernel = 7, stride = 2, padding = 3, bias = false) val conv1: Any? = null
    @BatchNorm val bn1: Any? = null
    @Activation(RELU) val relu: Any? = null
    @MaxPool2d(kernel = 3, stride = 2, padding = 1) val maxpool: Any? = null

    @Residual(after = RELU, with = ["width = 64"]) @Repeat(2) val layer1: BasicBlock? = null
    @Residual(after = RELU, with = ["width = 128"]) val layer2Block1: DownsampleBlock? = null
    @Residual(after = RELU, with = ["width = 128"]) val layer2Block2: BasicBlock? = null
    @Residual(after = RELU, with = ["width = 256"]) val layer3Block1: DownsampleBlock? = null
    @Residual(after = RELU, with = ["width = 256"]) val layer3Block2: BasicBlock? = null
    @Residual(after = RELU, with = ["width = 512"]) val layer4Block1: DownsampleBlock? = null
    @Residual(after = RELU, with = ["width = 512"]) val layer4Block2: BasicBlock? = null

    @AdaptiveAvgPool2d(output = 1) val avgpool: Any? = null
    @Flatten val flatten: Any? = null
    @Dense(units = 1000) val fc: Any? = null

    /** Two 3 x 3 convolutions of `width` filters, identity shortcut. */
    @Residual.Block(params = ["width"])
    class BasicBlock {
        @Conv2d(filters = 0, kernel = 3, padding = 1, bias = false) @Bind("filters = width") val conv1: Any? = null
        @BatchNorm val bn1: Any? = null
        @Activation(RELU) val relu: Any? = null
        @Conv2d(filters = 0, kernel = 3, padding = 1, bias = false) @Bind("filters = width") val conv2: Any? = null
        @BatchNorm val bn2: Any? = null
    }

    /** Widens to `width` channels at stride 2, projection shortcut. */
    @Residual.Block(params = ["width"])
    class DownsampleBlock {
        @Conv2d(filters = 0, kernel = 3, stride = 2, padding = 1, bias = false) @Bind("filters = width")
        val conv1: Any? = null
        @BatchNorm val bn1: Any? = null
        @Activation(RELU) val relu: Any? = null
        @Conv2d(filters = 0, kernel = 3, padding = 1, bias = false) @Bind("filters = width") val conv2: Any? = null
        @BatchNorm val bn2: Any? = null
        @Shortcut @Conv2d(filters = 0, kernel = 1, stride = 2, bias = false) @Bind("filters = width")
        val downsample: Any? = null
        @Shortcut @BatchNorm val downsampleBn: Any? = null
    }
}
