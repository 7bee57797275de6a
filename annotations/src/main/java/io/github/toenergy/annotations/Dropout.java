package io.github.toenergy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Dropout: free at inference, one mask multiply per element in training. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
public @interface Dropout {
  /** Drop probability, in [0, 1); it does not change the cost. */
  double rate() default 0.5;

  /** Position of this layer in the network; -1 keeps declaration order. */
  int index() default -1;
}
