package io.github.toenergy.examples.djl;

import static io.github.toenergy.annotations.ActivationFunction.SIGMOID;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import io.github.toenergy.annotations.Activation;
import io.github.toenergy.annotations.AvgPool2d;
import io.github.toenergy.annotations.Conv2d;
import io.github.toenergy.annotations.Dense;
import io.github.toenergy.annotations.Flatten;
import io.github.toenergy.annotations.Network;

/**
 * A LeNet for 28 x 28 MNIST digits written with <a href="https://djl.ai">DJL</a>'s block API, as
 * a DJL user already has it; toenergy's annotations sit on the factory methods that build each
 * block, and nothing else changes. The processor generates {@code DjlLeNetEnergy} from the
 * annotations alone: it never runs DJL.
 *
 * <p>Why DJL: its {@code ai.djl:api} artifact is pure Java, and its blocks ({@code Conv2d},
 * {@code Linear}, pooling, {@code SequentialBlock}) are built without an engine: no PyTorch,
 * MXNet or TensorFlow native library is loaded or downloaded until a model is initialised or run,
 * which this example never does (the test checks that DJL's cache folder stays empty). DL4J was
 * the other candidate; its builders pull in ND4J's native backend, hundreds of megabytes.
 *
 * <p>Two names clash: DJL's {@code Conv2d} and {@code Activation} classes and toenergy's
 * annotations of the same names. The annotations are imported; DJL's classes are written out in
 * full where they are used.
 *
 * <p>The same figures as {@link io.github.toenergy.examples.LeNet5}: padding the 28 x 28 input by
 * 2 gives the 32 x 32 of the original, so 416,520 MACs and 61,706 parameters.
 */
@Network(input = {1, 28, 28}, name = "djl-lenet")
public final class DjlLeNet {
  private DjlLeNet() {}

  /** 6 filters of 5 x 5, padding 2: 6 x 28 x 28. */
  @Conv2d(filters = 6, kernel = 5, padding = 2)
  @Activation(SIGMOID)
  public static ai.djl.nn.convolutional.Conv2d conv1() {
    return ai.djl.nn.convolutional.Conv2d.builder()
        .setKernelShape(new Shape(5, 5))
        .optPadding(new Shape(2, 2))
        .setFilters(6)
        .build();
  }

  /** 2 x 2 average pooling: 6 x 14 x 14. */
  @AvgPool2d(kernel = 2)
  public static Block pool1() {
    return Pool.avgPool2dBlock(new Shape(2, 2));
  }

  /** 16 filters of 5 x 5: 16 x 10 x 10. */
  @Conv2d(filters = 16, kernel = 5)
  @Activation(SIGMOID)
  public static ai.djl.nn.convolutional.Conv2d conv2() {
    return ai.djl.nn.convolutional.Conv2d.builder()
        .setKernelShape(new Shape(5, 5))
        .setFilters(16)
        .build();
  }

  /** 2 x 2 average pooling: 16 x 5 x 5. */
  @AvgPool2d(kernel = 2)
  public static Block pool2() {
    return Pool.avgPool2dBlock(new Shape(2, 2));
  }

  /** 400 features. */
  @Flatten
  public static Block flatten() {
    return Blocks.batchFlattenBlock();
  }

  @Dense(units = 120)
  @Activation(SIGMOID)
  public static Linear fc1() {
    return Linear.builder().setUnits(120).build();
  }

  @Dense(units = 84)
  @Activation(SIGMOID)
  public static Linear fc2() {
    return Linear.builder().setUnits(84).build();
  }

  /** The ten digit logits; DJL's softmax cross-entropy loss applies the softmax in training. */
  @Dense(units = 10)
  public static Linear output() {
    return Linear.builder().setUnits(10).build();
  }

  /**
   * The model as DJL runs it: each factory's block, followed by the activation its annotation
   * names. Building it needs no engine; initialising or running it would.
   */
  public static SequentialBlock block() {
    return new SequentialBlock()
        .add(conv1())
        .add(ai.djl.nn.Activation::sigmoid)
        .add(pool1())
        .add(conv2())
        .add(ai.djl.nn.Activation::sigmoid)
        .add(pool2())
        .add(flatten())
        .add(fc1())
        .add(ai.djl.nn.Activation::sigmoid)
        .add(fc2())
        .add(ai.djl.nn.Activation::sigmoid)
        .add(output());
  }
}
