package io.github.toenergy.calibrate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a loader made of a measurement source.
 *
 * @param source short description of where the rows came from
 * @param measurements the measurements, in file order
 * @param rowsRead data rows read (headers excluded; a JSON list entry counts as a row)
 * @param dropped rows dropped, by reason, in the order the reasons were first met
 * @param assumptions what the loader assumed beyond the source's own documentation, one sentence each
 */
public record Dataset(String source, List<Measurement> measurements, int rowsRead, Map<String, Integer> dropped,
    List<String> assumptions) {

  public Dataset {
    measurements = List.copyOf(measurements);
    dropped = Collections.unmodifiableMap(new LinkedHashMap<>(dropped));
    assumptions = List.copyOf(assumptions);
  }

  /** Rows dropped for any reason. */
  public int rowsDropped() {
    return dropped.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Rows that went into the measurements ({@link #rowsRead()} minus {@link #rowsDropped()}). */
  public int rowsUsed() {
    return rowsRead - rowsDropped();
  }

  /** Several datasets as one, e.g. two files of one host. */
  public static Dataset combine(String source, List<Dataset> parts) {
    List<Measurement> all = new java.util.ArrayList<>();
    Map<String, Integer> dropped = new LinkedHashMap<>();
    List<String> assumptions = new java.util.ArrayList<>();
    int read = 0;
    for (Dataset d : parts) {
      all.addAll(d.measurements);
      read += d.rowsRead;
      d.dropped.forEach((reason, n) -> dropped.merge(reason, n, Integer::sum));
      for (String a : d.assumptions) {
        if (!assumptions.contains(a)) assumptions.add(a);
      }
    }
    return new Dataset(source, all, read, dropped, assumptions);
  }
}
