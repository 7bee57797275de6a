package io.github.toenergy.refit;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.calibrate.CsvFile;
import io.github.toenergy.calibrate.Dataset;
import io.github.toenergy.calibrate.Measurement;
import io.github.toenergy.calibrate.MeasurementFormatException;
import io.github.toenergy.catalogue.Catalogue;
import io.github.toenergy.energy.Workload;
import io.github.toenergy.model.Format;
import io.github.toenergy.model.Network;
import io.github.toenergy.text.InputText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Loads the ML.ENERGY Benchmark v3 LLM serving runs (folder {@code mlenergy-llm}, file {@code
 * llm_runs.tsv}, see its PROVENANCE.txt): one served configuration a row, read strictly into {@link
 * Run}s. Every field is checked (type, range, the closed sets of tasks, architectures, precisions and
 * GPUs) and a bad one is an error that names file, line and column.
 */
public final class MlEnergyData {
  /** The file under the folder. */
  public static final String FILE = "llm_runs.tsv";
  /** The columns, in the file's order. */
  static final List<String> COLUMNS = List.of("model_id", "task", "architecture", "total_params_billions",
      "activated_params_billions", "weight_precision", "gpu_model", "num_gpus", "tensor_parallel",
      "expert_parallel", "data_parallel", "max_num_seqs", "avg_batch_size", "avg_output_len",
      "energy_per_token_joules", "energy_per_request_joules", "avg_power_watts",
      "output_throughput_tokens_per_sec", "median_itl_ms");
  /** A Hugging Face model id: organisation / name. */
  private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*");
  /** The suffix of an FP8 build's model id, dropped to find the model it was quantised from. */
  private static final String FP8_SUFFIX = "-FP8";

  /**
   * Mean prompt tokens assumed per task, which the files do not give: GPQA's questions with their four
   * options, LM Arena chat turns with some history, Sourcegraph code fill-in contexts. docs/accuracy.md shows
   * how little the held-out error moves when they are halved or doubled.
   */
  static final Map<String, Integer> PROMPT = Map.of("gpqa", 300, "lm-arena-chat", 1000, "sourcegraph-fim", 2000);

  private MlEnergyData() {}

  /**
   * The runs on {@code gpu} ({@code h100} or {@code b200}) as decode measurements. A run is one batch of its
   * mean batch size decoding its mean output length (rounded) after a prompt of its task's assumed length
   * ({@link #PROMPT}), in its weights' precision, on its GPUs; its joules are joules per token x mean batch x
   * tokens. The network is the catalogue's {@code huggingface/<model id>}; the group is the model, so that
   * leave-one-group-out holds a model's bf16 and FP8 builds out together.
   */
  public static Dataset decode(Path folder, String gpu) {
    List<Run> runs = load(folder);
    Map<String, Network> networks = new HashMap<>();
    List<Measurement> out = new ArrayList<>();
    Map<String, Integer> dropped = new LinkedHashMap<>();
    for (Run r : runs) {
      if (!r.gpu().profileId().equals(gpu)) {
        dropped.merge("runs on the other GPU", 1, Integer::sum);
        continue;
      }
      Network network = networks.computeIfAbsent(r.modelId(), id -> Catalogue.network("huggingface/" + id));
      int tokens = (int) Math.round(r.outputTokens());
      int batch = (int) Math.max(1, Math.round(r.batch()));
      Workload w = new Workload(Phase.DECODE, batch, 0, PROMPT.get(r.task()), tokens, r.gpus(), r.precision());
      out.add(Measurement.generation(network, w, r.batch(), r.joulesPerToken() * r.batch() * tokens, r.model()));
    }
    List<String> assumptions = List.of(
        "each run is the decode of its mean output length (rounded to whole tokens) by a batch of its mean batch"
            + " size, counted at that (fractional) batch; joules = energy_per_token_joules x batch x tokens",
        "prompt tokens per task, not in the files: gpqa 300, lm-arena-chat 1000, sourcegraph-fim 2000",
        "energy per token includes prompt processing (the files divide all energy by the generated tokens): the"
            + " model prices decode only, so the prefill share (median 0.6% gpqa, 9% chat, 33% code fill-in) is"
            + " absorbed by the coefficients",
        "FP8 builds are counted in FP8 E4M3, gpt-oss-120b in MXFP4 (its experts' format; its attention is bf16),"
            + " key/value cache included");
    return new Dataset(FILE, out, runs.size(), dropped, assumptions);
  }

  /** How the model computes a token. */
  public enum Architecture {
    DENSE("Dense Transformer"),
    MOE("MoE"),
    HYBRID("Mamba-Transformer Hybrid");

    private final String label;

    Architecture(String label) {
      this.label = label;
    }

    /** The file's spelling. */
    public String label() {
      return label;
    }
  }

  /** The GPUs of the benchmark; the profile ids are their lower-case names. */
  public enum Gpu {
    H100,
    B200;

    public String profileId() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One served configuration.
   *
   * @param line the line of the file it was read from
   * @param modelId the Hugging Face model id, e.g. {@code Qwen/Qwen3-8B}
   * @param task {@code gpqa}, {@code lm-arena-chat} or {@code sourcegraph-fim}
   * @param totalParamsBillions all parameters, billions
   * @param activeParamsBillions parameters active per token, billions (all of them in a dense model)
   * @param precision the weights' number format
   * @param gpus GPUs serving one replica; energy is summed over them
   * @param maxNumSeqs the server's batch cap
   * @param batch the mean batch the server actually ran
   * @param outputTokens mean generated tokens per request
   * @param joulesPerToken GPU joules per generated token, all GPUs of the replica
   * @param joulesPerRequest GPU joules per request, prompt processing included
   * @param watts mean GPU power, all GPUs of the replica
   * @param tokensPerSecond output throughput
   * @param medianItlMs median inter-token latency, milliseconds
   */
  public record Run(int line, String modelId, String task, Architecture architecture, double totalParamsBillions,
      double activeParamsBillions, Format precision, Gpu gpu, int gpus, int tensorParallel, int expertParallel,
      int dataParallel, int maxNumSeqs, double batch, double outputTokens, double joulesPerToken,
      double joulesPerRequest, double watts, double tokensPerSecond, double medianItlMs) {

    /**
     * The model a build was made from: the id without its {@code -FP8} suffix, so that leave-one-model-out
     * keeps a model's bf16 and FP8 builds together.
     */
    public String model() {
      return modelId.endsWith(FP8_SUFFIX) ? modelId.substring(0, modelId.length() - FP8_SUFFIX.length()) : modelId;
    }

    /** Whether only some experts compute each token. */
    public boolean mixtureOfExperts() {
      return architecture == Architecture.MOE;
    }
  }

  /** The runs of {@link #FILE} in {@code folder}. */
  public static List<Run> load(Path folder) {
    return read(CsvFile.readTabSeparated(folder.resolve(FILE)));
  }

  /** The runs of an already split file (tests give it text). */
  static List<Run> read(CsvFile file) {
    if (!file.header().stream().map(String::strip).toList().equals(COLUMNS)) {
      throw new MeasurementFormatException(file.name(), 1, 0, "expected the columns " + String.join(",", COLUMNS)
          + "; found " + InputText.excerpt(String.join(",", file.header())));
    }
    List<Run> runs = new ArrayList<>();
    for (CsvFile.Row row : file.rows()) {
      if (row.size() != COLUMNS.size()) {
        throw row.error(Math.min(row.size(), COLUMNS.size()) + 1,
            "expected " + COLUMNS.size() + " tab-separated fields as in the header, found " + row.size());
      }
      runs.add(run(row));
    }
    if (runs.isEmpty()) {
      throw new MeasurementFormatException(file.name(), "has a header and no runs");
    }
    return List.copyOf(runs);
  }

  private static Run run(CsvFile.Row row) {
    String modelId = row.text(0);
    if (!MODEL_ID.matcher(modelId).matches()) {
      throw row.error(1, "model_id '" + InputText.excerpt(modelId) + "' is not a Hugging Face id (organisation/name)");
    }
    String task = oneOf(row, 1, List.of("gpqa", "lm-arena-chat", "sourcegraph-fim"));
    Architecture architecture = architecture(row, 2);
    double total = positive(row, 3);
    double active = positive(row, 4);
    if (active > total) {
      throw row.error(5, "activated_params_billions " + active + " is more than total_params_billions " + total);
    }
    Format precision = precision(row, 5);
    Gpu gpu = Gpu.valueOf(oneOf(row, 6, List.of("H100", "B200")));
    int gpus = count(row, 7);
    int tensor = count(row, 8);
    int expert = count(row, 9);
    int data = count(row, 10);
    if ((long) tensor * data > gpus || expert > gpus) {
      throw row.error(9, "tensor_parallel " + tensor + " x data_parallel " + data + " and expert_parallel " + expert
          + " must each fit in num_gpus " + gpus);
    }
    int maxNumSeqs = count(row, 11);
    double batch = positive(row, 12);
    if (batch > maxNumSeqs) {
      throw row.error(13, "avg_batch_size " + batch + " is more than the cap max_num_seqs " + maxNumSeqs);
    }
    return new Run(row.line(), modelId, task, architecture, total, active, precision, gpu, gpus, tensor, expert, data,
        maxNumSeqs, batch, positive(row, 13), positive(row, 14), positive(row, 15), positive(row, 16),
        positive(row, 17), positive(row, 18));
  }

  private static String oneOf(CsvFile.Row row, int index, List<String> allowed) {
    String text = row.text(index);
    if (!allowed.contains(text)) {
      throw row.error(index + 1, COLUMNS.get(index) + " '" + InputText.excerpt(text) + "' is not one of "
          + String.join(", ", allowed));
    }
    return text;
  }

  private static Architecture architecture(CsvFile.Row row, int index) {
    String text = row.text(index);
    for (Architecture a : Architecture.values()) {
      if (a.label.equals(text)) {
        return a;
      }
    }
    throw row.error(index + 1, "architecture '" + InputText.excerpt(text)
        + "' is not one of Dense Transformer, MoE, Mamba-Transformer Hybrid");
  }

  /** The file's precision names: bfloat16, fp8 (E4M3), mxfp4. */
  private static Format precision(CsvFile.Row row, int index) {
    String text = row.text(index);
    return switch (text) {
      case "bfloat16" -> Format.BF16;
      case "fp8" -> Format.FP8;
      case "mxfp4" -> Format.MXFP4;
      default -> throw row.error(index + 1, "weight_precision '" + InputText.excerpt(text)
          + "' is not one of bfloat16, fp8, mxfp4");
    };
  }

  private static double positive(CsvFile.Row row, int index) {
    double value = row.number(index);
    if (value <= 0) {
      throw row.error(index + 1, COLUMNS.get(index) + " " + row.text(index) + " must be positive");
    }
    return value;
  }

  private static int count(CsvFile.Row row, int index) {
    int value = row.integer(index);
    if (value < 1) {
      throw row.error(index + 1, COLUMNS.get(index) + " " + value + " must be at least 1");
    }
    return value;
  }
}
