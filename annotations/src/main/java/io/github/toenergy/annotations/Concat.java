package io.github.toenergy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Parallel branches joined on the channel axis ({@code torch.cat(dim=1)}), as in Inception,
 * DenseNet and ShuffleNet: each type in {@link #branches} is annotated {@link Branch} and read like a
 * network, its layer annotations forming one branch; every branch gets the block's input, and a
 * branch type without layers is the identity.
 *
 * <pre>{@code
 * @Concat.Branch static class Identity {}
 * @Concat.Branch static class NewFeatures { @BatchNorm Object bn; @Activation(RELU) Object relu; ... }
 * @Concat(branches = {Identity.class, NewFeatures.class}) Object denseLayer1;
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
public @interface Concat {
  /** The branches in order, at least two, each a type annotated {@link Branch}. */
  Class<?>[] branches();

  /** Position of this block in the network; -1 keeps declaration order. */
  int index() default -1;

  /** Marks a type whose layer members form one branch of a {@link Concat} block; no layers: the identity. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target(ElementType.TYPE)
  @interface Branch {}
}
