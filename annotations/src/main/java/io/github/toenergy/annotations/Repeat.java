package io.github.toenergy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Beside a member's layer annotation: the member's layers {@code value} times in a row, as the
 * notation's {@code repeat(n, ...)}. On a {@link Residual} member it repeats the block with its
 * {@code after} activation; on {@code @Conv2d @Activation(RELU)} the convolution and its ReLU.
 *
 * <pre>{@code
 * @Residual(after = RELU) @Repeat(2) BasicBlock layer1;
 * @Conv2d(filters = 256, kernel = 3, padding = 1) @Activation(RELU) @Repeat(3) Object conv3;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
public @interface Repeat {
  /** How many times; must be positive. */
  int value();
}
