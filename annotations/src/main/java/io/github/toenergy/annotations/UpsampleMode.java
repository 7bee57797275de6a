package io.github.toenergy.annotations;

/** How {@link Upsample} fills the new positions, as {@code torch.nn.Upsample(mode=...)}. */
public enum UpsampleMode {
  /** Each output copies its nearest input: data movement only. */
  NEAREST,
  /** Each output interpolates its four nearest inputs ({@code align_corners=False}). */
  BILINEAR
}
