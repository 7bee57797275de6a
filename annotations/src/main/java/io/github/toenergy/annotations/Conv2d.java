package io.github.toenergy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A 2-D convolution ({@code torch.nn.Conv2d}). A size the same along height and width is one
 * number ({@code kernel = 3}); a different one is the {@code ...Size} array {@code {height, width}}
 * ({@code kernelSize = {1, 7}, paddingSize = {0, 3}}). Give either form of an attribute, not both
 * with different values.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
public @interface Conv2d {
  /** Number of output channels; must be positive. */
  int filters();

  /** Side of the square kernel; must be positive; 0 (the default) when {@link #kernelSize()} is given. */
  int kernel() default 0;

  /** Kernel {@code {height, width}}, instead of {@link #kernel()}; must be positive. */
  int[] kernelSize() default {};

  /** Step between kernel positions; must be positive. */
  int stride() default 1;

  /** Stride {@code {height, width}}, instead of {@link #stride()}. */
  int[] strideSize() default {};

  /** Zeros added on every side of the input; must not be negative. */
  int padding() default 0;

  /** Padding {@code {top and bottom, left and right}}, instead of {@link #padding()}. */
  int[] paddingSize() default {};

  /** Spacing between kernel taps; must be positive. */
  int dilation() default 1;

  /** Channel groups; must divide both input channels and filters ({@code groups = channels} is depthwise). */
  int groups() default 1;

  /** Whether a bias per filter is added. */
  boolean bias() default true;

  /** Position of this layer in the network; -1 keeps declaration order. */
  int index() default -1;
}
