package io.github.toenergy.annotations;

/** The element-wise (or, for {@link #SOFTMAX}, row-wise) non-linearities toenergy can cost. */
public enum ActivationFunction {
  /** {@code max(0, x)}. */
  RELU,
  /** {@code min(max(0, x), 6)}, as in MobileNet. */
  RELU6,
  /** {@code x >= 0 ? x : 0.01 x}. */
  LEAKY_RELU,
  /** {@code 1 / (1 + e^-x)}. */
  SIGMOID,
  /** Hyperbolic tangent. */
  TANH,
  /** {@code e^x_i / sum_j e^x_j} over the features of one sample. */
  SOFTMAX,
  /** Gaussian error linear unit, tanh approximation. */
  GELU,
  /** {@code x * sigmoid(x)}, also called swish. */
  SILU,
  /** {@code x * relu6(x + 3) / 6}, as in MobileNetV3. */
  HARDSWISH,
  /** {@code relu6(x + 3) / 6}, as in MobileNetV3. */
  HARDSIGMOID,
  /** {@code x >= 0 ? x : e^x - 1}. */
  ELU,
  /** {@code min(max(x, min_val), max_val)}: a clamp, as DeepSpeech2's {@code Hardtanh(0, 20)} (the bounds do not change the cost). */
  HARDTANH,
  /** No operation; useful to keep a slot in a layer list. */
  IDENTITY
}
