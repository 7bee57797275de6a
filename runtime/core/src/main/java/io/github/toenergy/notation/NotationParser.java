package io.github.toenergy.notation;

import io.github.toenergy.annotations.ActivationFunction;
import io.github.toenergy.model.Format;
import io.github.toenergy.model.InvalidNetworkException;
import io.github.toenergy.model.Layer;
import io.github.toenergy.model.Network;
import io.github.toenergy.model.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recursive-descent parser of the text notation (grammar in docs/notation.md):
 *
 * <pre>
 * network  := input layer*
 * input    := "input" "(" int ("," int "," int)? ("," "format" "=" name)? ")"
 * layer    := name ("(" arg ("," arg)* ")")?  |  "residual" "(" layer+ ("|" layer*)? ")"
 * arg      := number | key "=" (number | "true" | "false")
 * </pre>
 *
 * Every error is a {@link NotationException} carrying the column where it was found.
 */
public final class NotationParser {
  private static final Map<String, ActivationFunction> ACTIVATIONS = new HashMap<>();

  static {
    for (ActivationFunction f : ActivationFunction.values()) {
      ACTIVATIONS.put(Layer.Activation.notationName(f), f);
    }
    ACTIVATIONS.put("swish", ActivationFunction.SILU);
  }

  private static final String LAYER_KINDS = "dense, conv2d, maxpool, avgpool, adaptiveavgpool, globalavgpool, "
      + "batchnorm, flatten, dropout, residual, or an activation (relu, relu6, leakyrelu, sigmoid, tanh, "
      + "softmax, gelu, silu, hardswish, hardsigmoid, elu, identity)";

  /**
   * Deepest nesting of residual blocks accepted; deeper text is an error, not a stack overflow. The
   * annotation processor refuses deeper networks with the same limit, so that every generated
   * class's notation reads back.
   */
  public static final int MAX_NESTING = 64;

  private final String text;
  private int pos;
  private int nesting;

  private NotationParser(String text) {
    this.text = text;
  }

  /** Parses {@code notation} into a network called {@code name}. */
  public static Network parse(String name, String notation) {
    NotationParser parser = new NotationParser(notation);
    return parser.network(name);
  }

  private Network network(String name) {
    skipSpace();
    int inputColumn = column();
    String keyword = word();
    if (!keyword.equals("input")) {
      throw error(inputColumn, "expected 'input(...)' first, found " + describe(keyword));
    }
    Call input = arguments("input", inputColumn);
    Shape shape = inputShape(input);
    Format format = input.named.containsKey("format") ? format(input) : Format.FP32;
    List<Layer> layers = new ArrayList<>();
    List<Integer> columns = new ArrayList<>();
    skipSpace();
    while (pos < text.length()) {
      columns.add(column());
      layers.add(layer());
      skipSpace();
    }
    try {
      return new Network(name, shape, format, layers);
    } catch (InvalidNetworkException e) {
      int at = e.layerIndex() == 0 ? inputColumn : columns.get(e.layerIndex() - 1);
      throw error(at, e.layerName() + ": " + e.problem());
    }
  }

  private Shape inputShape(Call input) {
    input.allow(Set.of("format"));
    List<String> dims = input.positional;
    try {
      if (dims.size() == 1) {
        return Shape.flat(input.intAt(0));
      }
      if (dims.size() == 3) {
        return Shape.of(input.intAt(0), input.intAt(1), input.intAt(2));
      }
    } catch (IllegalArgumentException e) {
      throw error(input.column, "input: " + e.getMessage());
    }
    throw error(input.column, "input takes 1 size (features) or 3 (channels,height,width), found " + dims.size());
  }

  private Format format(Call input) {
    Arg value = input.named.get("format");
    try {
      return Format.parse(value.text);
    } catch (IllegalArgumentException e) {
      throw error(value.column, e.getMessage());
    }
  }

  private Layer layer() {
    int start = column();
    String kind = word();
    if (kind.isEmpty()) {
      throw error(start, "expected a layer (" + LAYER_KINDS + "), found " + describe(peekChar()));
    }
    if (kind.equals("residual")) {
      return residual(start);
    }
    ActivationFunction activation = ACTIVATIONS.get(kind);
    Call call = optionalArguments(kind, start);
    try {
      if (activation != null) {
        call.noArguments();
        return new Layer.Activation(activation);
      }
      return switch (kind) {
        case "dense" -> {
          call.allow(Set.of("bias"));
          call.positionalCount(1, 1);
          yield new Layer.Dense(call.intAt(0), call.bool("bias", true));
        }
        case "conv2d" -> {
          call.allow(Set.of("k", "s", "p", "d", "g", "bias"));
          call.positionalCount(1, 2);
          int kernel = call.positional.size() == 2 ? call.intAt(1) : call.requiredInt("k");
          yield new Layer.Conv2d(call.intAt(0), kernel, call.optInt("s", 1), call.optInt("p", 0),
              call.optInt("d", 1), call.optInt("g", 1), call.bool("bias", true));
        }
        case "maxpool", "avgpool" -> {
          call.allow(Set.of("k", "s", "p"));
          call.positionalCount(0, 1);
          int kernel = call.positional.size() == 1 ? call.intAt(0) : call.requiredInt("k");
          int stride = call.optInt("s", kernel);
          int padding = call.optInt("p", 0);
          yield kind.equals("maxpool") ? new Layer.MaxPool2d(kernel, stride, padding)
              : new Layer.AvgPool2d(kernel, stride, padding);
        }
        case "adaptiveavgpool" -> {
          call.allow(Set.of());
          call.positionalCount(0, 1);
          yield new Layer.AdaptiveAvgPool2d(call.positional.isEmpty() ? 1 : call.intAt(0));
        }
        case "globalavgpool" -> {
          call.noArguments();
          yield new Layer.AdaptiveAvgPool2d(1);
        }
        case "batchnorm" -> {
          call.noArguments();
          yield new Layer.BatchNorm();
        }
        case "flatten" -> {
          call.noArguments();
          yield new Layer.Flatten();
        }
        case "dropout" -> {
          call.allow(Set.of());
          call.positionalCount(0, 1);
          yield new Layer.Dropout(call.positional.isEmpty() ? Layer.Dropout.DEFAULT_RATE : call.doubleAt(0));
        }
        default -> throw error(start, "unknown layer '" + kind + "', expected " + LAYER_KINDS);
      };
    } catch (NotationException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw error(start, kind + ": " + e.getMessage());
    }
  }

  private Layer residual(int start) {
    if (++nesting > MAX_NESTING) {
      throw error(start, "residual blocks nested more than " + MAX_NESTING + " deep");
    }
    skipSpace();
    expect('(', "after 'residual'");
    List<Layer> body = new ArrayList<>();
    List<Layer> shortcut = new ArrayList<>();
    List<Layer> branch = body;
    while (true) {
      skipSpace();
      if (pos >= text.length()) {
        throw error(column(), "expected ')' to close the residual block opened at column " + start + ", found end of text");
      }
      char c = text.charAt(pos);
      if (c == ')') {
        pos++;
        break;
      }
      if (c == '|') {
        if (branch == shortcut) {
          throw error(column(), "a residual block has one '|' (body | shortcut), found a second");
        }
        pos++;
        branch = shortcut;
        continue;
      }
      branch.add(layer());
    }
    if (body.isEmpty()) {
      throw error(start, "residual: the body before '|' needs at least one layer");
    }
    nesting--;
    return new Layer.Residual(body, shortcut);
  }

  // ---- arguments -------------------------------------------------------------------------

  private Call arguments(String kind, int start) {
    skipSpace();
    if (pos >= text.length() || text.charAt(pos) != '(') {
      throw error(column(), "expected '(' after '" + kind + "', found " + describe(peekChar()));
    }
    return parseArguments(kind, start);
  }

  private Call optionalArguments(String kind, int start) {
    if (pos < text.length() && text.charAt(pos) == '(') {
      return parseArguments(kind, start);
    }
    return new Call(kind, start);
  }

  private Call parseArguments(String kind, int start) {
    Call call = new Call(kind, start);
    pos++; // '('
    skipSpace();
    if (pos < text.length() && text.charAt(pos) == ')') {
      pos++;
      return call;
    }
    while (true) {
      skipSpace();
      int argColumn = column();
      String token = token();
      if (token.isEmpty()) {
        throw error(argColumn, "expected a number or key=value in " + kind + "(...), found " + describe(peekChar()));
      }
      skipSpace();
      if (pos < text.length() && text.charAt(pos) == '=') {
        pos++;
        skipSpace();
        int valueColumn = column();
        String value = token();
        if (value.isEmpty()) {
          throw error(valueColumn, "expected a value after '" + token + "=', found " + describe(peekChar()));
        }
        if (call.named.put(token, new Arg(value, valueColumn)) != null) {
          throw error(argColumn, kind + ": '" + token + "' is given twice");
        }
        call.keyColumns.put(token, argColumn);
      } else {
        if (!call.named.isEmpty()) {
          throw error(argColumn, kind + ": positional argument '" + token + "' after key=value arguments");
        }
        checkNumber(token, argColumn);
        call.positional.add(token);
        call.positionalColumns.add(argColumn);
      }
      skipSpace();
      char c = peekChar();
      if (c == ',') {
        pos++;
      } else if (c == ')') {
        pos++;
        return call;
      } else {
        throw error(column(), "expected ',' or ')' in " + kind + "(...), found " + describe(c));
      }
    }
  }

  private static void checkNumber(String token, int at) {
    try {
      if (Double.isFinite(Double.parseDouble(token))) {
        return;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw error(at, "expected a number, found '" + token + "'");
  }

  /** One layer's parsed arguments, with the columns they came from. */
  private final class Call {
    final String kind;
    final int column;
    final List<String> positional = new ArrayList<>();
    final List<Integer> positionalColumns = new ArrayList<>();
    final Map<String, Arg> named = new LinkedHashMap<>();
    final Map<String, Integer> keyColumns = new HashMap<>();

    Call(String kind, int column) {
      this.kind = kind;
      this.column = column;
    }

    void noArguments() {
      allow(Set.of());
      positionalCount(0, 0);
    }

    void allow(Set<String> keys) {
      for (String key : named.keySet()) {
        if (!keys.contains(key)) {
          throw error(keyColumns.get(key), kind + " has no option '" + key + "'"
              + (keys.isEmpty() ? "" : ", expected one of " + String.join(", ", keys.stream().sorted().toList())));
        }
      }
    }

    void positionalCount(int min, int max) {
      int n = positional.size();
      if (n < min || n > max) {
        int at = n > max ? positionalColumns.get(max) : column;
        String expected = min == max ? Integer.toString(min) : min + " to " + max;
        throw error(at, kind + " takes " + expected + " positional argument" + (max == 1 ? "" : "s") + ", found " + n);
      }
    }

    int intAt(int i) {
      return toInt(positional.get(i), positionalColumns.get(i));
    }

    double doubleAt(int i) {
      String t = positional.get(i);
      try {
        return Double.parseDouble(t);
      } catch (NumberFormatException e) {
        throw error(positionalColumns.get(i), "expected a number, found '" + t + "'");
      }
    }

    int requiredInt(String key) {
      if (!named.containsKey(key)) {
        throw error(column, kind + " needs a kernel size: " + kind + "(..., " + key + "=3)");
      }
      return optInt(key, 0);
    }

    int optInt(String key, int fallback) {
      Arg arg = named.get(key);
      return arg == null ? fallback : toInt(arg.text, arg.column);
    }

    boolean bool(String key, boolean fallback) {
      Arg arg = named.get(key);
      if (arg == null) {
        return fallback;
      }
      return switch (arg.text) {
        case "true" -> true;
        case "false" -> false;
        default -> throw error(arg.column, key + " must be true or false, found '" + arg.text + "'");
      };
    }

    private int toInt(String token, int at) {
      try {
        return Integer.parseInt(token);
      } catch (NumberFormatException e) {
        throw error(at, "expected a whole number from -2147483648 to 2147483647, found '" + token + "'");
      }
    }
  }

  private record Arg(String text, int column) {}

  // ---- lexing --------------------------------------------------------------------------

  private String word() {
    int start = pos;
    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    return text.substring(start, pos).toLowerCase(java.util.Locale.ROOT);
  }

  private String token() {
    int start = pos;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '+' || c == '_') {
        pos++;
      } else {
        break;
      }
    }
    return text.substring(start, pos);
  }

  private void expect(char c, String where) {
    if (peekChar() != c) {
      throw error(column(), "expected '" + c + "' " + where + ", found " + describe(peekChar()));
    }
    pos++;
  }

  private char peekChar() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private int column() {
    return pos + 1;
  }

  private static String describe(char c) {
    return c == '\0' ? "end of text" : "'" + c + "'";
  }

  private static String describe(String word) {
    return word.isEmpty() ? "nothing" : "'" + word + "'";
  }

  private static NotationException error(int column, String problem) {
    return new NotationException(column, problem);
  }
}
