package io.github.toenergy.model;

/**
 * The shape of one sample, in one of three layouts: an image ({@code channels x height x width}), a
 * sequence of {@code length} positions with {@code channels} features each (a transformer's tokens, a
 * 1-D signal; height 1, width = length), or a flat vector of {@code channels} features (height =
 * width = 1). Every layout is {@code channels} features at each of {@link #positions()} positions,
 * which is how per-position layers (dense on tokens, norms) are counted.
 */
public record Shape(int channels, int height, int width, Layout layout) {

  /** How a sample's scalars are arranged; decides which layers accept it and how it is written. */
  public enum Layout {
    FLAT,
    SEQUENCE,
    IMAGE
  }

  public Shape {
    if (channels <= 0 || height <= 0 || width <= 0) {
      throw new IllegalArgumentException("sizes must be positive, got " + describe(channels, height, width, layout));
    }
    if (layout == Layout.FLAT && (height != 1 || width != 1)) {
      throw new IllegalArgumentException("a flat shape has height and width 1");
    }
    if (layout == Layout.SEQUENCE && height != 1) {
      throw new IllegalArgumentException("a sequence has height 1");
    }
  }

  /** A C x H x W image-like shape. */
  public static Shape of(int channels, int height, int width) {
    return new Shape(channels, height, width, Layout.IMAGE);
  }

  /** A flat vector of {@code features}. */
  public static Shape flat(int features) {
    return new Shape(features, 1, 1, Layout.FLAT);
  }

  /** {@code length} positions (tokens, time steps) of {@code features} each: written {@code input(L,D)}. */
  public static Shape sequence(int length, int features) {
    return new Shape(features, 1, length, Layout.SEQUENCE);
  }

  /** Whether this is a C x H x W image. */
  public boolean spatial() {
    return layout == Layout.IMAGE;
  }

  /** Whether this is a sequence of positions. */
  public boolean sequence() {
    return layout == Layout.SEQUENCE;
  }

  /** Positions of a sequence (its width); 1 for a flat vector, H x W does not apply to images. */
  public int length() {
    return width;
  }

  /** Positions at which {@link #channels()} features sit: H x W, L, or 1. */
  public long positions() {
    return (long) height * width;
  }

  /** Number of scalars in one sample, exactly. */
  public long elements() {
    return Math.multiplyExact(Math.multiplyExact((long) channels, height), width);
  }

  @Override
  public String toString() {
    return describe(channels, height, width, layout);
  }

  private static String describe(int channels, int height, int width, Layout layout) {
    return switch (layout) {
      case IMAGE -> channels + "x" + height + "x" + width;
      case SEQUENCE -> width + "x" + channels;
      case FLAT -> Integer.toString(channels);
    };
  }
}
