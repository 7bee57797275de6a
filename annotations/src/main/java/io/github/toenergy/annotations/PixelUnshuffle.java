package io.github.toenergy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Space to depth ({@code torch.nn.PixelUnshuffle}): C x H x W becomes (C f^2) x H/f x W/f. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
public @interface PixelUnshuffle {
  /** Side of the pixel blocks gathered into channels; must divide height and width. */
  int factor();

  /** Position of this layer in the network; -1 keeps declaration order. */
  int index() default -1;
}
