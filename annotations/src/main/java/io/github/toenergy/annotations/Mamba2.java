package io.github.toenergy.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A Mamba-2 mixer (Dao and Gu 2024; Hugging Face's {@code Mamba2Mixer} and {@code NemotronHMamba2Mixer})
 * over a sequence input of L x D: in_proj, a causal depthwise conv1d, the chunked SSD scan, a gated
 * RMS norm and out_proj; its output is L x D. The inner size is {@code heads x headDim}, or
 * {@code expand x D} when {@code heads} is 0 (then {@code heads = expand x D / headDim}).
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
public @interface Mamba2 {
  /** SSM state size per head ({@code d_state}, {@code ssm_state_size}); must be positive. */
  int state() default 128;

  /** SSM heads ({@code mamba_num_heads}); 0 derives them from {@code expand}. */
  int heads() default 0;

  /** Channels per head ({@code head_dim}, {@code mamba_head_dim}); must be positive. */
  int headDim() default 64;

  /** Inner size as a multiple of D when {@code heads} is 0; 0 with {@code heads} 0 means 2. */
  int expand() default 0;

  /** Groups sharing B and C ({@code n_groups}); must divide the heads. */
  int groups() default 1;

  /** Kernel of the causal depthwise conv1d ({@code conv_kernel}, {@code d_conv}); must be positive. */
  int conv() default 4;

  /** Chunk length of the SSD scan ({@code chunk_size}); must be positive. */
  int chunk() default 256;

  /** Whether in_proj and out_proj add biases ({@code use_bias}). */
  boolean bias() default false;

  /** Whether the conv1d adds a bias ({@code use_conv_bias}). */
  boolean convBias() default true;

  /** Position of this layer in the network; -1 keeps declaration order. */
  int index() default -1;
}
