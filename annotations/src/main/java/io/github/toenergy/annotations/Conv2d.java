package io.github.toenergy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A 2-D convolution ({@code torch.nn.Conv2d}) with square kernel, stride, padding and dilation. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
public @interface Conv2d {
  /** Number of output channels; must be positive. */
  int filters();

  /** Side of the square kernel; must be positive. */
  int kernel();

  /** Step between kernel positions; must be positive. */
  int stride() default 1;

  /** Zeros added on every side of the input; must not be negative. */
  int padding() default 0;

  /** Spacing between kernel taps; must be positive. */
  int dilation() default 1;

  /** Channel groups; must divide both input channels and filters ({@code groups = channels} is depthwise). */
  int groups() default 1;

  /** Whether a bias per filter is added. */
  boolean bias() default true;

  /** Position of this layer in the network; -1 keeps declaration order. */
  int index() default -1;
}
