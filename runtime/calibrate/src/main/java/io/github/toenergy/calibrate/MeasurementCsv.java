package io.github.toenergy.calibrate;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.ArithmeticModel;
import io.github.toenergy.model.Format;
import io.github.toenergy.model.Network;
import io.github.toenergy.text.InputText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a user's measurements: a CSV file with the header {@code network,phase,batch,batches,joules}
 * (any column order; other columns are ignored), one measurement a line:
 *
 * <pre>
 * network,phase,batch,batches,joules
 * "input(784) dense(128) relu dense(10) softmax",inference,64,0,0.0123
 * "input(784) dense(128) relu dense(10) softmax",training,64,938,41.7
 * </pre>
 *
 * {@code network} is text notation (quoted with {@code "..."} when it contains commas);
 * {@code phase} is {@code inference} or {@code training}; {@code batch} the samples per batch;
 * {@code batches} 0 for one batch (one forward pass, or one optimizer step) or the number of
 * batches of a whole measured run, whose per-run overhead is then fitted too; {@code joules} the
 * measured energy, positive. Every problem names {@code file:line:column}.
 */
public final class MeasurementCsv {
  public static final List<String> COLUMNS = List.of("network", "phase", "batch", "batches", "joules");
  /**
   * The most different networks one file may hold. Leave-one-network-out refits once per network
   * (linear in their number: 30,000 networks of one measurement each take about 6 s of CPU); more
   * networks than this are better fitted from a sample.
   */
  public static final int MAX_NETWORKS = 50_000;

  private MeasurementCsv() {}

  /**
   * Reads {@code file} (at most {@link CsvFile#MAX_BYTES}, {@link CsvFile#MAX_ROWS} lines and
   * {@link #MAX_NETWORKS} networks); every network computes in {@code format}.
   */
  public static List<Measurement> read(Path file, Format format) {
    return read(file, format, ArithmeticModel.cmos());
  }

  /**
   * As {@link #read(Path, Format)}, also checking that the counts of every network under {@code arithmetic}
   * (what the fit will count with) fit in a long, so that an overflow names its {@code file:line} and layer.
   */
  public static List<Measurement> read(Path file, Format format, ArithmeticModel arithmetic) {
    return parse(CsvFile.read(file), format, arithmetic);
  }

  /** Parses {@code text}, called {@code name} in messages. */
  public static List<Measurement> parse(String name, String text, Format format) {
    return parse(CsvFile.parse(name, text), format, ArithmeticModel.cmos());
  }

  private static List<Measurement> parse(CsvFile csv, Format format, ArithmeticModel arithmetic) {
    int[] col = new int[COLUMNS.size()];
    for (int i = 0; i < col.length; i++) {
      if (!csv.has(COLUMNS.get(i))) {
        throw new MeasurementFormatException(csv.name(), 1, 0, "header must name the columns "
            + String.join(",", COLUMNS) + "; missing '" + COLUMNS.get(i) + "' in '" + InputText.excerpt(String.join(",", csv.header())) + "'");
      }
      col[i] = csv.column(COLUMNS.get(i));
    }
    Map<String, Network> networks = new HashMap<>();
    Map<Network, EnumSet<Phase>> counted = new IdentityHashMap<>();
    List<Measurement> out = new ArrayList<>();
    for (CsvFile.Row row : csv.rows()) {
      if (row.size() != csv.header().size()) {
        throw row.error(Math.min(row.size(), csv.header().size()) + 1, "expected " + csv.header().size()
            + " fields as in the header, found " + row.size()
            + " (quote a network that contains commas: \"input(3,32,32) ...\")");
      }
      String notation = row.text(col[0]);
      if (notation.isEmpty()) {
        throw row.error(col[0] + 1, "network is empty");
      }
      Network network = networks.get(notation);
      if (network == null) {
        if (networks.size() == MAX_NETWORKS) {
          throw row.error(col[0] + 1, "more than " + MAX_NETWORKS + " different networks, the limit of one"
              + " measurements file (leave-one-network-out refits once per network; fit a sample of them)");
        }
        try {
          network = Network.parse("network", notation).withFormat(format);
        } catch (IllegalArgumentException e) {
          throw row.error(col[0] + 1, "network: " + e.getMessage());
        }
        networks.put(notation, network);
      }
      Phase phase = switch (row.text(col[1])) {
        case "inference" -> Phase.INFERENCE;
        case "training" -> Phase.TRAINING;
        default -> throw row.error(col[1] + 1, "phase must be inference or training, got '"
            + InputText.excerpt(row.text(col[1])) + "'");
      };
      if (counted.computeIfAbsent(network, k -> EnumSet.noneOf(Phase.class)).add(phase)) {
        try {
          new FeatureTable(network, phase, arithmetic); // the fit counts the same, once per network and phase
        } catch (CalibrationException e) {
          throw row.error(col[0] + 1, "network: " + e.getMessage());
        }
      }
      int batch = row.integer(col[2]);
      if (batch <= 0) {
        throw row.error(col[2] + 1, "batch must be a positive whole number, got '" + InputText.excerpt(row.text(col[2]))
            + "'");
      }
      long batches;
      try {
        batches = row.longValue(col[3]);
      } catch (MeasurementFormatException e) {
        throw row.error(col[3] + 1, "batches must be 0 (one batch) or a positive whole number, got '"
            + InputText.excerpt(row.text(col[3])) + "'");
      }
      if (batches < 0) {
        throw row.error(col[3] + 1, "batches must be 0 (one batch) or a positive whole number, got " + batches);
      }
      double joules = row.number(col[4]);
      if (!(joules > 0)) {
        throw row.error(col[4] + 1, "joules must be positive, got '" + InputText.excerpt(row.text(col[4])) + "'");
      }
      out.add(Measurement.of(network, phase, batch, batches, joules, notation));
    }
    return out;
  }
}
