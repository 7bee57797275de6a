package io.github.toenergy.examples.kotlin

import io.github.toenergy.annotations.Activation
import io.github.toenergy.annotations.ActivationFunction.RELU
import io.github.toenergy.annotations.ActivationFunction.SOFTMAX
import io.github.toenergy.annotations.BatchNorm
import io.github.toenergy.annotations.Conv2d
import io.github.toenergy.annotations.Dense
import io.github.toenergy.annotations.Dropout
import io.github.toenergy.annotations.Flatten
import io.github.toenergy.annotations.MaxPool2d
import io.github.toenergy.annotations.Network
import io.github.toenergy.annotations.Residual

/**
 * A small CIFAR-10 classifier declared in Kotlin. The annotations target TYPE, FIELD and METHOD
 * only, so on a `val` they land on its backing field without `@field:`; kapt hands the fields to
 * toenergy's processor in declaration order, and `CifarNetEnergy` is generated as for Java.
 */
@Network(input = [3, 32, 32], name = "kotlin-cifar")
class CifarNet {
    @Conv2d(filters = 32, kernel = 3, padding = 1) @Activation(RELU) val conv1: Any? = null
    @MaxPool2d(kernel = 2) val pool1: Any? = null
    @Residual(after = RELU) val block: Block? = null
    @Conv2d(filters = 64, kernel = 3, padding = 1) @Activation(RELU) val conv2: Any? = null
    @MaxPool2d(kernel = 2) val pool2: Any? = null
    @Flatten val flatten: Any? = null
    @Dense(units = 128) @Activation(RELU) val fc1: Any? = null
    @Dropout val dropout: Any? = null
    @Dense(units = 10) @Activation(SOFTMAX) val output: Any? = null

    /** A basic residual block at 32 x 16 x 16: two 3 x 3 convolutions, identity shortcut. */
    @Residual.Block
    class Block {
        @Conv2d(filters = 32, kernel = 3, padding = 1, bias = false) val conv1: Any? = null
        @BatchNorm val bn1: Any? = null
        @Activation(RELU) val relu: Any? = null
        @Conv2d(filters = 32, kernel = 3, padding = 1, bias = false) val conv2: Any? = null
        @BatchNorm val bn2: Any? = null
    }
}
