package io.github.toenergy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A table of learned vectors looked up by token id ({@code torch.nn.Embedding}): a flat input of L ids becomes L x dim. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
public @interface Embedding {
  /** Rows of the table (vocabulary size); must be positive. */
  int vocab();

  /** Features of each vector; must be positive. */
  int dim();

  /** Position of this layer in the network; -1 keeps declaration order. */
  int index() default -1;
}
