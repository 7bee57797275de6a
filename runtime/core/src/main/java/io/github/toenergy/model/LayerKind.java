package io.github.toenergy.model;

import io.github.toenergy.annotations.Activation;
import io.github.toenergy.annotations.AdaptiveAvgPool2d;
import io.github.toenergy.annotations.AvgPool2d;
import io.github.toenergy.annotations.BatchNorm;
import io.github.toenergy.annotations.ChannelShuffle;
import io.github.toenergy.annotations.Chunk;
import io.github.toenergy.annotations.Columns;
import io.github.toenergy.annotations.Concat;
import io.github.toenergy.annotations.Conv2d;
import io.github.toenergy.annotations.ConvTranspose2d;
import io.github.toenergy.annotations.Dense;
import io.github.toenergy.annotations.Dropout;
import io.github.toenergy.annotations.Flatten;
import io.github.toenergy.annotations.Gate;
import io.github.toenergy.annotations.Gru;
import io.github.toenergy.annotations.LayerScale;
import io.github.toenergy.annotations.Lstm;
import io.github.toenergy.annotations.Mamba2;
import io.github.toenergy.annotations.MaxPool2d;
import io.github.toenergy.annotations.MixtureOfExperts;
import io.github.toenergy.annotations.Repeat;
import io.github.toenergy.annotations.Residual;
import io.github.toenergy.annotations.Attention;
import io.github.toenergy.annotations.ClassToken;
import io.github.toenergy.annotations.Conv1d;
import io.github.toenergy.annotations.Embedding;
import io.github.toenergy.annotations.Glu;
import io.github.toenergy.annotations.LatentAttention;
import io.github.toenergy.annotations.LayerNorm;
import io.github.toenergy.annotations.PixelUnshuffle;
import io.github.toenergy.annotations.PositionEmbedding;
import io.github.toenergy.annotations.RmsNorm;
import io.github.toenergy.annotations.SelectToken;
import io.github.toenergy.annotations.Tokens;
import io.github.toenergy.annotations.Unembed;
import io.github.toenergy.annotations.Upsample;
import java.lang.annotation.Annotation;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The vocabulary of layer kinds: every kind is declared here once, with how users write it (its
 * notation keywords, its annotation, its builder DSL method). Each {@link Layer} record returns its
 * kind, and every per-kind operation elsewhere (cost, the processor's annotation mapping, the energy
 * features' kind groups, the notation parser) is a {@code switch} expression over this enum without
 * a {@code default}, so that the compiler lists every place a new kind must be handled.
 * CONTRIBUTING.md gives the recipe; {@code LayerKindRegistryTest} checks that each kind has its
 * spelling, annotation, DSL method and documentation.
 */
public enum LayerKind {
  DENSE(Dense.class, "dense", true, "dense"),
  CONV2D(Conv2d.class, "conv2d", true, "conv2d"),
  CONV_TRANSPOSE2D(ConvTranspose2d.class, "convTranspose2d", true, "convtranspose2d"),
  MAX_POOL2D(MaxPool2d.class, "maxPool2d", false, "maxpool"),
  AVG_POOL2D(AvgPool2d.class, "avgPool2d", false, "avgpool"),
  /** Written {@code adaptiveavgpool(n)}, or {@code globalavgpool} for n = 1. */
  ADAPTIVE_AVG_POOL2D(AdaptiveAvgPool2d.class, "adaptiveAvgPool2d", false, "adaptiveavgpool", "globalavgpool"),
  UPSAMPLE(Upsample.class, "upsample", false, "upsample"),
  BATCH_NORM(BatchNorm.class, "batchNorm", false, "batchnorm"),
  FLATTEN(Flatten.class, "flatten", false, "flatten"),
  DROPOUT(Dropout.class, "dropout", false, "dropout"),
  /**
   * A residual block; in a cost table its own row is the sum that closes the block (the rows of its
   * branches carry their own kinds).
   */
  RESIDUAL(Residual.class, "residual", false, "residual"),
  // transformers and sequences (issue 12)
  CONV1D(Conv1d.class, "conv1d", true, "conv1d"),
  EMBEDDING(Embedding.class, "embedding", false, "embedding"),
  UNEMBED(Unembed.class, "unembed", false, "unembed"),
  POSITION_EMBEDDING(PositionEmbedding.class, "positionEmbedding", false, "posembedding"),
  TOKENS(Tokens.class, "tokens", false, "tokens"),
  COLUMNS(Columns.class, "columns", false, "columns"),
  PIXEL_UNSHUFFLE(PixelUnshuffle.class, "pixelUnshuffle", false, "pixelunshuffle"),
  CLASS_TOKEN(ClassToken.class, "classToken", false, "clstoken"),
  SELECT_TOKEN(SelectToken.class, "selectToken", false, "select"),
  LAYER_NORM(LayerNorm.class, "layerNorm", false, "layernorm"),
  RMS_NORM(RmsNorm.class, "rmsNorm", false, "rmsnorm"),
  ATTENTION(Attention.class, "attention", false, "attention"),
  LATENT_ATTENTION(LatentAttention.class, "latentAttention", false, "mla"),
  GLU(Glu.class, "glu", false, "glu"),
  /**
   * Layers repeated n times, {@code repeat(n, ...)}; no row of its own in a cost table, its layers'
   * rows are written out. Annotated {@code @Repeat(n)} beside a member's layer annotation.
   */
  REPEAT(Repeat.class, "repeat", false, "repeat"),
  /**
   * Parallel branches joined on channels; in a cost table its own row is the join that closes the
   * block (the rows of its branches carry their own kinds).
   */
  CONCAT(Concat.class, "concat", false, "concat"),
  /** One of n equal channel groups: a view. */
  CHUNK(Chunk.class, "chunk", false, "chunk"),
  CHANNEL_SHUFFLE(ChannelShuffle.class, "channelShuffle", false, "shuffle"),
  /**
   * Channel gating; in a cost table its own row is the product that closes the block (the rows of
   * the gate's body carry their own kinds).
   */
  GATE(Gate.class, "gate", false, "gate"),
  LAYER_SCALE(LayerScale.class, "layerScale", false, "scale"),
  LSTM(Lstm.class, "lstm", false, "lstm"),
  GRU(Gru.class, "gru", false, "gru"),
  /** Mixture-of-experts feed-forward; its cost row carries total and active parameters apart. */
  MIXTURE_OF_EXPERTS(MixtureOfExperts.class, "mixtureOfExperts", false, "moe"),
  MAMBA2(Mamba2.class, "mamba2", false, "mamba2"),
  /** Written by its function's name: {@code relu}, {@code leakyrelu}, ... ({@link Layer.Activation#keywords()}). */
  ACTIVATION(Activation.class, "activation", false);

  /** Sorted, so that the parser's "did you mean" lists keywords in a fixed order, whatever kinds are added. */
  private static final Map<String, LayerKind> BY_KEYWORD = new java.util.TreeMap<>();
  private static final Map<String, LayerKind> BY_ANNOTATION = new HashMap<>();

  static {
    for (LayerKind kind : values()) {
      for (String keyword : kind.keywords()) {
        BY_KEYWORD.put(keyword, kind);
      }
      BY_ANNOTATION.put(kind.annotation.getCanonicalName(), kind);
    }
  }

  private final Class<? extends Annotation> annotation;
  private final String dslMethod;
  private final boolean takesActivation;
  private final List<String> keywords;

  LayerKind(Class<? extends Annotation> annotation, String dslMethod, boolean takesActivation, String... keywords) {
    this.annotation = annotation;
    this.dslMethod = dslMethod;
    this.takesActivation = takesActivation;
    this.keywords = List.of(keywords);
  }

  /** The annotation that declares a layer of this kind on a member, e.g. {@code @Conv2d}. */
  public Class<? extends Annotation> annotation() {
    return annotation;
  }

  /** The name of the builder DSL method in {@link LayerSequence}, e.g. {@code maxPool2d}. */
  public String dslMethod() {
    return dslMethod;
  }

  /** Whether an {@code @Activation} on the same member applies after this layer ({@code @Dense}, {@code @Conv2d}). */
  public boolean takesActivation() {
    return takesActivation;
  }

  /**
   * Every notation keyword of this kind, the one {@link Layer#toNotation()} writes first; for
   * {@link #ACTIVATION} the activation functions' names and aliases.
   */
  public List<String> keywords() {
    return this == ACTIVATION ? Layer.Activation.keywords() : keywords;
  }

  /** The keyword {@link Layer#toNotation()} writes for this kind (not for {@link #ACTIVATION}: the function's name). */
  String keyword() {
    return keywords.get(0);
  }

  /** Every keyword of the notation: the kinds' and the activation functions' names. */
  public static Set<String> byKeywordNames() {
    return Collections.unmodifiableSet(BY_KEYWORD.keySet());
  }

  /** The kind written {@code keyword} in the notation (lower case), or null. */
  public static @Nullable LayerKind byKeyword(String keyword) {
    return BY_KEYWORD.get(keyword);
  }

  /** The kind whose annotation has {@code qualifiedName}, or null when it is no layer annotation. */
  public static @Nullable LayerKind byAnnotation(String qualifiedName) {
    return BY_ANNOTATION.get(qualifiedName);
  }
}
