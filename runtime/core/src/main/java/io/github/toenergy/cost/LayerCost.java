package io.github.toenergy.cost;

import io.github.toenergy.cost.ArithmeticModel.MemoryLevel;
import io.github.toenergy.model.Format;
import io.github.toenergy.model.LayerKind;
import io.github.toenergy.model.Shape;

/**
 * What one layer costs in one phase, split into what scales with the batch ({@code perSample})
 * and what is paid once per step ({@code perStep}: the optimizer update, batch statistics, the
 * weights read from main memory). All counts are exact.
 *
 * @param name row name, unique in the network, e.g. {@code conv2d_1} or {@code residual_5/conv2d_2}
 * @param kind the layer's kind; {@link LayerKind#RESIDUAL} for the sum that closes a residual block
 *     (the layers of its branches have rows of their own)
 * @param notation the layer in text notation
 * @param output the shape the layer produces
 * @param perSample ALU tasks per sample
 * @param perStep ALU tasks once per step (batch)
 * @param parameters trained parameters
 * @param weightWordsPerStep values moved between main memory and the ALU per step (weights, and
 *     in training their gradients)
 * @param activationWordsPerSample activation values read and written per sample
 * @param activeParameters the parameters one token uses: fewer than {@code parameters} in a mixture of
 *     experts (the router, its top-k and shared experts), else equal to them
 * @param cacheWordsPerSample values of a generation's cache read and written per sequence: the
 *     key/value cache of attention (latent cache of latent attention, state of Mamba-2, inputs kept by
 *     a causal convolution); 0 outside prefill and decode
 * @param routedExperts a mixture of experts' routed experts E; 0 for every other layer
 * @param expertsPerToken the routed experts k each token runs; 0 for every other layer
 */
public record LayerCost(
    String name,
    LayerKind kind,
    String notation,
    Shape output,
    OpCounts perSample,
    OpCounts perStep,
    long parameters,
    long weightWordsPerStep,
    long activationWordsPerSample,
    long activeParameters,
    long cacheWordsPerSample,
    int routedExperts,
    int expertsPerToken) {

  /** A row that routes nothing (every kind but a mixture of experts). */
  public LayerCost(String name, LayerKind kind, String notation, Shape output, OpCounts perSample, OpCounts perStep,
      long parameters, long weightWordsPerStep, long activationWordsPerSample, long activeParameters,
      long cacheWordsPerSample) {
    this(name, kind, notation, output, perSample, perStep, parameters, weightWordsPerStep, activationWordsPerSample,
        activeParameters, cacheWordsPerSample, 0, 0);
  }

  /** A row without generation cache (every phase but prefill and decode). */
  public LayerCost(String name, LayerKind kind, String notation, Shape output, OpCounts perSample, OpCounts perStep,
      long parameters, long weightWordsPerStep, long activationWordsPerSample, long activeParameters) {
    this(name, kind, notation, output, perSample, perStep, parameters, weightWordsPerStep, activationWordsPerSample,
        activeParameters, 0);
  }

  /** A row whose every parameter is active (every kind but a mixture of experts). */
  public LayerCost(String name, LayerKind kind, String notation, Shape output, OpCounts perSample, OpCounts perStep,
      long parameters, long weightWordsPerStep, long activationWordsPerSample) {
    this(name, kind, notation, output, perSample, perStep, parameters, weightWordsPerStep, activationWordsPerSample,
        parameters);
  }

  /** This row under another name (a repeated layer's later rows, a generated table's rows). */
  public LayerCost named(String newName) {
    return new LayerCost(newName, kind, notation, output, perSample, perStep, parameters, weightWordsPerStep,
        activationWordsPerSample, activeParameters, cacheWordsPerSample, routedExperts, expertsPerToken);
  }

  /** ALU tasks for a step of {@code batch} samples. @throws ArithmeticException on overflow */
  public OpCounts ops(long batch) {
    return perSample.times(batch).plus(perStep);
  }

  /** Multiply-accumulates for a step of {@code batch} samples. */
  public long macs(long batch) {
    return Math.addExact(Math.multiplyExact(perSample.get(Op.MAC), batch), perStep.get(Op.MAC));
  }

  /**
   * Bytes moved for a step of {@code batch} samples: the weights, and each sample's activations, in
   * {@link Format#bytes whole blocks} of their own (a block never spans two samples), and its generation cache
   * ({@link #cacheBytes}).
   */
  public long bytes(long batch, Format format) {
    return Math.addExact(Math.addExact(format.bytes(weightWordsPerStep),
        Math.multiplyExact(format.bytes(activationWordsPerSample), batch)), cacheBytes(batch, format));
  }

  /**
   * Bytes of the generation cache read and written for a step of {@code batch} sequences (0 outside generation),
   * in the {@link Format#activation() activation format} of weights in {@code format}.
   */
  public long cacheBytes(long batch, Format format) {
    return Math.multiplyExact(format.activation().bytes(cacheWordsPerSample), batch);
  }

  /** Bytes of weights read from main memory in a step, shared by the batch. */
  public long weightBytes(Format format) {
    return format.bytes(weightWordsPerStep);
  }

  /**
   * Bytes of weights read in a step of {@code batch} sequences when a mixture of experts reads only the experts
   * its batch is routed to. Each token runs k of the E routed experts, so (routing uniform and independent) an
   * expert is left unread by all {@code batch} tokens with probability (1 - k/E)^batch: that share of the
   * routed experts' weights is not read; the router and the shared experts always are. Every other row reads
   * {@link #weightBytes}. Not linear in the batch (docs/method.md, "Weights read by a mixture of experts").
   */
  public double routedWeightBytes(Format format, double batch) {
    double all = weightBytes(format);
    if (routedExperts == 0 || expertsPerToken >= routedExperts || parameters == 0) {
      return all;
    }
    // parameters - active = (E - k) experts' parameters, so the routed experts hold E/(E - k) times that
    double routed = (double) routedExperts * (parameters - activeParameters) / (routedExperts - expertsPerToken);
    double unread = routed / parameters * Math.pow(1 - (double) expertsPerToken / routedExperts, batch);
    return all * (1 - unread);
  }

  /** Transistor operations for a step of {@code batch} samples: ALU tasks plus any data movement the model prices. */
  public long tos(ArithmeticModel model, Format format, long batch) {
    long alu = Math.addExact(Math.multiplyExact(perSample.tos(model, format), batch), perStep.tos(model, format));
    // a generation's cache lives in main memory with the weights (0 words outside generation)
    long mainWords = Math.addExact(weightWordsPerStep, Math.multiplyExact(cacheWordsPerSample, batch));
    long movement = Math.addExact(
        Math.multiplyExact(mainWords, model.tosPerWordMoved(MemoryLevel.MAIN, format)),
        Math.multiplyExact(Math.multiplyExact(activationWordsPerSample, batch),
            model.tosPerWordMoved(MemoryLevel.ON_CHIP, format)));
    return Math.addExact(alu, movement);
  }

  /** TOs of one op class only (no data movement). */
  public long tos(ArithmeticModel model, Format format, long batch, OpClass opClass) {
    return Math.addExact(Math.multiplyExact(perSample.tos(model, format, opClass), batch),
        perStep.tos(model, format, opClass));
  }
}
