package io.github.toenergy.refit;

import io.github.toenergy.calibrate.CsvFile;
import io.github.toenergy.calibrate.Dataset;
import io.github.toenergy.calibrate.Measurement;
import io.github.toenergy.calibrate.MeasurementFormatException;
import io.github.toenergy.annotations.Phase;
import io.github.toenergy.model.Network;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the willowec/characterizing-pytorch-power measurements of one host ({@code raptorlake} or
 * {@code broadwell-ep}; folder {@code willowec}, see its PROVENANCE.txt):
 *
 * <ul>
 *   <li>{@code layer_sweeps/<host>-<date>/{linear,conv,pool}.csv}: one random layer per row, uJ per
 *       batch; the forward pass is an inference measurement, forward + backward (loss, backward,
 *       SGD step) a training step. Pool rows have no backward and give inference only. Glitches
 *       dropped: {@code for_energy <= 0}, {@code back_energy < 0}, and a zero backward energy of a
 *       layer that has weights.
 *   <li>{@code mlp_cnn_process_sweeps/<host>_linear.csv}: whole training processes of ReLU MLPs
 *       ({@code perf stat} package energy, J, interpreter start-up included): whole runs of
 *       {@code epochs * ceil(data_size / batch_size)} steps with a per-run overhead. The 5-10
 *       repeats of a configuration are combined into their median.
 *   <li>{@code real_nets/<host>_{resnet18,mobilenet_v3_small}.json}: per-batch means over an epoch
 *       of 50,000 CIFAR-10 images at 3x64x64 in batches of 512 (97 full + 1 of 336), uJ; forward =
 *       inference, forward + backward = training step.
 * </ul>
 */
public final class WillowecData {
  static final double JOULES_PER_MICROJOULE = 1e-6;
  static final String FORWARD_GLITCH = "RAPL glitch: for_energy <= 0";
  static final String BACKWARD_GLITCH = "RAPL glitch: back_energy < 0";
  static final String ZERO_BACKWARD = "RAPL glitch: back_energy = 0 for a layer with weights";
  static final String REAL_NET_GLITCH = "RAPL glitch: energy <= 0";
  /** CIFAR-10 training images. */
  static final int CIFAR_IMAGES = 50_000;

  static final String MEDIAN = "mlp_cnn_process_sweeps: the 5-10 repeats of one configuration are combined into"
      + " their median (run time, and with it energy, varies up to 7x between repeats on raptorlake: system"
      + " noise, not the network); a run is epochs x ceil(data_size/batch_size) Adadelta steps over data_size x"
      + " epochs samples, with the interpreter start-up and torch import as the per-run overhead";

  private WillowecData() {}

  /** Every measurement of {@code host} in {@code folder} (the {@code willowec} copy). */
  public static Dataset load(Path folder, String host) {
    Path sweeps = layerSweeps(folder, host);
    return Dataset.combine("willowec/characterizing-pytorch-power, host " + host, List.of(
        loadLayerSweep(sweeps.resolve("linear.csv"), "linear"),
        loadLayerSweep(sweeps.resolve("conv.csv"), "conv"),
        loadLayerSweep(sweeps.resolve("pool.csv"), "pool"),
        loadMlpRuns(folder.resolve("mlp_cnn_process_sweeps").resolve(host + "_linear.csv")),
        loadRealNet(folder.resolve("real_nets").resolve(host + "_resnet18.json"), host),
        loadRealNet(folder.resolve("real_nets").resolve(host + "_mobilenet_v3_small.json"), host)));
  }

  private static Path layerSweeps(Path folder, String host) {
    Path dir = folder.resolve("layer_sweeps");
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, host + "-2*")) {
      for (Path p : stream) {
        return p;
      }
    } catch (IOException e) {
      throw new MeasurementFormatException(dir.toString(), "cannot be listed: " + e.getMessage());
    }
    throw new MeasurementFormatException(dir.toString(), "has no folder " + host + "-<date>");
  }

  /** One layer-sweep file: {@code linear}, {@code conv} or {@code pool}. */
  static Dataset loadLayerSweep(Path file, String kind) {
    CsvFile csv = CsvFile.read(file);
    List<Measurement> out = new ArrayList<>();
    Map<String, Integer> dropped = new LinkedHashMap<>();
    boolean weights = !kind.equals("pool");
    for (CsvFile.Row row : csv.rows()) {
      double forward = row.number("for_energy");
      double backward = row.number("back_energy");
      String glitch = forward <= 0 ? FORWARD_GLITCH : backward < 0 ? BACKWARD_GLITCH
          : weights && backward == 0 ? ZERO_BACKWARD : null;
      if (glitch != null) {
        dropped.merge(glitch, 1, Integer::sum);
        continue;
      }
      int batch = row.integer("batch_size");
      String notation = switch (kind) {
        case "linear" -> "input(" + row.integer("in_size") + ") dense(" + row.integer("out_size") + ")";
        case "conv" -> "input(" + row.integer("in_chan") + "," + row.integer("side_len") + "," + row.integer("side_len")
            + ") conv2d(" + row.integer("out_chan") + ",k=" + row.integer("k_size") + ",s=" + row.integer("stride") + ")";
        default -> "input(" + row.integer("in_chan") + "," + row.integer("im_side_length") + ","
            + row.integer("im_side_length") + ") maxpool(" + row.integer("k_side_length") + ",s=" + row.integer("stride")
            + ")";
      };
      Network network = Network.parse(kind, notation);
      String group = "config " + network.toNotation();
      out.add(Measurement.of(network, Phase.INFERENCE, batch, 0, forward * JOULES_PER_MICROJOULE, group));
      if (weights) {
        out.add(Measurement.of(network, Phase.TRAINING, batch, 0, (forward + backward) * JOULES_PER_MICROJOULE, group));
      }
    }
    return new Dataset(file.getFileName().toString(), out, csv.rows().size(), dropped, List.of(
        "layer_sweeps: uJ per batch; forward = one inference pass, forward + backward (MSE loss, backward, SGD"
            + " step) = one training step; pool rows have no backward and give inference only"));
  }

  /** The whole-process MLP training runs, one measurement per configuration (the median of its repeats). */
  static Dataset loadMlpRuns(Path file) {
    CsvFile csv = CsvFile.read(file);
    Map<List<Integer>, List<Double>> runs = new LinkedHashMap<>();
    for (CsvFile.Row row : csv.rows()) {
      List<Integer> config = List.of(row.integer("data_size"), row.integer("epochs"), row.integer("batch_size"),
          row.integer("n_layers"), row.integer("hidden_size"));
      double joules = row.number("energy");
      if (joules <= 0) {
        throw row.error(csv.column("energy") + 1, "energy must be positive, got " + joules);
      }
      runs.computeIfAbsent(config, c -> new ArrayList<>()).add(joules);
    }
    Map<Integer, Network> networks = new LinkedHashMap<>();
    List<Measurement> out = new ArrayList<>();
    for (Map.Entry<List<Integer>, List<Double>> run : runs.entrySet()) {
      List<Integer> c = run.getKey();
      int dataSize = c.get(0);
      int epochs = c.get(1);
      int batch = c.get(2);
      int layers = Math.max(c.get(3), 2);
      int hidden = c.get(4);
      Network network = networks.computeIfAbsent(layers * 100_000 + hidden, k -> ReferenceNetworks.mlp(layers, hidden));
      long steps = (long) epochs * ((dataSize + batch - 1) / batch);
      out.add(new Measurement(network, Phase.TRAINING, Math.min(batch, dataSize), steps, (double) dataSize * epochs,
          median(run.getValue()), network.name()));
    }
    return new Dataset(file.getFileName().toString(), out, csv.rows().size(), Map.of(), List.of(MEDIAN,
        "MLP: Linear(h,h) ReLU [Linear(h,h) ReLU] x (max(n_layers,2)-2) Linear(h,1) on h inputs; the Adadelta update"
            + " is costed as the model's SGD update"));
  }

  static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  /** One real_nets JSON file: ResNet-18 or MobileNetV3-small with the extra Linear(1000, 10). */
  static Dataset loadRealNet(Path file, String host) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MeasurementFormatException(file.toString(), "cannot be read: " + e.getMessage());
    }
    String name = file.getFileName().toString();
    String net = jsonString(name, text, "net");
    int batch = (int) jsonNumber(name, text, "batch_size");
    int side = (int) jsonNumber(name, text, "im_side_len");
    double[] forward = jsonNumbers(name, text, "forward_energy");
    double[] backward = jsonNumbers(name, text, "backward_energy");
    if (forward.length != backward.length) {
      throw new MeasurementFormatException(name, "forward_energy and backward_energy differ in length");
    }
    Network network;
    String assumption;
    switch (net) {
      case "resnet18" -> {
        network = ReferenceNetworks.resnet18(side, 10);
        assumption = "ResNet-18: torchvision 0.10 definition at 3x64x64 plus the extra Linear(1000,10), exact";
      }
      case "mobilenet_v3_small" -> {
        network = ReferenceNetworks.mobilenetV3Small(side, 10);
        assumption = ReferenceNetworks.MOBILENET_V3_ASSUMPTION + ", plus the extra Linear(1000,10)";
      }
      default -> throw new MeasurementFormatException(name, "unknown net '" + net + "', expected resnet18 or"
          + " mobilenet_v3_small");
    }
    int batches = (CIFAR_IMAGES + batch - 1) / batch;
    double samplesPerBatch = (double) CIFAR_IMAGES / batches;
    List<Measurement> out = new ArrayList<>();
    Map<String, Integer> dropped = new LinkedHashMap<>();
    for (int i = 0; i < forward.length; i++) {
      if (forward[i] <= 0 || backward[i] <= 0) {
        dropped.merge(REAL_NET_GLITCH, 2, Integer::sum);
        continue;
      }
      String group = net;
      out.add(new Measurement(network, Phase.INFERENCE, batch, 0, samplesPerBatch,
          forward[i] * JOULES_PER_MICROJOULE, group));
      out.add(new Measurement(network, Phase.TRAINING, batch, 0, samplesPerBatch,
          (forward[i] + backward[i]) * JOULES_PER_MICROJOULE, group));
    }
    return new Dataset(name, out, 2 * forward.length, dropped, List.of(
        "real_nets: per-batch means over an epoch of 50,000 images in " + batches + " batches (" + samplesPerBatch
            + " samples on average); forward = inference pass (in training mode), forward + backward = training step"
            + " (" + host + ": " + forward.length + " epoch" + (forward.length == 1 ? "" : "s") + ")",
        assumption));
  }

  private static String value(String file, String json, String key) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*(\"[^\"]*\"|\\[[^\\]]*\\]|[-+0-9.eE]+)")
        .matcher(json);
    if (!m.find()) {
      throw new MeasurementFormatException(file, "has no key \"" + key + "\"");
    }
    return m.group(1);
  }

  private static String jsonString(String file, String json, String key) {
    String v = value(file, json, key);
    if (!v.startsWith("\"")) {
      throw new MeasurementFormatException(file, "\"" + key + "\" is not a string");
    }
    return v.substring(1, v.length() - 1);
  }

  private static double jsonNumber(String file, String json, String key) {
    try {
      return Double.parseDouble(value(file, json, key));
    } catch (NumberFormatException e) {
      throw new MeasurementFormatException(file, "\"" + key + "\" is not a number");
    }
  }

  private static double[] jsonNumbers(String file, String json, String key) {
    String v = value(file, json, key);
    if (!v.startsWith("[")) {
      throw new MeasurementFormatException(file, "\"" + key + "\" is not a list");
    }
    try {
      return Arrays.stream(v.substring(1, v.length() - 1).split(",")).map(String::strip)
          .mapToDouble(Double::parseDouble).toArray();
    } catch (NumberFormatException e) {
      throw new MeasurementFormatException(file, "\"" + key + "\" holds a value that is not a number");
    }
  }
}
