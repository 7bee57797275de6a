package io.github.toenergy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Channel gating, as squeeze-excitation: the member's type, annotated {@link Block}, is read like a
 * network, its layer annotations computing a gate from the block's input (of the input's shape, or
 * C x 1 x 1); the output is the input multiplied element by element by the gate.
 *
 * <pre>{@code
 * @Gate.Block static class SqueezeExcite {
 *   @AdaptiveAvgPool2d Object squeeze;
 *   @Conv2d(filters = 8, kernel = 1) @Activation(RELU) Object reduce;
 *   @Conv2d(filters = 32, kernel = 1) @Activation(SIGMOID) Object expand;
 * }
 * @Gate SqueezeExcite se;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
public @interface Gate {
  /** Position of this block in the network; -1 keeps declaration order. */
  int index() default -1;

  /** Marks a type whose layer members compute the gate of a {@link Gate} block. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target(ElementType.TYPE)
  @interface Block {}
}
