package io.github.toenergy.refit;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.calibrate.CsvFile;
import io.github.toenergy.calibrate.Dataset;
import io.github.toenergy.calibrate.Measurement;
import io.github.toenergy.model.Layer;
import io.github.toenergy.model.Network;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads the Getzner et al. Xeon Gold 5120 CPU inference measurements (folder
 * {@code xeon-gold-5120}, see its PROVENANCE.txt): the authors' cleaned per-configuration means
 * of random single layers ({@code cleaned/*.csv}) and the whole AlexNet / VGG-11 networks with each
 * of their layers measured in isolation ({@code raw/architectures/*.csv}).
 *
 * <p>Units: {@code cpu_energy} is RAPL package energy in kWh; J per forward pass = {@code cpu_energy
 * * 3.6e6} in the cleaned files (already per pass) and {@code cpu_energy * 3.6e6 / forward_passes}
 * in the raw ones. Glitch rule of PROVENANCE.txt: a row with {@code cpu_power < 20} W or
 * {@code cpu_energy <= 0} is a codecarbon read glitch and is dropped.
 */
public final class XeonGold5120Data {
  /** J per kWh. */
  static final double JOULES_PER_KWH = 3.6e6;
  /** Below this package power (W) a row is a read glitch. */
  static final double MIN_CPU_POWER = 20;

  static final String GLITCH = "codecarbon read glitch (cpu_power < 20 W or cpu_energy <= 0)";

  /** The cleaned single-layer files and the layer each holds. */
  static final List<String> CLEANED = List.of("conv2d", "linear", "maxpool2d", "relu", "sigmoid", "tanh", "softmax");
  /** The raw whole-network files. */
  static final List<String> ARCHITECTURES = List.of("00_architectures-layerwise-raw.csv",
      "01_architectures-layerwise-raw.csv", "02_architectures-raw.csv");

  private XeonGold5120Data() {}

  /** Loads every file of {@code folder} (the {@code xeon-gold-5120} copy). */
  public static Dataset load(Path folder) {
    List<Dataset> parts = new ArrayList<>();
    for (String layer : CLEANED) {
      parts.add(loadCleaned(folder.resolve("cleaned").resolve(layer + ".csv"), layer));
    }
    for (String file : ARCHITECTURES) {
      parts.add(loadArchitectures(folder.resolve("raw").resolve("architectures").resolve(file)));
    }
    return Dataset.combine("xeon-gold-5120 (Getzner et al., dl-energy-estimator)", parts);
  }

  /** One cleaned file of random configurations of {@code layer}. */
  static Dataset loadCleaned(Path file, String layer) {
    CsvFile csv = CsvFile.read(file);
    List<Measurement> out = new ArrayList<>();
    Map<String, Integer> dropped = new LinkedHashMap<>();
    for (CsvFile.Row row : csv.rows()) {
      if (glitch(row)) {
        dropped.merge(GLITCH, 1, Integer::sum);
        continue;
      }
      int batch = row.integer("batch_size");
      Network network = Network.parse(layer, singleLayer(row, layer));
      double joules = row.number("cpu_energy") * JOULES_PER_KWH;
      out.add(Measurement.of(network, Phase.INFERENCE, batch, 0, joules, "config " + network.toNotation()));
    }
    return new Dataset(file.getFileName().toString(), out, csv.rows().size(), dropped, List.of(
        "cleaned/*.csv are the authors' means of 3 repetitions per random configuration, energy already per"
            + " forward pass (J = cpu_energy kWh x 3.6e6); the same glitch rule is applied to them"));
  }

  private static String singleLayer(CsvFile.Row row, String layer) {
    return switch (layer) {
      case "conv2d" -> "input(" + row.integer("in_channels") + "," + row.integer("image_size") + ","
          + row.integer("image_size") + ") conv2d(" + row.integer("out_channels") + ",k=" + row.integer("kernel_size")
          + ",s=" + row.integer("stride") + ",p=" + row.integer("padding") + ")";
      case "maxpool2d" -> "input(" + row.integer("in_channels") + "," + row.integer("image_size") + ","
          + row.integer("image_size") + ") maxpool(" + row.integer("kernel_size") + ",s=" + row.integer("stride")
          + ",p=" + row.integer("padding") + ")";
      case "linear" -> "input(" + row.integer("input_size") + ") dense(" + row.integer("output_size") + ")";
      default -> "input(" + row.integer("input_size") + ") " + layer;
    };
  }

  private static boolean glitch(CsvFile.Row row) {
    return row.number("cpu_power") < MIN_CPU_POWER || row.number("cpu_energy") <= 0;
  }

  /** One raw architectures file: whole networks (layer_idx 0) and their layers in isolation. */
  static Dataset loadArchitectures(Path file) {
    CsvFile csv = CsvFile.read(file);
    Map<String, Network> networks = Map.of("alexnet", ReferenceNetworks.alexnet(224), "vgg11", ReferenceNetworks.vgg11());
    Map<String, Network> layers = new HashMap<>();
    List<Measurement> out = new ArrayList<>();
    Map<String, Integer> dropped = new LinkedHashMap<>();
    int projectColumn = csv.column("project_name");
    for (CsvFile.Row row : csv.rows()) {
      Map<String, String> project = project(row.text(projectColumn));
      int passes = integer(row, projectColumn, project, "forward_passes");
      if (glitch(row) || passes <= 0) {
        dropped.merge(GLITCH, 1, Integer::sum);
        continue;
      }
      String[] free = project.getOrDefault("freeText", "").split(";");
      if (free.length != 2 || !free[0].startsWith("architecture=") || !free[1].startsWith("layer_idx=")) {
        throw row.error(projectColumn + 1, "expected freeText:architecture=<name>;layer_idx=<k>");
      }
      String arch = free[0].substring("architecture=".length());
      Network whole = networks.get(arch);
      if (whole == null) {
        throw row.error(projectColumn + 1, "unknown architecture '" + arch + "', expected alexnet or vgg11");
      }
      int moduleIndex = Integer.parseInt(free[1].substring("layer_idx=".length()));
      int batch = integer(row, projectColumn, project, "batch_size");
      String module = project.get("module");
      Network network;
      if (moduleIndex == 0) {
        network = whole;
      } else {
        int index = ReferenceNetworks.layerOfTorchModule(whole, moduleIndex);
        Layer layer = whole.layers().get(index);
        if (!torchKind(layer).equals(module)) {
          throw row.error(projectColumn + 1, "module " + module + " at layer_idx " + moduleIndex + " but the model has "
              + layer.toNotation() + " there");
        }
        String name = arch + "/" + moduleIndex + "-" + layer.keyword();
        network = layers.computeIfAbsent(name,
            n -> new Network(n, whole.inputOf(index), whole.format(), List.of(layer)));
      }
      double joules = row.number("cpu_energy") * JOULES_PER_KWH / passes;
      out.add(Measurement.of(network, Phase.INFERENCE, batch, 0, joules, arch));
    }
    return new Dataset(file.getFileName().toString(), out, csv.rows().size(), dropped, List.of(
        "raw/architectures: J per forward pass = cpu_energy kWh x 3.6e6 / forward_passes; each of the 3 repetitions"
            + " is its own measurement",
        "AlexNet and VGG-11 are torchvision 0.13.1's definitions at 3x224x224 (exact); a layer measured in"
            + " isolation gets the input shape it has in the network"));
  }

  /** torchvision's class name for a layer of these networks. */
  private static String torchKind(Layer layer) {
    if (layer instanceof Layer.Conv2d) return "Conv2d";
    if (layer instanceof Layer.Dense) return "Linear";
    if (layer instanceof Layer.MaxPool2d) return "MaxPool2d";
    if (layer instanceof Layer.AdaptiveAvgPool2d) return "AdaptiveAvgPool2d";
    if (layer instanceof Layer.Dropout) return "Dropout";
    if (layer instanceof Layer.Activation a) return a.function().name().equals("RELU") ? "ReLU" : a.function().name();
    return layer.keyword().toUpperCase(Locale.ROOT);
  }

  /** The packed {@code key:value,key:value} description of a raw row. */
  static Map<String, String> project(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String part : text.split(",")) {
      int colon = part.indexOf(':');
      if (colon > 0) {
        values.put(part.substring(0, colon).strip(), part.substring(colon + 1).strip());
      }
    }
    return values;
  }

  private static int integer(CsvFile.Row row, int column, Map<String, String> project, String key) {
    String value = project.get(key);
    try {
      return Integer.parseInt(value == null ? "" : value);
    } catch (NumberFormatException e) {
      throw row.error(column + 1, "project_name has no whole number " + key + ", found '" + value + "'");
    }
  }
}
