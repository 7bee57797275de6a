package io.github.toenergy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A 1-D convolution over the positions of a sequence ({@code torch.nn.Conv1d}, features as channels). */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
public @interface Conv1d {
  /** Number of output features; must be positive. */
  int filters();

  /** Kernel length; must be positive. */
  int kernel();

  /** Step between kernel positions; must be positive. */
  int stride() default 1;

  /** Zeros added at both ends; must not be negative (0 when causal). */
  int padding() default 0;

  /** Spacing between kernel taps; must be positive. */
  int dilation() default 1;

  /** Feature groups; must divide both input features and filters ({@code groups = features} is depthwise). */
  int groups() default 1;

  /** Whether a bias per filter is added. */
  boolean bias() default true;

  /** Pads {@code dilation * (kernel - 1)} on the left only: the output keeps the length and sees no later position. */
  boolean causal() default false;

  /** Position of this layer in the network; -1 keeps declaration order. */
  int index() default -1;
}
