package io.github.toenergy.examples;

import static io.github.toenergy.annotations.ActivationFunction.GELU;

import io.github.toenergy.annotations.Activation;
import io.github.toenergy.annotations.Attention;
import io.github.toenergy.annotations.Dense;
import io.github.toenergy.annotations.Embedding;
import io.github.toenergy.annotations.LayerNorm;
import io.github.toenergy.annotations.Network;
import io.github.toenergy.annotations.PositionEmbedding;
import io.github.toenergy.annotations.Residual;

/**
 * distilbert-base-uncased (Sanh et al. 2019) as Hugging Face's {@code DistilBertModel}, on 128
 * token ids: word and position embeddings and their LayerNorm, then six post-norm transformer
 * layers (self-attention with 12 heads, add and LayerNorm; a GELU MLP of 3072, add and LayerNorm).
 * 66,362,880 parameters (the model card's count) and 5,586,812,928 MACs.
 *
 * <p>The token ids are a flat input of 128; {@link Embedding} turns them into 128 x 768. Each kind of
 * sub-layer is a nested {@link Residual.Block}: the sum {@code x + attention(x)} is the block, and the
 * LayerNorm after it is a member of its own (post-norm; a pre-norm block puts it inside).
 */
@Network(input = 128, name = "distilbert-base-uncased")
public class DistilBert {
  @Embedding(vocab = 30522, dim = 768) Object wordEmbeddings;
  @PositionEmbedding(rows = 512) Object positionEmbeddings;
  @LayerNorm Object embeddingNorm;

  @Residual SelfAttention attention1;
  @LayerNorm Object norm1a;
  @Residual FeedForward ffn1;
  @LayerNorm Object norm1b;
  @Residual SelfAttention attention2;
  @LayerNorm Object norm2a;
  @Residual FeedForward ffn2;
  @LayerNorm Object norm2b;
  @Residual SelfAttention attention3;
  @LayerNorm Object norm3a;
  @Residual FeedForward ffn3;
  @LayerNorm Object norm3b;
  @Residual SelfAttention attention4;
  @LayerNorm Object norm4a;
  @Residual FeedForward ffn4;
  @LayerNorm Object norm4b;
  @Residual SelfAttention attention5;
  @LayerNorm Object norm5a;
  @Residual FeedForward ffn5;
  @LayerNorm Object norm5b;
  @Residual SelfAttention attention6;
  @LayerNorm Object norm6a;
  @Residual FeedForward ffn6;
  @LayerNorm Object norm6b;

  /** Multi-head self-attention: 12 heads of 64, Q, K, V and output projections with biases. */
  @Residual.Block
  static class SelfAttention {
    @Attention(heads = 12) Object attention;
  }

  /** The position-wise MLP: 768 -> 3072 (GELU) -> 768. */
  @Residual.Block
  static class FeedForward {
    @Dense(units = 3072) @Activation(GELU) Object lin1;
    @Dense(units = 768) Object lin2;
  }
}
