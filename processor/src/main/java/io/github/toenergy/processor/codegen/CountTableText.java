package io.github.toenergy.processor.codegen;

import io.github.toenergy.cost.CountTable;
import io.github.toenergy.cost.LayerCost;
import io.github.toenergy.cost.Op;
import io.github.toenergy.cost.OpCounts;
import io.github.toenergy.model.LayerKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link CountTable} written in the compact form that {@code CountTable.of(name, format, notation,
 * ops, rows, layers)} reads back at run time (the format is documented there): the ops counted, the
 * distinct rows, and every layer as {@code name:row}. Here, not in the runtime, because only the
 * compiler writes it.
 *
 * @param ops the names of the ops counted somewhere in the table, in {@link Op} order
 * @param rows the distinct rows in order of first use, each ended by {@code ;}
 * @param layers every layer in order as {@code name:row}
 */
record CountTableText(List<String> ops, List<String> rows, List<String> layers) {

  /** The token of a layer's kind: its name in lower case, which the runtime reads back by name. */
  static String kindToken(LayerKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  /**
   * {@code table} in compact form.
   *
   * @param notation the network's notation, which holds every layer's notation
   * @throws IllegalArgumentException when a layer's notation is not part of {@code notation}, or its
   *     name or parameters differ between the phases (neither happens for a table the runtime counted)
   */
  static CountTableText of(CountTable table, String notation) {
    List<LayerCost> inferenceRows = table.inference().layers();
    List<LayerCost> trainingRows = table.training().layers();
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
        throw new IllegalArgumentException(table.networkName() + ", layer " + forward.name()
            + ": a name with a space, colon or semicolon, or phases that disagree on its name or parameters");
      }
      int[] span = spans.get(forward.notation());
      if (span == null) {
        span = find(table, notation, forward.notation(), cursor);
        spans.put(forward.notation(), span);
      }
      if (span[0] >= cursor) {
        cursor = span[1]; // layers come in the order of the notation, a residual's sum after its layers
      }
      StringBuilder row = new StringBuilder()
          .append(kindToken(forward.kind())).append(' ').append(span[0]).append("..").append(span[1])
          .append(' ').append(forward.output()).append(' ').append(forward.parameters());
      if (forward.activeParameters() != forward.parameters()) {
        row.append('/').append(forward.activeParameters()); // a mixture of experts: total/active
      }
      phase(row, forward, opIndex);
      phase(row, trained, opIndex);
      String text = row.append(';').toString();
      Integer index = rowIndex.get(text);
      if (index == null) {
        index = rows.size();
        rowIndex.put(text, index);
        rows.add(text);
      }
      layers.add(forward.name() + ":" + index);
    }
    return new CountTableText(List.copyOf(ops), List.copyOf(rows), List.copyOf(layers));
  }

  /** Whether {@code name} can be a layer's name in the compact form: no space, colon or semicolon. */
  private static boolean isToken(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isWhitespace(c) || c == ':' || c == ';') {
        return false;
      }
    }
    return true;
  }

  /** Where {@code part} lies in {@code notation}: looked for from {@code from} first, then from the start. */
  private static int[] find(CountTable table, String notation, String part, int from) {
    int start = notation.indexOf(part, from);
    if (start < 0) {
      start = notation.indexOf(part);
    }
    if (start < 0) {
      throw new IllegalArgumentException(table.networkName() + ": layer notation '" + part
          + "' is not part of the network's notation");
    }
    return new int[] {start, start + part.length()};
  }

  private static void phase(StringBuilder row, LayerCost layer, Map<Op, Integer> opIndex) {
    row.append(" | ").append(layer.weightWordsPerStep()).append(' ').append(layer.activationWordsPerSample());
    ops(row, layer.perSample(), opIndex);
    row.append(" /");
    ops(row, layer.perStep(), opIndex);
  }

  private static void ops(StringBuilder row, OpCounts counts, Map<Op, Integer> opIndex) {
    for (Map.Entry<Op, Long> e : counts.asMap().entrySet()) {
      row.append(' ').append(opIndex.get(e.getKey())).append(':').append(e.getValue());
    }
  }
}
