package io.github.toenergy.examples.kotlin

import io.github.toenergy.annotations.Activation
import io.github.toenergy.annotations.ActivationFunction.RELU
import io.github.toenergy.annotations.AdaptiveAvgPool2d
import io.github.toenergy.annotations.BatchNorm
import io.github.toenergy.annotations.Conv2d
import io.github.toenergy.annotations.ConvTranspose2d
import io.github.toenergy.annotations.MaxPool2d
import io.github.toenergy.annotations.Network
import io.github.toenergy.annotations.Upsample
import io.github.toenergy.annotations.UpsampleMode

/**
 * Issue 11's geometry declared in Kotlin: a GoogLeNet-style stem whose pool rounds up
 * (`ceil = true`), an Inception-style factorised 7 x 7 (a square size stays a number, `kernel = 7`;
 * a non-square one is its array, `kernelSize = [1, 7]`), then a transposed convolution, a bilinear
 * upsampling and adaptive pooling to a 6 x 7 grid.
 */
@Network(input = [3, 224, 224], name = "kotlin-factorised-stem")
class FactorisedStem {
    @Conv2d(filters = 64, kernel = 7, stride = 2, padding = 3, bias = false) val conv1: Any? = null
    @BatchNorm val bn1: Any? = null
    @Activation(RELU) val relu1: Any? = null
    @MaxPool2d(kernel = 3, stride = 2, ceil = true) val pool1: Any? = null
    @Conv2d(filters = 64, kernelSize = [1, 7], paddingSize = [0, 3]) @Activation(RELU) val row: Any? = null
    @Conv2d(filters = 64, kernelSize = [7, 1], paddingSize = [3, 0]) @Activation(RELU) val column: Any? = null
    @ConvTranspose2d(filters = 32, kernel = 2, stride = 2) val up: Any? = null
    @Upsample(factor = 2, mode = UpsampleMode.BILINEAR) val bilinear: Any? = null
    @AdaptiveAvgPool2d(outputSize = [6, 7]) val grid: Any? = null
}
