package io.github.toenergy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A gated MLP at each position (SwiGLU): down(act(gate(x)) * up(x)), back to the input's features. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
public @interface Glu {
  /** Features of the gate and up projections; must be positive. */
  int hidden();

  /** The gate's non-linearity (SiLU: SwiGLU; GELU: GeGLU). */
  ActivationFunction activation() default ActivationFunction.SILU;

  /** Biases of the three projections (SwiGLU MLPs have none). */
  boolean bias() default false;

  /** Position of this layer in the network; -1 keeps declaration order. */
  int index() default -1;
}
