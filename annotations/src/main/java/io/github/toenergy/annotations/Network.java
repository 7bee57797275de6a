package io.github.toenergy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class whose fields or methods carry layer annotations; the processor generates
 * {@code <SimpleName>Energy} beside it.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Network {
  /** Network name used in reports; empty means the class's simple name. */
  String name() default "";

  /**
   * Input shape of one sample: {@code {channels, height, width}}, {@code {length, features}} for a
   * sequence (tokens, a 1-D signal), or {@code {features}}.
   */
  int[] input();

  /** Number format the network computes in. */
  NumberFormat format() default NumberFormat.FP32;

  /** Profile ids to generate estimators for; empty means every profile on the processor path. */
  String[] profiles() default {};

  /** The phase the class Javadoc's joules column is given for (estimators offer both). */
  Phase phase() default Phase.INFERENCE;
}
