package io.github.toenergy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An image's positions as a sequence of tokens: C x H x W becomes (H*W) x C, a view. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
public @interface Tokens {
  /** Position of this layer in the network; -1 keeps declaration order. */
  int index() default -1;
}
