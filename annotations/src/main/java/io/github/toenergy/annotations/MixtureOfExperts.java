package io.github.toenergy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A mixture-of-experts feed-forward layer at each position of a sequence (or on a flat input): a
 * router ({@code D -> experts} linear, softmax, top-k) picks {@code top} of {@code experts} MLPs
 * ({@code D -> hidden -> D}, gated as SwiGLU by default) per token; {@code shared} experts run for
 * every token. Parameters count all experts; the active parameters (router, {@code top} experts and
 * the shared ones) and the arithmetic count only those a token uses.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
public @interface MixtureOfExperts {
  /** Routed experts; must be positive. */
  int experts();

  /** Experts each token is routed to (top-k); from 1 to {@code experts}. */
  int top();

  /** Hidden size of each expert's MLP ({@code moe_intermediate_size}); must be positive. */
  int hidden();

  /** Shared experts every token runs, each of {@code hidden}; 0 for none. */
  int shared() default 0;

  /** The experts' activation (for a gated expert: of the gate projection). */
  ActivationFunction activation() default ActivationFunction.SILU;

  /** Whether each expert is gated ({@code down(act(gate(x)) * up(x))}, SwiGLU) rather than {@code down(act(up(x)))}. */
  boolean gated() default true;

  /** Whether the router and the experts' projections add biases (gpt-oss does, Mixtral does not). */
  boolean bias() default false;

  /** Position of this layer in the network; -1 keeps declaration order. */
  int index() default -1;
}
