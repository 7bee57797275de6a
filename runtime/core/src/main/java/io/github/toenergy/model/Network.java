package io.github.toenergy.model;

import io.github.toenergy.notation.NotationLimits;
import io.github.toenergy.notation.NotationParser;
import io.github.toenergy.notation.NotationWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An immutable network: a name, the shape of one input sample, a number format and an ordered list
 * of layers. Shapes are propagated and checked on construction, so a {@code Network} that exists
 * is one that can run.
 */
public final class Network {
  private final String name;
  private final Shape input;
  private final Format format;
  private final List<Layer> layers;
  private final List<Shape> outputShapes;

  /**
   * @throws InvalidNetworkException naming the first layer whose input it cannot take
   */
  public Network(String name, Shape input, Format format, List<Layer> layers) {
    this.name = Objects.requireNonNull(name, "name");
    this.input = Objects.requireNonNull(input, "input");
    this.format = Objects.requireNonNull(format, "format");
    this.layers = List.copyOf(layers);
    this.outputShapes = propagate(this.input, this.layers);
  }

  private static List<Shape> propagate(Shape input, List<Layer> layers) {
    List<Shape> shapes = new ArrayList<>(layers.size());
    Shape shape = input;
    long written = 0; // layers once repeats are written out: what counting opens up row by row
    boolean repeats = false;
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      long size = Layer.expandedSize(layer);
      written = written > Long.MAX_VALUE - size ? Long.MAX_VALUE : written + size;
      repeats |= size > 1 && hasRepeat(layer);
      if (repeats && written > NotationLimits.MAX_LAYERS) {
        throw new InvalidNetworkException(i + 1, layer.toNotation(), "with its repeats written out the network has "
            + "more than " + NotationLimits.MAX_LAYERS + " layers, the limit of one network");
      }
      try {
        shape = layer.outputShape(shape);
      } catch (ShapeException e) {
        throw new InvalidNetworkException(i + 1, layer.toNotation(), e);
      }
      shapes.add(shape);
    }
    return List.copyOf(shapes);
  }

  private static boolean hasRepeat(Layer layer) {
    if (layer instanceof Layer.Repeat) {
      return true;
    }
    for (List<Layer> branch : Layer.branches(layer)) {
      if (branch.stream().anyMatch(Network::hasRepeat)) {
        return true;
      }
    }
    return false;
  }

  /** Starts a builder DSL: {@code Network.builder("lenet5").input(1, 28, 28).conv2d(6, 5)...build()}. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Parses the text notation, e.g. {@code input(784) dense(128) relu dense(10) softmax}.
   *
   * @throws io.github.toenergy.notation.NotationException with the column of a syntax error
   * @throws InvalidNetworkException when the text is well formed but the network cannot exist
   */
  public static Network parse(String notation) {
    return NotationParser.parse("network", notation);
  }

  /** As {@link #parse(String)}, naming the network. */
  public static Network parse(String name, String notation) {
    return NotationParser.parse(name, notation);
  }

  /** This network in text notation; {@code parse(toNotation())} gives an equal network (the name aside). */
  public String toNotation() {
    return NotationWriter.write(this);
  }

  public String name() {
    return name;
  }

  public Shape input() {
    return input;
  }

  public Format format() {
    return format;
  }

  public List<Layer> layers() {
    return layers;
  }

  /** The output shape of each layer, in order. */
  public List<Shape> outputShapes() {
    return outputShapes;
  }

  /** The input shape of layer {@code i} (0-based). */
  public Shape inputOf(int i) {
    return i == 0 ? input : outputShapes.get(i - 1);
  }

  public Shape output() {
    return outputShapes.isEmpty() ? input : outputShapes.get(outputShapes.size() - 1);
  }

  /** The same network under another name. */
  public Network withName(String newName) {
    return new Network(newName, input, format, layers);
  }

  /** The same network computing in another format. */
  public Network withFormat(Format newFormat) {
    return new Network(name, input, newFormat, layers);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Network n && name.equals(n.name) && input.equals(n.input) && format == n.format
        && layers.equals(n.layers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, input, format, layers);
  }

  @Override
  public String toString() {
    return name + ": " + toNotation();
  }

  /** The builder DSL. */
  public static final class Builder extends LayerSequence<Builder> {
    private final String name;
    private Shape input = Shape.flat(1);
    private boolean inputSet;
    private Format format = Format.FP32;

    private Builder(String name) {
      this.name = name;
    }

    /** A C x H x W input. */
    public Builder input(int channels, int height, int width) {
      this.input = Shape.of(channels, height, width);
      this.inputSet = true;
      return this;
    }

    /** A sequence input of {@code length} positions of {@code features} each: {@code input(L,D)}. */
    public Builder input(int length, int features) {
      this.input = Shape.sequence(length, features);
      this.inputSet = true;
      return this;
    }

    /** A flat input of {@code features} (or of {@code features} token ids, for an embedding). */
    public Builder input(int features) {
      this.input = Shape.flat(features);
      this.inputSet = true;
      return this;
    }

    public Builder format(Format format) {
      this.format = format;
      return this;
    }

    /**
     * @throws InvalidNetworkException when a layer cannot take its input, or no input was given
     */
    public Network build() {
      if (!inputSet) {
        throw new InvalidNetworkException(0, null, "network '" + name + "' has no input shape; call input(...) first");
      }
      return new Network(name, input, format, layers());
    }
  }
}
