package io.github.toenergy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Fails compilation when the network's predicted energy on {@link #profile()} exceeds
 * {@link #joules()}. Repeat it for several profiles.
 *
 * <p>A decoder's generation is budgeted with {@code phase = Phase.DECODE} (or {@code PREFILL}),
 * {@link #prompt()}, {@link #tokens()} and {@link #gpus()}; {@code perToken = true} bounds joules per
 * generated token instead of the whole batch's:
 * {@code @EnergyBudget(profile = "h100", phase = Phase.DECODE, batch = 64, tokens = 870, perToken = true,
 * joules = 0.05)}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(EnergyBudget.List.class)
public @interface EnergyBudget {
  /** Maximum joules; must be positive and finite. */
  double joules();

  /** Profile id the budget is checked on. */
  String profile();

  /** Batch size of one step. */
  int batch() default 1;

  /** Phase of the step. */
  Phase phase() default Phase.INFERENCE;

  /** Number of batches of a whole run; 0 budgets one step (one forward pass or one optimizer step). */
  long batches() default 0;

  /** Compare the upper bound of the 90% prediction interval instead of the point estimate. */
  boolean upperBound() default false;

  /** Prefill and decode: prompt positions per sequence; 0 means the network's own sequence length. */
  int prompt() default 0;

  /** Decode: tokens generated per sequence, positive; 0 for every other phase. */
  int tokens() default 0;

  /** Prefill and decode: GPUs of the replica. */
  int gpus() default 1;

  /**
   * Prefill and decode: {@link #joules()} bounds joules per token (generated, or prompt for prefill)
   * rather than the whole batch's.
   */
  boolean perToken() default false;

  /** Container for repeated budgets. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target(ElementType.TYPE)
  @interface List {
    /** The budgets. */
    EnergyBudget[] value();
  }
}
