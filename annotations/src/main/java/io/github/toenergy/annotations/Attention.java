package io.github.toenergy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Multi-head attention over the positions of a sequence (or of an image's pixels), with query, key,
 * value and output projections. Zero means the default for {@code kvHeads} (= heads), {@code headDim}
 * (= features / heads), {@code window}, {@code sliding}, {@code relativeBias} and {@code cross}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
public @interface Attention {
  /** Query heads; must be positive. */
  int heads();

  /** Key/value heads (grouped-query attention; 1: multi-query); must divide heads; 0: heads. */
  int kvHeads() default 0;

  /** Features per head; 0: the input's features / heads. */
  int headDim() default 0;

  /** Each position attends to earlier ones only (counted as the full product, as PyTorch counts it). */
  boolean causal() default false;

  /** Biases of the query, key and value projections. */
  boolean bias() default true;

  /** Bias of the output projection. */
  boolean outBias() default true;

  /** Attention within windows of window x window pixels (or window positions of a sequence); 0: global. */
  int window() default 0;

  /** Offset of shifted windows (Swin); must be smaller than the window. */
  int shift() default 0;

  /** MaxViT's grid attention: the window x window groups are strided over the image. */
  boolean grid() default false;

  /** Sliding-window attention over the last {@code sliding} positions; 0: none. */
  int sliding() default 0;

  /** Rows of a learned relative position bias table per head ((2 window - 1)^2 for Swin); 0: none. */
  int relativeBias() default 0;

  /** Rotary position embedding of queries and keys. */
  boolean rope() default false;

  /** An RMS norm over each head's query and key features. */
  boolean qkNorm() default false;

  /** Cross-attention to a memory of this many positions; 0: self-attention. */
  int cross() default 0;

  /** A learned softmax sink logit per head (gpt-oss). */
  boolean sinks() default false;

  /** Swin V2's continuous position bias: hidden features of its MLP (512); needs a window; 0: none. */
  int biasMlp() default 0;

  /** Swin V2's scaled cosine attention: normalised queries and keys, a learned scale per head. */
  boolean cosine() default false;

  /** Position of this layer in the network; -1 keeps declaration order. */
  int index() default -1;
}
