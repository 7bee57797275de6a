package io.github.toenergy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** DeepSeek's multi-head latent attention (low-rank query and key/value projections, decoupled rotary keys). */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
public @interface LatentAttention {
  /** Attention heads; must be positive. */
  int heads();

  /** Rank of the query bottleneck; 0: a full query projection. */
  int qRank() default 0;

  /** Rank of the shared key/value latent; must be positive. */
  int kvRank();

  /** Query/key features per head without rotary embedding. */
  int nopeDim();

  /** Query/key features per head with rotary embedding; must be positive. */
  int ropeDim();

  /** Value features per head; must be positive. */
  int vDim();

  /** Each position attends to earlier ones only (same counts). */
  boolean causal() default false;

  /** Position of this layer in the network; -1 keeps declaration order. */
  int index() default -1;
}
