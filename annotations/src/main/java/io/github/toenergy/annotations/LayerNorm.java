package io.github.toenergy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Layer normalisation over the features of each position (an image's channels, a token's features, a flat vector). */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
public @interface LayerNorm {
  /** Whether a learned shift per feature is added (besides the scale). */
  boolean bias() default true;

  /** Position of this layer in the network; -1 keeps declaration order. */
  int index() default -1;
}
