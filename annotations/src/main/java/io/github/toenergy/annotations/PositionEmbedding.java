package io.github.toenergy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A learned table added to each position of a sequence: absolute positions, or token types (rows = 2). */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
public @interface PositionEmbedding {
  /** Rows of the table (positions, or token types); must be positive. */
  int rows();

  /** Position of this layer in the network; -1 keeps declaration order. */
  int index() default -1;
}
