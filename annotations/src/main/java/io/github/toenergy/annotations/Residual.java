package io.github.toenergy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A residual block: the member's type, annotated {@link Block}, is read like a network, its layer
 * annotations forming the block's body; the input is added to the body's output. Layers of the
 * type annotated {@link Shortcut} form the projection shortcut instead of the identity.
 *
 * <pre>{@code
 * @Residual.Block static class BasicBlock { @Conv2d(filters = 64, kernel = 3, padding = 1) Object conv1; ... }
 * @Residual(after = RELU) BasicBlock block1;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
public @interface Residual {
  /** Activation applied after the sum, as in ResNet; IDENTITY for none. */
  ActivationFunction after() default ActivationFunction.IDENTITY;

  /**
   * Values of the block type's parameters for this use, each {@code "name = value"}: a whole
   * number, or in a block used inside another block an expression of the outer block's parameters
   * ({@code "width = width * 2"}); integers, names, {@code + - *} and parentheses. Every parameter
   * without a default needs one.
   */
  String[] with() default {};

  /** Position of this block in the network; -1 keeps declaration order. */
  int index() default -1;

  /** Marks a type whose layer members form the body (and {@link Shortcut}) of a residual block. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target(ElementType.TYPE)
  @interface Block {
    /**
     * The block's parameters, each {@code "name"} (every use must give a value) or
     * {@code "name = default"}, the default a whole number or an expression of the parameters
     * before it ({@code "hidden = channels * 6"}). Its layers read them through {@link Bind}.
     */
    String[] params() default {};
  }
}
