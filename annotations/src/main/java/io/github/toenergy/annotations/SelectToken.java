package io.github.toenergy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The features of one position of a sequence (the class token: index 0; the last: -1): L x D becomes D. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
public @interface SelectToken {
  /** The position, from 0; negative counts from the end. */
  int position() default 0;

  /** Position of this layer in the network; -1 keeps declaration order. */
  int index() default -1;
}
