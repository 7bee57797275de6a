package io.github.toenergy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Upsampling by a whole factor on height and width ({@code torch.nn.Upsample(scale_factor=factor)}). */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
public @interface Upsample {
  /** Times each side grows; must be positive. */
  int factor();

  /** Nearest neighbour (the default) or bilinear interpolation. */
  UpsampleMode mode() default UpsampleMode.NEAREST;

  /** Position of this layer in the network; -1 keeps declaration order. */
  int index() default -1;
}
