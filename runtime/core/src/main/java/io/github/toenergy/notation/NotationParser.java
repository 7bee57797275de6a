package io.github.toenergy.notation;

import io.github.toenergy.annotations.ActivationFunction;
import io.github.toenergy.annotations.UpsampleMode;
import io.github.toenergy.model.Format;
import io.github.toenergy.model.InvalidLayerException;
import io.github.toenergy.model.InvalidNetworkException;
import io.github.toenergy.model.Layer;
import io.github.toenergy.model.LayerKind;
import io.github.toenergy.model.Network;
import io.github.toenergy.model.Shape;
import io.github.toenergy.model.Size2d;
import io.github.toenergy.text.InputText;
import io.github.toenergy.text.Suggestions;
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
 * input    := "input" "(" int ("," int ("," int)?)? ("," "format" "=" name)? ")"
 * layer    := name ("(" arg ("," arg)* ")")?  |  "residual" "(" layer+ ("|" layer*)? ")"
 *           |  "concat" "(" layer* ("|" layer*)+ ")"  |  "gate" "(" layer+ ")"
 *           |  "repeat" "(" int "," layer+ ")"
 * arg      := number | key "=" (number | "(" number "," number ")" | name)
 * </pre>
 *
 * Every error is a {@link NotationException} carrying the column where it was found.
 */
public final class NotationParser {
  /** The layer keywords for messages, from the vocabulary: every kind's, then the activations'. */

  private final String text;
  private int pos;
  private int nesting;
  private int layers;

  private NotationParser(String text) {
    this.text = text;
  }

  /**
   * Parses {@code notation} into a network called {@code name}. A leading byte-order mark is skipped
   * (columns still count it); control characters other than tab and line breaks, text beyond
   * {@link NotationLimits} and numbers in other scripts' digits are errors.
   */
  public static Network parse(String name, String notation) {
    if (notation.length() > NotationLimits.MAX_CHARACTERS) {
      throw error(NotationLimits.MAX_CHARACTERS + 1, "the notation has " + notation.length()
          + " characters, more than the limit of " + NotationLimits.MAX_CHARACTERS);
    }
    int control = InputText.firstControl(notation);
    if (control >= 0) {
      throw error(control + 1, "control character " + InputText.excerpt(notation.substring(control, control + 1))
          + " is not allowed, in '" + InputText.excerpt(notation.substring(Math.max(0, control - 20))) + "'");
    }
    NotationParser parser = new NotationParser(notation);
    if (!notation.isEmpty() && notation.charAt(0) == InputText.BOM) {
      parser.pos = 1;
    }
    return parser.network(name);
  }

  private static List<String> activationNames() {
    List<String> functions = new ArrayList<>();
    for (ActivationFunction f : ActivationFunction.values()) {
      functions.add(Layer.Activation.notationName(f));
    }
    return functions;
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
      if (dims.size() == 2) {
        return Shape.sequence(input.intAt(0), input.intAt(1));
      }
      if (dims.size() == 3) {
        return Shape.of(input.intAt(0), input.intAt(1), input.intAt(2));
      }
    } catch (IllegalArgumentException e) {
      throw error(input.column, "input: " + e.getMessage());
    }
    throw error(input.column, "input takes 1 size (features), 2 (length,features) or 3 (channels,height,width), found " + dims.size());
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
    if (++layers > NotationLimits.MAX_LAYERS) {
      throw error(start, "more than " + NotationLimits.MAX_LAYERS + " layers, the limit of one network");
    }
    String word = word();
    if (word.isEmpty()) {
      throw error(start, "expected a layer (a keyword such as conv2d, dense or relu; every layer: docs/notation.md), found "
          + describe(peekChar()));
    }
    LayerKind kind = LayerKind.byKeyword(word);
    if (kind == null) {
      // the vocabulary is too long to list in one line: the close names, else where they all are
      List<String> close = Suggestions.similar(word, LayerKind.byKeywordNames());
      close = close.subList(0, Math.min(3, close.size()));
      String alternatives = close.size() < 2 ? String.join("", close)
          : String.join(", ", close.subList(0, close.size() - 1)) + " or " + close.get(close.size() - 1);
      throw error(start, "unknown layer " + quote(word) + (close.isEmpty() ? "" : ", did you mean " + alternatives + "?")
          + " (every layer and its keyword: docs/notation.md)");
    }
    if (kind == LayerKind.RESIDUAL) {
      return residual(start);
    }
    if (kind == LayerKind.REPEAT) {
      return repeat(start);
    }
    if (kind == LayerKind.CONCAT || kind == LayerKind.GATE) {
      List<List<Layer>> branches = kind == LayerKind.CONCAT ? branches(word, start, Integer.MAX_VALUE, "")
          : branches(word, start, 0, "a gate block has no '|': its layers compute the gate from the block's input");
      try {
        return kind == LayerKind.CONCAT ? new Layer.Concat(branches) : new Layer.Gate(branches.get(0));
      } catch (InvalidLayerException e) {
        throw error(start, word + ": " + e.getMessage());
      }
    }
    Call call = optionalArguments(word, start);
    try {
      // one case per kind, no default: a new kind does not compile until it has a spelling here
      return switch (kind) {
        case DENSE -> {
          call.allow(Set.of("bias"));
          call.positionalCount(1, 1);
          yield new Layer.Dense(call.intAt(0), call.bool("bias", true));
        }
        case CONV2D -> {
          call.allow(Set.of("k", "s", "p", "d", "g", "bias"));
          call.positionalCount(1, 2);
          Size2d kernel = call.positional.size() == 2 ? Size2d.square(call.intAt(1)) : call.requiredSize("k");
          yield new Layer.Conv2d(call.intAt(0), kernel, call.optSize("s", 1), call.optSize("p", 0),
              call.optInt("d", 1), call.optInt("g", 1), call.bool("bias", true));
        }
        case CONV_TRANSPOSE2D -> {
          call.allow(Set.of("k", "s", "p", "op", "d", "g", "bias"));
          call.positionalCount(1, 2);
          Size2d kernel = call.positional.size() == 2 ? Size2d.square(call.intAt(1)) : call.requiredSize("k");
          yield new Layer.ConvTranspose2d(call.intAt(0), kernel, call.optSize("s", 1), call.optSize("p", 0),
              call.optSize("op", 0), call.optInt("d", 1), call.optInt("g", 1), call.bool("bias", true));
        }
        case MAX_POOL2D, AVG_POOL2D -> {
          call.allow(Set.of("k", "s", "p", "ceil"));
          call.positionalCount(0, 1);
          Size2d kernel = call.positional.size() == 1 ? Size2d.square(call.intAt(0)) : call.requiredSize("k");
          Size2d stride = call.named.containsKey("s") ? call.optSize("s", 0) : kernel;
          Size2d padding = call.optSize("p", 0);
          boolean ceil = call.bool("ceil", false);
          yield kind == LayerKind.MAX_POOL2D ? new Layer.MaxPool2d(kernel, stride, padding, ceil)
              : new Layer.AvgPool2d(kernel, stride, padding, ceil);
        }
        case ADAPTIVE_AVG_POOL2D -> {
          if (!word.equals(kind.keywords().get(0))) { // globalavgpool: output 1, nothing to say
            call.noArguments();
            yield new Layer.AdaptiveAvgPool2d(1);
          }
          call.allow(Set.of());
          call.positionalCount(0, 2);
          int height = call.positional.isEmpty() ? 1 : call.intAt(0);
          yield new Layer.AdaptiveAvgPool2d(new Size2d(height, call.positional.size() == 2 ? call.intAt(1) : height));
        }
        case UPSAMPLE -> {
          call.allow(Set.of("mode"));
          call.positionalCount(1, 1);
          yield new Layer.Upsample(call.intAt(0), call.upsampleMode());
        }
        case BATCH_NORM -> {
          call.noArguments();
          yield new Layer.BatchNorm();
        }
        case FLATTEN -> {
          call.noArguments();
          yield new Layer.Flatten();
        }
        case DROPOUT -> {
          call.allow(Set.of());
          call.positionalCount(0, 1);
          yield new Layer.Dropout(call.positional.isEmpty() ? Layer.Dropout.DEFAULT_RATE : call.doubleAt(0));
        }
        case ACTIVATION -> {
          call.noArguments();
          yield new Layer.Activation(java.util.Objects.requireNonNull(Layer.Activation.byKeyword(word)));
        }
        case LSTM, GRU -> {
          call.allow(Set.of("layers", "bidirectional", "bias"));
          call.positionalCount(1, 1);
          int hidden = call.intAt(0);
          int stacked = call.optInt("layers", 1);
          boolean bidirectional = call.bool("bidirectional", false);
          boolean bias = call.bool("bias", true);
          yield kind == LayerKind.LSTM ? new Layer.Lstm(hidden, stacked, bidirectional, bias)
              : new Layer.Gru(hidden, stacked, bidirectional, bias);
        }
        case MIXTURE_OF_EXPERTS -> {
          call.allow(Set.of("experts", "top", "hidden", "shared", "act", "gated", "bias"));
          call.positionalCount(0, 0);
          yield new Layer.MixtureOfExperts(call.requiredInt("experts", "experts=8"), call.requiredInt("top", "top=2"),
              call.requiredInt("hidden", "hidden=14336"), call.optInt("shared", 0), call.activation("act"),
              call.bool("gated", true), call.bool("bias", false));
        }
        case MAMBA2 -> {
          call.allow(Set.of("state", "heads", "headdim", "expand", "groups", "conv", "chunk", "bias", "convbias"));
          call.positionalCount(0, 0);
          yield new Layer.Mamba2(call.optInt("state", Layer.Mamba2.DEFAULT_STATE), call.optInt("heads", 0),
              call.optInt("headdim", Layer.Mamba2.DEFAULT_HEAD_DIM), call.optInt("expand", 0),
              call.optInt("groups", 1), call.optInt("conv", Layer.Mamba2.DEFAULT_CONV),
              call.optInt("chunk", Layer.Mamba2.DEFAULT_CHUNK), call.bool("bias", false), call.bool("convbias", true));
        }
        case CHUNK -> {
          call.allow(Set.of());
          call.positionalCount(2, 2);
          yield new Layer.Chunk(call.intAt(0), call.intAt(1));
        }
        case CHANNEL_SHUFFLE -> {
          call.allow(Set.of());
          call.positionalCount(1, 1);
          yield new Layer.ChannelShuffle(call.intAt(0));
        }
        case LAYER_SCALE -> {
          call.noArguments();
          yield new Layer.LayerScale();
        }
        case RESIDUAL, CONCAT, GATE -> throw new IllegalStateException(word + " blocks are read by branches()");
        case REPEAT -> throw new IllegalStateException("repeats are read by repeat()");
        case CONV1D -> {
          call.allow(Set.of("k", "s", "p", "d", "g", "bias", "causal"));
          call.positionalCount(1, 2);
          int kernel = call.positional.size() == 2 ? call.intAt(1) : call.requiredInt("k");
          yield new Layer.Conv1d(call.intAt(0), kernel, call.optInt("s", 1), call.optInt("p", 0),
              call.optInt("d", 1), call.optInt("g", 1), call.bool("bias", true), call.bool("causal", false));
        }
        case EMBEDDING -> {
          call.allow(Set.of());
          call.positionalCount(2, 2);
          yield new Layer.Embedding(call.intAt(0), call.intAt(1));
        }
        case UNEMBED -> {
          call.allow(Set.of());
          call.positionalCount(1, 1);
          yield new Layer.Unembed(call.intAt(0));
        }
        case POSITION_EMBEDDING -> {
          call.allow(Set.of());
          call.positionalCount(1, 1);
          yield new Layer.PositionEmbedding(call.intAt(0));
        }
        case TOKENS -> {
          call.noArguments();
          yield new Layer.Tokens();
        }
        case COLUMNS -> {
          call.noArguments();
          yield new Layer.Columns();
        }
        case PIXEL_UNSHUFFLE -> {
          call.allow(Set.of());
          call.positionalCount(1, 1);
          yield new Layer.PixelUnshuffle(call.intAt(0));
        }
        case CLASS_TOKEN -> {
          call.noArguments();
          yield new Layer.ClassToken();
        }
        case SELECT_TOKEN -> {
          call.allow(Set.of());
          call.positionalCount(0, 1);
          yield new Layer.SelectToken(call.positional.isEmpty() ? 0 : call.intAt(0));
        }
        case LAYER_NORM -> {
          call.allow(Set.of("bias"));
          call.positionalCount(0, 0);
          yield new Layer.LayerNorm(call.bool("bias", true));
        }
        case RMS_NORM -> {
          call.noArguments();
          yield new Layer.RmsNorm();
        }
        case ATTENTION -> {
          call.allow(Set.of("kvheads", "headdim", "causal", "bias", "outbias", "window", "shift", "grid", "sliding",
              "relbias", "rope", "qknorm", "cross", "sinks", "cpb", "cosine"));
          call.positionalCount(1, 1);
          boolean bias = call.bool("bias", true);
          yield new Layer.Attention(call.intAt(0), call.optInt("kvheads", 0), call.optInt("headdim", 0),
              call.bool("causal", false), bias, call.bool("outbias", bias), call.optInt("window", 0),
              call.optInt("shift", 0), call.bool("grid", false), call.optInt("sliding", 0),
              call.optInt("relbias", 0), call.bool("rope", false), call.bool("qknorm", false),
              call.optInt("cross", 0), call.bool("sinks", false), call.optInt("cpb", 0), call.bool("cosine", false));
        }
        case LATENT_ATTENTION -> {
          call.allow(Set.of("qrank", "kvrank", "nope", "rope", "vdim", "causal"));
          call.positionalCount(1, 1);
          yield new Layer.LatentAttention(call.intAt(0), call.optInt("qrank", 0), call.requiredInt("kvrank"),
              call.requiredInt("nope"), call.requiredInt("rope"), call.requiredInt("vdim"), call.bool("causal", false));
        }
        case GLU -> {
          call.allow(Set.of("act", "bias"));
          call.positionalCount(1, 1);
          yield new Layer.Glu(call.intAt(0), call.activation("act", ActivationFunction.SILU), call.bool("bias", false));
        }
      };
    } catch (InvalidLayerException e) {
      throw error(start, word + ": " + e.getMessage());
    }
  }

  private Layer residual(int start) {
    List<List<Layer>> branches = branches("residual", start, 1,
        "a residual block has one '|' (body | shortcut), found a second");
    if (branches.get(0).isEmpty()) {
      throw error(start, "residual: the body before '|' needs at least one layer");
    }
    return new Layer.Residual(branches.get(0), branches.size() > 1 ? branches.get(1) : List.of());
  }

  /**
   * The branches of a block {@code keyword(layers | layers ...)}, separated by at most {@code bars}
   * '|' ({@code tooMany}: the error at one more); a branch may be empty.
   */
  private List<List<Layer>> branches(String keyword, int start, int bars, String tooMany) {
    if (++nesting > NotationLimits.MAX_NESTING) {
      throw error(start, keyword + " blocks nested more than " + NotationLimits.MAX_NESTING + " deep");
    }
    skipSpace();
    expect('(', "after '" + keyword + "'");
    List<List<Layer>> branches = new ArrayList<>();
    List<Layer> branch = new ArrayList<>();
    branches.add(branch);
    while (true) {
      skipSpace();
      if (pos >= text.length()) {
        throw error(column(), "expected ')' to close the " + keyword + " block opened at column " + start
            + ", found end of text");
      }
      char c = text.charAt(pos);
      if (c == ')') {
        pos++;
        break;
      }
      if (c == '|') {
        if (branches.size() > bars) {
          throw error(column(), tooMany);
        }
        pos++;
        branch = new ArrayList<>();
        branches.add(branch);
        continue;
      }
      branch.add(layer());
    }
    nesting--;
    return branches;
  }

  /**
   * {@code repeat(n, layers...)}. The layer limit counts the layers written out ({@code 1 + n x}
   * those inside), so a huge n is an error at its column before anything grows with it.
   */
  private Layer repeat(int start) {
    if (++nesting > NotationLimits.MAX_NESTING) {
      throw error(start, "blocks (residual, repeat) nested more than " + NotationLimits.MAX_NESTING + " deep");
    }
    skipSpace();
    expect('(', "after 'repeat'");
    skipSpace();
    int countColumn = column();
    String count = token();
    if (count.isEmpty()) {
      throw error(countColumn, "repeat needs a count first: repeat(3, layers...), found " + describe(peekChar()));
    }
    checkNumber(count, countColumn);
    Call counted = new Call("repeat", start);
    counted.positional.add(count);
    counted.positionalColumns.add(countColumn);
    int times = counted.intAt(0);
    if (times < 1) {
      throw error(countColumn, "repeat: the count must be positive, got " + times);
    }
    skipSpace();
    expect(',', "after the count of 'repeat'");
    int before = layers;
    List<Layer> body = new ArrayList<>();
    while (true) {
      skipSpace();
      if (pos >= text.length()) {
        throw error(column(), "expected ')' to close the repeat opened at column " + start + ", found end of text");
      }
      if (text.charAt(pos) == ')') {
        pos++;
        break;
      }
      body.add(layer());
    }
    if (body.isEmpty()) {
      throw error(start, "repeat: needs at least one layer after the count");
    }
    long inside = layers - before;
    long expanded = before + inside * times; // the repeat itself was counted in before; no overflow: both below 2^31
    if (expanded > NotationLimits.MAX_LAYERS) {
      throw error(countColumn, "repeat(" + times + ", ...) of " + inside + " layer" + (inside == 1 ? "" : "s")
          + " makes more than " + NotationLimits.MAX_LAYERS + " layers, the limit of one network");
    }
    layers = (int) expanded;
    nesting--;
    return new Layer.Repeat(times, body);
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
        String value = peekChar() == '(' ? tuple() : token();
        if (value.isEmpty()) {
          throw error(valueColumn, "expected a value after " + quote(token + "=") + ", found " + describe(peekChar()));
        }
        if (call.named.put(token, new Arg(value, valueColumn)) != null) {
          throw error(argColumn, kind + ": " + quote(token) + " is given twice");
        }
        call.keyColumns.put(token, argColumn);
      } else {
        if (!call.named.isEmpty()) {
          throw error(argColumn, kind + ": positional argument " + quote(token) + " after key=value arguments");
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
    throw error(at, "expected a number, found " + quote(token));
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
          throw error(keyColumns.get(key), kind + " has no option " + quote(key)
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
        throw error(positionalColumns.get(i), "expected a number, found " + quote(t));
      }
    }

    Size2d requiredSize(String key) {
      require(key);
      return optSize(key, 0);
    }

    /** A whole number that must be given (one number: conv1d's kernel, mla's ranks). */
    int requiredInt(String key) {
      require(key);
      return optInt(key, 0);
    }

    private void require(String key) {
      if (!named.containsKey(key)) {
        throw error(column, key.equals("k") ? kind + " needs a kernel size: " + kind + "(..., k=3)"
            : kind + " needs " + key + "=...");
      }
    }

    /** A size written {@code 3} (both sides) or {@code (1,7)} (height, width). */
    Size2d optSize(String key, int fallback) {
      Arg arg = named.get(key);
      if (arg == null) {
        return Size2d.square(fallback);
      }
      if (!arg.text.startsWith("(")) {
        return Size2d.square(toInt(arg.text, arg.column));
      }
      String[] sides = arg.text.substring(1, arg.text.length() - 1).split(",", -1);
      if (sides.length != 2) {
        throw error(arg.column, key + " is one number or (height,width), found " + quote(arg.text));
      }
      return new Size2d(toInt(sides[0].strip(), arg.column), toInt(sides[1].strip(), arg.column));
    }

    UpsampleMode upsampleMode() {
      Arg arg = named.get("mode");
      if (arg == null) {
        return UpsampleMode.NEAREST;
      }
      for (UpsampleMode mode : UpsampleMode.values()) {
        if (mode.name().toLowerCase(java.util.Locale.ROOT).equals(arg.text)) {
          return mode;
        }
      }
      throw error(arg.column, "mode must be nearest or bilinear, found " + quote(arg.text));
    }

    /** A required {@code key=value}; {@code example} shows how it is written. */
    int requiredInt(String key, String example) {
      if (!named.containsKey(key)) {
        throw error(column, kind + " needs " + key + ": " + kind + "(..., " + example + ")");
      }
      return optInt(key, 0);
    }

    /** An activation named by {@code key} ({@code act=gelu}); SiLU when absent. */
    ActivationFunction activation(String key) {
      Arg arg = named.get(key);
      if (arg == null) {
        return ActivationFunction.SILU;
      }
      ActivationFunction f = Layer.Activation.byKeyword(arg.text.toLowerCase(java.util.Locale.ROOT));
      if (f == null) {
        throw error(arg.column, key + " must name an activation (" + String.join(", ",
            java.util.Arrays.stream(ActivationFunction.values()).map(Layer.Activation::notationName).toList())
            + "), found " + quote(arg.text));
      }
      return f;
    }

    ActivationFunction activation(String key, ActivationFunction fallback) {
      Arg arg = named.get(key);
      if (arg == null) {
        return fallback;
      }
      ActivationFunction f = Layer.Activation.byKeyword(arg.text.toLowerCase(java.util.Locale.ROOT));
      if (f == null) {
        throw error(arg.column, key + " must be an activation (" + String.join(", ", activationNames()) + "), found "
            + quote(arg.text));
      }
      return f;
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
        default -> throw error(arg.column, key + " must be true or false, found " + quote(arg.text));
      };
    }

    private int toInt(String token, int at) {
      String digits = token.startsWith("-") || token.startsWith("+") ? token.substring(1) : token;
      if (InputText.isAsciiDigits(digits)) { // Integer.parseInt alone would read other scripts' digits
        try {
          return Integer.parseInt(token);
        } catch (NumberFormatException e) {
          // out of range: reported below
        }
      }
      throw error(at, "expected a whole number from -2147483648 to 2147483647 in ASCII digits, found " + quote(token));
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

  /** A parenthesised value such as {@code (1,7)}, returned as written; checked by its reader. */
  private String tuple() {
    int start = pos;
    while (pos < text.length() && text.charAt(pos) != ')' && text.charAt(pos) != '\n') {
      pos++;
    }
    if (pos >= text.length() || text.charAt(pos) != ')') {
      throw error(start + 1, "expected ')' to close " + quote(text.substring(start, pos)));
    }
    pos++;
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
    return c == '\0' ? "end of text" : quote(String.valueOf(c));
  }

  private static String describe(String word) {
    return word.isEmpty() ? "nothing" : quote(word);
  }

  /** User text quoted in a message: escaped and shortened, so that the message stays one short line. */
  private static String quote(String text) {
    return "'" + InputText.excerpt(text) + "'";
  }

  private static NotationException error(int column, String problem) {
    return new NotationException(column, problem);
  }
}
