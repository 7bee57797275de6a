package io.github.toenergy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A non-linearity. On the same member as {@link Dense} or {@link Conv2d} it applies after that
 * layer; alone it is a layer of its own.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
public @interface Activation {
  /** The function applied. */
  ActivationFunction value();

  /** Position of this layer in the network when used alone; -1 keeps declaration order. */
  int index() default -1;
}
