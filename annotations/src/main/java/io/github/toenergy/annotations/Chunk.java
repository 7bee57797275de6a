package io.github.toenergy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One of {@code chunks} equal groups of channels ({@code torch.chunk(x, chunks, dim=1)[part]}), as
 * ShuffleNetV2 splits its input; a view, free. {@code chunks} must divide the input channels.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
public @interface Chunk {
  /** Number of equal channel groups; must be positive. */
  int chunks();

  /** Which group, counted from 0; must be below {@code chunks}. */
  int part();

  /** Position of this layer in the network; -1 keeps declaration order. */
  int index() default -1;
}
