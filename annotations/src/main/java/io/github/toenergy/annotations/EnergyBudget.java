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

  /** Container for repeated budgets. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target(ElementType.TYPE)
  @interface List {
    /** The budgets. */
    EnergyBudget[] value();
  }
}
