package io.github.toenergy.model;

/**
 * The shape of one sample: {@code channels x height x width} for a spatial tensor, or
 * {@code channels} features (height = width = 1) for a flat one.
 */
public record Shape(int channels, int height, int width, boolean spatial) {

  public Shape {
    if (channels <= 0 || height <= 0 || width <= 0) {
      throw new IllegalArgumentException("sizes must be positive, got " + describe(channels, height, width, spatial));
    }
    if (!spatial && (height != 1 || width != 1)) {
      throw new IllegalArgumentException("a flat shape has height and width 1");
    }
  }

  /** A C x H x W image-like shape. */
  public static Shape of(int channels, int height, int width) {
    return new Shape(channels, height, width, true);
  }

  /** A flat vector of {@code features}. */
  public static Shape flat(int features) {
    return new Shape(features, 1, 1, false);
  }

  /** Number of scalars in one sample, exactly. */
  public long elements() {
    return Math.multiplyExact(Math.multiplyExact((long) channels, height), width);
  }

  @Override
  public String toString() {
    return describe(channels, height, width, spatial);
  }

  private static String describe(int channels, int height, int width, boolean spatial) {
    return spatial ? channels + "x" + height + "x" + width : Integer.toString(channels);
  }
}
