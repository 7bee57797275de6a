package io.github.toenergy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Adaptive average pooling to a fixed output size, square ({@code output = 7}) or not
 * ({@code outputSize = {6, 7}}) ({@code torch.nn.AdaptiveAvgPool2d}); {@code 1}
 * is global average pooling. An output larger than the input repeats values, as PyTorch does.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
public @interface AdaptiveAvgPool2d {
  /** Output height and width; must be positive. */
  int output() default 1;

  /** Output {@code {height, width}}, instead of {@link #output()}. */
  int[] outputSize() default {};

  /** Position of this layer in the network; -1 keeps declaration order. */
  int index() default -1;
}
