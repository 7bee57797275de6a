package io.github.toenergy.notation;

import io.github.toenergy.model.Format;
import io.github.toenergy.model.Layer;
import io.github.toenergy.model.Network;
import io.github.toenergy.model.Shape;
import java.util.Locale;

/** Writes a network in text notation; the inverse of {@link NotationParser}. */
public final class NotationWriter {
  private NotationWriter() {}

  public static String write(Network network) {
    StringBuilder text = new StringBuilder(input(network.input(), network.format()));
    for (Layer layer : network.layers()) {
      text.append(' ').append(layer.toNotation());
    }
    return text.toString();
  }

  private static String input(Shape shape, Format format) {
    String dims = switch (shape.layout()) {
      case IMAGE -> shape.channels() + "," + shape.height() + "," + shape.width();
      case SEQUENCE -> shape.length() + "," + shape.channels();
      case FLAT -> Integer.toString(shape.channels());
    };
    String fmt = format == Format.FP32 ? "" : ",format=" + format.name().toLowerCase(Locale.ROOT);
    return "input(" + dims + fmt + ")";
  }
}
