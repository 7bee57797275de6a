package io.github.toenergy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A fully connected layer ({@code torch.nn.Linear}). Its input must be flat, see {@link Flatten}. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
public @interface Dense {
  /** Number of output features; must be positive. */
  int units();

  /** Whether a bias vector is added. */
  boolean bias() default true;

  /** Position of this layer in the network; -1 keeps declaration order. */
  int index() default -1;
}
