package io.github.toenergy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An image's columns as a sequence: C x H x W becomes W positions of C*H features (DeepSpeech2's
 * {@code x.view(N, C*H, W).transpose(1, 2)} after its convolutions), a copy into the new layout.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
public @interface Columns {
  /** Position of this layer in the network; -1 keeps declaration order. */
  int index() default -1;
}
