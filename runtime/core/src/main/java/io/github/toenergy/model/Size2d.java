package io.github.toenergy.model;

/**
 * A height and a width: a kernel, stride, padding or output size of a 2-D layer. The notation
 * writes it as one number when both are equal ({@code k=3}), else as {@code (height,width)}
 * ({@code k=(1,7)}), as PyTorch takes an int or a tuple.
 */
public record Size2d(int height, int width) {

  /** Both sides {@code side}. */
  public static Size2d square(int side) {
    return new Size2d(side, side);
  }

  public boolean isSquare() {
    return height == width;
  }

  /** {@code height * width}, exactly. */
  public long area() {
    return (long) height * width;
  }

  /** {@code 3} when square, else {@code (1,7)}. */
  public String toNotation() {
    return isSquare() ? Integer.toString(height) : "(" + height + "," + width + ")";
  }

  @Override
  public String toString() {
    return toNotation();
  }
}
