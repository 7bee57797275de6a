package io.github.toenergy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Average pooling ({@code torch.nn.AvgPool2d}) over square windows. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
public @interface AvgPool2d {
  /** Side of the square window; must be positive. */
  int kernel();

  /** Step between windows; 0 means the kernel size, as in PyTorch. */
  int stride() default 0;

  /** Padding on every side; must not be negative and at most half the kernel. */
  int padding() default 0;

  /** Position of this layer in the network; -1 keeps declaration order. */
  int index() default -1;
}
