package io.github.toenergy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The output projection that reuses the embedding table (tied weights, {@code tie_word_embeddings}):
 * each position's D features become {@code vocab} logits; no parameters of its own.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
public @interface Unembed {
  /** Rows of the tied embedding table (vocabulary size); must be positive. */
  int vocab();

  /** Position of this layer in the network; -1 keeps declaration order. */
  int index() default -1;
}
