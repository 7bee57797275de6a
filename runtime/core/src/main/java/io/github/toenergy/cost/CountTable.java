package io.github.toenergy.cost;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.model.Format;
import io.github.toenergy.model.LayerKind;
import io.github.toenergy.model.Network;
import io.github.toenergy.model.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The per-layer counts of one network in both phases: what a generated estimator holds. The
 * annotation processor counts the network at compile time and writes this table into the generated
 * class in the compact form below; at run time {@link #of(String, Format, String, String, String,
 * String)} rebuilds the same rows from that text, without parsing the network or counting anything
 * (the writer is the processor's, so that the runtime jar ships only the reader). An energy profile then only applies its coefficients to the rows
 * ({@code Profile.estimator(CountTable)}), so a refitted profile applies to an already compiled class.
 *
 * <p>The compact form is three texts of space-separated tokens. Layers with the same kind,
 * notation, output and counts share one <em>distinct row</em>, so a network of repeated blocks
 * stays short:
 *
 * <ul>
 *   <li>{@code ops}: the names of the {@link Op}s counted anywhere in the table, e.g. {@code ADD MAC};
 *       a count below refers to an op by its position in this list;
 *   <li>{@code rows}: the distinct rows, each ended by {@code ;}, the kind written as its
 *       {@link LayerKind} name in lower case:
 *       <pre>kind start..end output parameters | INFERENCE | TRAINING</pre>
 *       where the layer's notation is {@code notation.substring(start, end)} of the network's notation
 *       (a residual block's notation holds its layers', so each is stored once), {@code output} is
 *       {@code CxHxW}, {@code LxD} (a sequence) or a number of features, {@code parameters} is the
 *       count, or {@code total/active} when fewer are active (a mixture of experts), and each phase is
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
  /** The network's notation when the table was rebuilt from a generated class, else null. */
  private final @Nullable String notation;

  private CountTable(NetworkCost inference, NetworkCost training, @Nullable String notation) {
    this.inference = inference;
    this.training = training;
    this.notation = notation;
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
      throw new IllegalArgumentException("not the inference and training costs of one network");
    }
    return new CountTable(inference, training, null);
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

  /** Whether the table knows its network's notation (rebuilt from a generated class), so that generation can be counted. */
  public boolean hasNetwork() {
    return notation != null;
  }

  /**
   * The network, parsed from its notation (on each call): a generation workload depends on its prompt
   * and token lengths, so it is counted at run time rather than compiled in.
   *
   * @throws IllegalStateException when the table was not rebuilt from a notation
   */
  public Network network() {
    if (notation == null) {
      throw new IllegalStateException("the count table of " + networkName() + " has no notation");
    }
    return Network.parse(networkName(), notation).withFormat(format());
  }

  /** The cost table of {@code phase}. */
  public NetworkCost cost(Phase phase) {
    if (phase.generation()) {
      throw new IllegalArgumentException(phase + " is counted at the workload's lengths: NetworkCost.generation");
    }
    return phase == Phase.TRAINING ? training : inference;
  }

  // ---- the compact form ------------------------------------------------------------------------

  /**
   * Rebuilds a table from its compact form, as a generated class holds it (see the class comment):
   * {@code ops}, {@code rows} and {@code layers} are the compact form's lists joined by spaces.
   *
   * @param networkName the network's name, for messages
   * @param notation the network's notation, which holds every layer's notation
   * @throws IllegalArgumentException naming what does not fit the format (only a hand-edited or
   *     corrupted generated class has one: the processor writes what this reads)
   */
  public static CountTable of(String networkName, Format format, String notation, String ops, String rows,
      String layers) {
    try {
      String[] opNames = tokens(ops);
      Op[] opList = new Op[opNames.length];
      for (int i = 0; i < opList.length; i++) {
        opList[i] = Op.valueOf(opNames[i]);
      }
      List<LayerCost[]> distinct = new ArrayList<>();
      for (String row : rows.split(";")) {
        if (!row.isBlank()) {
          distinct.add(row(tokens(row), format, notation, opList));
        }
      }
      List<LayerCost> inference = new ArrayList<>();
      List<LayerCost> training = new ArrayList<>();
      for (String layer : tokens(layers)) {
        int colon = layer.lastIndexOf(':');
        LayerCost[] row = distinct.get(Integer.parseInt(layer.substring(colon + 1)));
        inference.add(named(row[0], layer.substring(0, colon)));
        training.add(named(row[1], layer.substring(0, colon)));
      }
      return new CountTable(NetworkCost.of(networkName, format, Phase.INFERENCE, inference),
          NetworkCost.of(networkName, format, Phase.TRAINING, training), notation);
    } catch (RuntimeException e) { // a name, index or count that does not fit: say which, in one line
      throw new IllegalArgumentException("the count table of " + networkName + " does not fit its format: " + e, e);
    }
  }

  private static String[] tokens(String text) {
    String trimmed = text.trim();
    return trimmed.isEmpty() ? new String[0] : trimmed.split(" +");
  }

  private static LayerCost named(LayerCost row, String name) {
    return row.named(name);
  }

  /** One distinct row, {@code kind start..end output parameters | phase | phase}: its two costs, named later. */
  private static LayerCost[] row(String[] t, Format format, String notation, Op[] ops) {
    LayerKind kind = LayerKind.valueOf(t[0].toUpperCase(Locale.ROOT));
    int dots = t[1].indexOf("..");
    String layerNotation = notation.substring(Integer.parseInt(t[1].substring(0, dots)),
        Integer.parseInt(t[1].substring(dots + 2)));
    String[] sizes = t[2].split("x");
    Shape output = switch (sizes.length) {
      case 1 -> Shape.flat(Integer.parseInt(sizes[0]));
      case 2 -> Shape.sequence(Integer.parseInt(sizes[0]), Integer.parseInt(sizes[1]));
      case 3 -> Shape.of(Integer.parseInt(sizes[0]), Integer.parseInt(sizes[1]), Integer.parseInt(sizes[2]));
      default -> throw new IllegalArgumentException("'" + t[2] + "' is no output shape");
    };
    int slash = t[3].indexOf('/');
    long parameters = count(slash < 0 ? t[3] : t[3].substring(0, slash));
    long active = slash < 0 ? parameters : count(t[3].substring(slash + 1));
    LayerCost[] phases = new LayerCost[2];
    int at = 4;
    for (int p = 0; p < 2; p++) {
      if (!t[at].equals("|")) {
        throw new IllegalArgumentException("'|' expected, found '" + t[at] + "'");
      }
      long weightWords = count(t[at + 1]);
      long activationWords = count(t[at + 2]);
      OpCounts.Builder[] counts = {OpCounts.builder(), OpCounts.builder()};
      int part = 0;
      for (at += 3; at < t.length && !t[at].equals("|"); at++) {
        if (t[at].equals("/")) {
          part++;
        } else {
          int colon = t[at].indexOf(':');
          if (colon < 0) {
            throw new IllegalArgumentException("'" + t[at] + "' is not op:count");
          }
          counts[part].add(ops[Integer.parseInt(t[at].substring(0, colon))], count(t[at].substring(colon + 1)));
        }
      }
      phases[p] = new LayerCost("", kind, layerNotation, output, counts[0].build(), counts[1].build(), parameters,
          weightWords, activationWords, active);
    }
    if (at != t.length) {
      throw new IllegalArgumentException("a row of more than two phases");
    }
    return phases;
  }

  /** A count: a long of ASCII digits (no sign). */
  private static long count(String text) {
    if (text.isEmpty() || text.charAt(0) < '0' || text.charAt(0) > '9') {
      throw new IllegalArgumentException("'" + text + "' is not a count");
    }
    return Long.parseLong(text);
  }
}
