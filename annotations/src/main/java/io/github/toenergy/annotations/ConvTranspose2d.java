package io.github.toenergy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A transposed 2-D convolution ({@code torch.nn.ConvTranspose2d}), as in U-Net decoders. Sizes as
 * in {@link Conv2d}: one number, or the {@code ...Size} array {@code {height, width}}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
public @interface ConvTranspose2d {
  /** Number of output channels; must be positive. */
  int filters();

  /** Side of the square kernel; must be positive; 0 (the default) when {@link #kernelSize()} is given. */
  int kernel() default 0;

  /** Kernel {@code {height, width}}, instead of {@link #kernel()}. */
  int[] kernelSize() default {};

  /** Step between the input positions in the output; must be positive. */
  int stride() default 1;

  /** Stride {@code {height, width}}, instead of {@link #stride()}. */
  int[] strideSize() default {};

  /** Rows and columns removed from every side of the output; must not be negative. */
  int padding() default 0;

  /** Padding {@code {height, width}}, instead of {@link #padding()}. */
  int[] paddingSize() default {};

  /** Rows and columns added to one side of the output; smaller than the stride or the dilation. */
  int outputPadding() default 0;

  /** Output padding {@code {height, width}}, instead of {@link #outputPadding()}. */
  int[] outputPaddingSize() default {};

  /** Spacing between kernel taps; must be positive. */
  int dilation() default 1;

  /** Channel groups; must divide both input channels and filters. */
  int groups() default 1;

  /** Whether a bias per filter is added. */
  boolean bias() default true;

  /** Position of this layer in the network; -1 keeps declaration order. */
  int index() default -1;
}
