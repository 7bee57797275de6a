package io.github.toenergy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Inside a {@link Residual.Block} type with parameters: takes attributes of the member's layer
 * annotation from the parameters, each {@code "attribute = expression"}, the expression made of
 * whole numbers, parameter names, {@code + - *} and parentheses. A bound attribute's written value
 * is not read: write 0 where the annotation requires one.
 *
 * <pre>{@code
 * @Residual.Block(params = {"channels", "hidden = channels * 6"})
 * static class InvertedResidual {
 *   @Conv2d(filters = 0, kernel = 1, bias = false) @Bind("filters = hidden") Object expand;
 *   @Conv2d(filters = 0, kernel = 3, padding = 1, bias = false)
 *   @Bind({"filters = hidden", "groups = hidden"}) Object depthwise;
 *   ...
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface Bind {
  /** The bindings, each {@code "attribute = expression"}. */
  String[] value();
}
