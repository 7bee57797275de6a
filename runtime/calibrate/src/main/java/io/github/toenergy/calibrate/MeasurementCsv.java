package io.github.toenergy.calibrate;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.model.Format;
import io.github.toenergy.model.Network;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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

  private MeasurementCsv() {}

  /** Reads {@code file}; every network computes in {@code format}. */
  public static List<Measurement> read(Path file, Format format) {
    return parse(CsvFile.read(file), format);
  }

  /** Parses {@code text}, called {@code name} in messages. */
  public static List<Measurement> parse(String name, String text, Format format) {
    return parse(CsvFile.parse(name, text), format);
  }

  private static List<Measurement> parse(CsvFile csv, Format format) {
    int[] col = new int[COLUMNS.size()];
    for (int i = 0; i < col.length; i++) {
      if (!csv.has(COLUMNS.get(i))) {
        throw new MeasurementFormatException(csv.name(), 1, 0, "header must name the columns "
            + String.join(",", COLUMNS) + "; missing '" + COLUMNS.get(i) + "' in '" + String.join(",", csv.header()) + "'");
      }
      col[i] = csv.column(COLUMNS.get(i));
    }
    Map<String, Network> networks = new HashMap<>();
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
        default -> throw row.error(col[1] + 1, "phase must be inference or training, got '" + row.text(col[1]) + "'");
      };
      int batch = row.integer(col[2]);
      if (batch <= 0) {
        throw row.error(col[2] + 1, "batch must be a positive whole number, got '" + row.text(col[2]) + "'");
      }
      long batches;
      try {
        batches = row.longValue(col[3]);
      } catch (MeasurementFormatException e) {
        throw row.error(col[3] + 1, "batches must be 0 (one batch) or a positive whole number, got '"
            + row.text(col[3]) + "'");
      }
      if (batches < 0) {
        throw row.error(col[3] + 1, "batches must be 0 (one batch) or a positive whole number, got " + batches);
      }
      double joules = row.number(col[4]);
      if (!(joules > 0)) {
        throw row.error(col[4] + 1, "joules must be positive, got '" + row.text(col[4]) + "'");
      }
      out.add(Measurement.of(network, phase, batch, batches, joules, notation));
    }
    return out;
  }
}
