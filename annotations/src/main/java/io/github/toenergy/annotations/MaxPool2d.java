package io.github.toenergy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Max pooling ({@code torch.nn.MaxPool2d}): a number for a size the same along height and
 * width ({@code kernel = 3}), the {@code ...Size} array {@code {height, width}} for another
 * ({@code kernelSize = {3, 1}}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
public @interface MaxPool2d {
  /** Side of the square window; must be positive; 0 (the default) when {@link #kernelSize()} is given. */
  int kernel() default 0;

  /** Window {@code {height, width}}, instead of {@link #kernel()}. */
  int[] kernelSize() default {};

  /** Step between windows; 0 means the kernel size, as in PyTorch. */
  int stride() default 0;

  /** Stride {@code {height, width}}, instead of {@link #stride()}. */
  int[] strideSize() default {};

  /** Padding on every side; must not be negative and at most half the kernel. */
  int padding() default 0;

  /** Padding {@code {height, width}}, instead of {@link #padding()}. */
  int[] paddingSize() default {};

  /**
   * Rounds the output size up, as PyTorch's {@code ceil_mode}: a last window that hangs over the
   * input is kept when it starts inside the input or its left padding.
   */
  boolean ceil() default false;

  /** Position of this layer in the network; -1 keeps declaration order. */
  int index() default -1;
}
