package io.github.toenergy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Channel shuffle ({@code torch.nn.ChannelShuffle}): the channels seen as groups x (C / groups) and
 * transposed; moves data, computes nothing. {@code groups} must divide the input channels.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
public @interface ChannelShuffle {
  /** Number of channel groups; must be positive. */
  int groups();

  /** Position of this layer in the network; -1 keeps declaration order. */
  int index() default -1;
}
