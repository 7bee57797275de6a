package io.github.toenergy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A stack of LSTM layers ({@code torch.nn.LSTM(batch_first=True)}) over a sequence input of L x D,
 * run once per position and direction; its output is L x (hidden x directions). Parameters as
 * PyTorch's: per layer and direction {@code W_ih, W_hh} and the two bias vectors {@code b_ih, b_hh}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
public @interface Lstm {
  /** Hidden (and cell) state size; must be positive. */
  int hidden();

  /** Stacked layers ({@code num_layers}); must be positive. */
  int layers() default 1;

  /** Whether each layer also runs backwards over the sequence (the output joins both directions). */
  boolean bidirectional() default false;

  /** Whether the two bias vectors {@code b_ih} and {@code b_hh} are added. */
  boolean bias() default true;

  /** Position of this layer in the network; -1 keeps declaration order. */
  int index() default -1;
}
