package io.github.toenergy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Layer scale (ConvNeXt, CaiT): one trained factor per channel, one multiply per element. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
public @interface LayerScale {
  /** Position of this layer in the network; -1 keeps declaration order. */
  int index() default -1;
}
