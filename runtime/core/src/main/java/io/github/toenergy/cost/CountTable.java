package io.github.toenergy.cost;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.model.Format;
import io.github.toenergy.model.LayerKind;
import io.github.toenergy.model.Network;
import io.github.toenergy.model.Shape;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The per-layer counts of one network in both phases: what a generated estimator holds. The
 * annotation processor counts the network at compile time and writes this table into the generated
 * class in its compact form ({@link #compact}); at run time {@link #of(String, Format, String, String,
 * String, String)} rebuilds the same rows from that text, without parsing the network or counting
 * anything. An energy profile then only applies its coefficients to the rows
 * ({@code Profile.estimator(CountTable)}), so a refitted profile applies to an already compiled class.
 *
 * <p>The compact form is three texts of space-separated tokens. Layers with the same kind,
 * notation, output and counts share one <em>distinct row</em>, so a network of repeated blocks
 * stays short:
 *
 * <ul>
 *   <li>{@code ops}: the names of the {@link Op}s counted anywhere in the table, e.g. {@code ADD MAC};
 *       a count below refers to an op by its position in this list;
 *   <li>{@code rows}: the distinct rows, each ended by {@code ;}:
 *       <pre>kind start..end output parameters | INFERENCE | TRAINING</pre>
 *       where the layer's notation is {@code notation.substring(start, end)} of the network's notation
 *       (a residual block's notation holds its layers', so each is stored once), {@code output} is
 *       {@code CxHxW} or a number of features, and each phase is
 *       <pre>weightWordsPerStep activationWordsPerSample op:count ... / op:count ...</pre>
 *       the counts per sample before the {@code /}, those per step after it;
 *   <li>{@code layers}: every layer in order as {@code name:row}, {@code row} counting distinct rows from 0.
 * </ul>
 *
 * Text rather than array constants because a class file caps a static initialiser at 64 KB of
 * bytecode, about 8,000 array elements (a few hundred distinct layers), while string constants only
 * need splitting into pieces of 64 KB. Immutable and thread-safe.
 */
public final class CountTable {
  private final NetworkCost inference;
  private final NetworkCost training;

  private CountTable(NetworkCost inference, NetworkCost training) {
    this.inference = inference;
    this.training = training;
  }

  /**
   * Counts both phases of {@code network}.
   *
   * @throws CountOverflowException naming the layer whose count exceeds a {@code long}
   */
  public static CountTable of(Network network) {
    return of(NetworkCost.of(network, Phase.INFERENCE), NetworkCost.of(network, Phase.TRAINING));
  }

  /**
   * The two phases of one network.
   *
   * @throws IllegalArgumentException when they are not the same network's layers
   */
  public static CountTable of(NetworkCost inference, NetworkCost training) {
    if (inference.phase() != Phase.INFERENCE || training.phase() != Phase.TRAINING
        || !inference.networkName().equals(training.networkName()) || inference.format() != training.format()
        || inference.layers().size() != training.layers().size()) {
      throw new IllegalArgumentException("not the inference and training costs of one network: "
          + inference.networkName() + " " + inference.phase() + ", " + training.networkName() + " " + training.phase());
    }
    return new CountTable(inference, training);
  }

  /** The network's name, for messages. */
  public String networkName() {
    return inference.networkName();
  }

  public Format format() {
    return inference.format();
  }

  public NetworkCost inference() {
    return inference;
  }

  public NetworkCost training() {
    return training;
  }

  /** The cost table of {@code phase}. */
  public NetworkCost cost(Phase phase) {
    return phase == Phase.TRAINING ? training : inference;
  }

  // ---- the compact form ------------------------------------------------------------------------

  /** Where a layer's kind becomes the token the compact form stores, and back: the only two places. */
  private static String kindToken(LayerKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  private static LayerKind kindOf(Tokens in) {
    String token = in.next();
    try {
      return LayerKind.valueOf(token.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw in.error("'" + token + "' is no layer kind of this runtime");
    }
  }

  private static final String ROW_END = ";";
  private static final String PHASE = "|";
  private static final String PER_STEP = "/";

  /**
   * The table as a generated class holds it (format in the class comment).
   *
   * @param ops the names of the ops counted somewhere in the table, in {@link Op} order
   * @param rows the distinct rows in order of first use, each ended by {@code ;}
   * @param layers every layer in order as {@code name:row}
   */
  public record Compact(List<String> ops, List<String> rows, List<String> layers) {}

  /**
   * This table in compact form.
   *
   * @param notation the network's notation, which holds every layer's notation
   * @throws IllegalArgumentException when a layer's notation is not part of {@code notation}, or its
   *     name or parameters differ between the phases (neither happens for a table the runtime counted)
   */
  public Compact compact(String notation) {
    List<LayerCost> inferenceRows = inference.layers();
    List<LayerCost> trainingRows = training.layers();
    Map<Op, Integer> opIndex = new EnumMap<>(Op.class);
    for (List<LayerCost> rows : List.of(inferenceRows, trainingRows)) {
      for (LayerCost row : rows) {
        row.perSample().asMap().keySet().forEach(op -> opIndex.put(op, 0));
        row.perStep().asMap().keySet().forEach(op -> opIndex.put(op, 0));
      }
    }
    List<String> ops = new ArrayList<>();
    for (Op op : opIndex.keySet()) {
      opIndex.put(op, ops.size());
      ops.add(op.name());
    }
    Map<String, int[]> spans = new HashMap<>();
    Map<String, Integer> rowIndex = new HashMap<>();
    List<String> rows = new ArrayList<>();
    List<String> layers = new ArrayList<>(inferenceRows.size());
    int cursor = 0;
    for (int l = 0; l < inferenceRows.size(); l++) {
      LayerCost forward = inferenceRows.get(l);
      LayerCost trained = trainingRows.get(l);
      if (!forward.name().equals(trained.name()) || forward.parameters() != trained.parameters()
          || !isToken(forward.name())) {
        throw new IllegalArgumentException(networkName() + ", layer " + forward.name()
            + ": a name with a space, colon or semicolon, or phases that disagree on its name or parameters");
      }
      int[] span = spans.get(forward.notation());
      if (span == null) {
        span = find(notation, forward.notation(), cursor);
        spans.put(forward.notation(), span);
      }
      if (span[0] >= cursor) {
        cursor = span[1]; // layers come in the order of the notation, a residual's sum after its layers
      }
      StringBuilder row = new StringBuilder()
          .append(kindToken(forward.kind())).append(' ').append(span[0]).append("..").append(span[1])
          .append(' ').append(forward.output()).append(' ').append(forward.parameters());
      phase(row, forward, opIndex);
      phase(row, trained, opIndex);
      String text = row.append(ROW_END).toString();
      Integer index = rowIndex.get(text);
      if (index == null) {
        index = rows.size();
        rowIndex.put(text, index);
        rows.add(text);
      }
      layers.add(forward.name() + ":" + index);
    }
    return new Compact(List.copyOf(ops), List.copyOf(rows), List.copyOf(layers));
  }

  /** Whether {@code name} can be a layer's name in the compact form: no space, colon or semicolon. */
  private static boolean isToken(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isWhitespace(c) || c == ':' || c == ROW_END.charAt(0)) {
        return false;
      }
    }
    return true;
  }

  /** Where {@code part} lies in {@code notation}: looked for from {@code from} first, then from the start. */
  private int[] find(String notation, String part, int from) {
    int start = notation.indexOf(part, from);
    if (start < 0) {
      start = notation.indexOf(part);
    }
    if (start < 0) {
      throw new IllegalArgumentException(networkName() + ": layer notation '" + part
          + "' is not part of the network's notation");
    }
    return new int[] {start, start + part.length()};
  }

  private static void phase(StringBuilder row, LayerCost layer, Map<Op, Integer> opIndex) {
    row.append(' ').append(PHASE).append(' ').append(layer.weightWordsPerStep())
        .append(' ').append(layer.activationWordsPerSample());
    ops(row, layer.perSample(), opIndex);
    row.append(' ').append(PER_STEP);
    ops(row, layer.perStep(), opIndex);
  }

  private static void ops(StringBuilder row, OpCounts counts, Map<Op, Integer> opIndex) {
    for (Map.Entry<Op, Long> e : counts.asMap().entrySet()) {
      row.append(' ').append(opIndex.get(e.getKey())).append(':').append(e.getValue());
    }
  }

  /**
   * Rebuilds a table from its compact form, as a generated class holds it (see the class comment):
   * {@code ops}, {@code rows} and {@code layers} are the compact form's lists joined by spaces.
   *
   * @param networkName the network's name, for messages
   * @param notation the network's notation, which holds every layer's notation
   * @throws IllegalArgumentException naming the token that does not fit the format
   */
  public static CountTable of(String networkName, Format format, String notation, String ops, String rows,
      String layers) {
    Tokens opTokens = new Tokens(networkName, "ops", ops);
    List<Op> opList = new ArrayList<>();
    while (opTokens.more()) {
      String name = opTokens.next();
      try {
        opList.add(Op.valueOf(name));
      } catch (IllegalArgumentException e) {
        throw opTokens.error("'" + name + "' is no op of this runtime");
      }
    }
    Tokens rowTokens = new Tokens(networkName, "rows", rows);
    List<LayerCost[]> distinct = new ArrayList<>();
    while (rowTokens.more()) {
      distinct.add(row(rowTokens, format, notation, opList));
    }
    Tokens layerTokens = new Tokens(networkName, "layers", layers);
    List<LayerCost> inference = new ArrayList<>();
    List<LayerCost> training = new ArrayList<>();
    while (layerTokens.more()) {
      String layer = layerTokens.next();
      int colon = layer.lastIndexOf(':');
      int row = colon < 0 ? -1 : layerTokens.index(layer.substring(colon + 1), distinct.size());
      if (row < 0) {
        throw layerTokens.error("'" + layer + "' is not name:row");
      }
      String name = layer.substring(0, colon);
      inference.add(named(distinct.get(row)[0], name));
      training.add(named(distinct.get(row)[1], name));
    }
    return new CountTable(NetworkCost.of(networkName, format, Phase.INFERENCE, inference),
        NetworkCost.of(networkName, format, Phase.TRAINING, training));
  }

  private static LayerCost named(LayerCost row, String name) {
    return new LayerCost(name, row.kind(), row.notation(), row.output(), row.perSample(), row.perStep(),
        row.parameters(), row.weightWordsPerStep(), row.activationWordsPerSample());
  }

  /** One distinct row: its inference and its training cost, named later. */
  private static LayerCost[] row(Tokens in, Format format, String notation, List<Op> ops) {
    LayerKind kind = kindOf(in);
    String span = in.next();
    int dots = span.indexOf("..");
    int start = dots < 0 ? -1 : in.index(span.substring(0, dots), notation.length() + 1);
    int end = dots < 0 ? -1 : in.index(span.substring(dots + 2), notation.length() + 1);
    if (start < 0 || end < start) {
      throw in.error("'" + span + "' is not a span start..end of the notation");
    }
    String layerNotation = notation.substring(start, end);
    Shape output = shape(in);
    long parameters = in.number();
    LayerCost[] phases = new LayerCost[2];
    for (int p = 0; p < phases.length; p++) {
      in.expect(PHASE);
      long weightWords = in.number();
      long activationWords = in.number();
      OpCounts perSample = opCounts(in, ops, PER_STEP);
      in.expect(PER_STEP);
      OpCounts perStep = opCounts(in, ops, p == 0 ? PHASE : ROW_END);
      phases[p] = new LayerCost("", kind, layerNotation, output, perSample, perStep, parameters, weightWords,
          activationWords);
    }
    in.expect(ROW_END);
    return phases;
  }

  private static Shape shape(Tokens in) {
    String text = in.next();
    String[] sizes = text.split("x", -1);
    try {
      if (sizes.length == 1) {
        return Shape.flat(Integer.parseInt(sizes[0]));
      }
      if (sizes.length == 3) {
        return Shape.of(Integer.parseInt(sizes[0]), Integer.parseInt(sizes[1]), Integer.parseInt(sizes[2]));
      }
    } catch (IllegalArgumentException e) { // not a number, or not positive
      throw in.error("'" + text + "' is not an output shape: " + e.getMessage());
    }
    throw in.error("'" + text + "' is not an output shape CxHxW or a number of features");
  }

  /** {@code op:count} tokens up to {@code end}, which is left for the caller. */
  private static OpCounts opCounts(Tokens in, List<Op> ops, String end) {
    OpCounts.Builder counts = OpCounts.builder();
    while (!in.peek().equals(end)) {
      String token = in.next();
      int colon = token.indexOf(':');
      int op = colon < 0 ? -1 : in.index(token.substring(0, colon), ops.size());
      if (op < 0) {
        throw in.error("'" + token + "' is not op:count");
      }
      counts.add(ops.get(op), in.parse(token.substring(colon + 1)));
    }
    return counts.build();
  }

  /** The space-separated tokens of one text of the compact form, read in order. */
  private static final class Tokens {
    private final String networkName;
    private final String what;
    private final String[] tokens;
    private int at;
    /** The token an error is about: the one read last, or the one missing. */
    private int current;

    Tokens(String networkName, String what, String text) {
      this.networkName = networkName;
      this.what = what;
      // the row end may touch the token before it: "... 2:216;" reads as "2:216" ";"
      this.tokens = text.replace(ROW_END, " " + ROW_END + " ").trim().split(" +");
      this.at = tokens.length == 1 && tokens[0].isEmpty() ? 1 : 0;
    }

    boolean more() {
      return at < tokens.length;
    }

    String peek() {
      if (!more()) {
        current = at;
        throw error("ends too early");
      }
      return tokens[at];
    }

    String next() {
      String token = peek();
      current = at++;
      return token;
    }

    void expect(String token) {
      String found = next();
      if (!found.equals(token)) {
        throw error("expected '" + token + "', found '" + found + "'");
      }
    }

    long number() {
      return parse(next());
    }

    /** A count: ASCII digits, at most a long. */
    long parse(String text) {
      if (!digits(text, 19)) {
        throw error("'" + text + "' is not a count");
      }
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw error("'" + text + "' is larger than a long");
      }
    }

    /** A whole number from 0 below {@code limit}, or -1. */
    int index(String text, int limit) {
      if (!digits(text, 9)) {
        return -1;
      }
      int value = Integer.parseInt(text);
      return value < limit ? value : -1;
    }

    private static boolean digits(String text, int most) {
      if (text.isEmpty() || text.length() > most) {
        return false;
      }
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) < '0' || text.charAt(i) > '9') {
          return false;
        }
      }
      return true;
    }

    IllegalArgumentException error(String problem) {
      return new IllegalArgumentException("count table of " + networkName + ", " + what + " token " + current + ": "
          + problem);
    }
  }
}
