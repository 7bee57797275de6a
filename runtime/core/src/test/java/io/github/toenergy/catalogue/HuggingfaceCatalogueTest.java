package io.github.toenergy.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.model.Format;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The huggingface/... catalogue against the published parameter counts. The expected values are the
 * {@code entry} column of {@code networks/huggingface-published.tsv}: each model's published count
 * (its source cited in the same row: the Hub's safetensors metadata, a KerasHub preset, a model card)
 * less the parts the entry leaves out (a vision encoder, DeepSeek's MTP module, FP8 block scales, BERT's
 * pre-training heads, GPT-2's stored causal masks), derived from the published config by
 * scripts/huggingface-catalogue.py, which checks that the sum equals the published count. The counts
 * here come from the runtime's own layer arithmetic on the catalogue's notation.
 */
class HuggingfaceCatalogueTest {
  private static final String RESOURCE = Catalogue.RESOURCE_DIR + "huggingface.txt";

  /** One row of the table: the model, its published count as written, the entry's count, the source. */
  private record Row(String model, String published, long entry, String source) {}

  private static List<Row> table() throws IOException {
    List<Row> rows = new ArrayList<>();
    for (String line : text("/networks/huggingface-published.tsv").split("\n")) {
      if (line.isBlank() || line.startsWith("#")) continue;
      String[] f = line.split("\t", -1);
      assertEquals(7, f.length, "columns of: " + line);
      rows.add(new Row(f[0], f[2], Long.parseLong(f[3]), f[4]));
    }
    return rows;
  }

  private static String text(String resource) throws IOException {
    try (InputStream in = HuggingfaceCatalogueTest.class.getResourceAsStream(resource)) {
      if (in == null) throw new IOException(resource + " is not on the class path");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The models the catalogue resource marks '# pending name: why'. */
  private static Set<String> pending() throws IOException {
    Set<String> pending = new LinkedHashSet<>();
    for (String line : text("/" + RESOURCE).split("\n")) {
      if (line.startsWith("# pending ")) {
        pending.add(line.substring("# pending ".length(), line.indexOf(": ")));
      }
    }
    return pending;
  }

  private static long parameters(String model) {
    return NetworkCost.of(Catalogue.network("huggingface/" + model), Phase.INFERENCE).parameters();
  }

  @Test
  void everyEntryHasThePublishedParameters() throws IOException {
    Set<String> pending = pending();
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (Row row : table()) {
      if (pending.contains(row.model())) continue;
      long counted = parameters(row.model());
      checked++;
      if (counted != row.entry()) {
        wrong.add(row.model() + ": counted " + counted + ", published " + row.published() + " less the parts left out = "
            + row.entry() + " (" + row.source() + ")");
      }
    }
    assertEquals(List.of(), wrong);
    assertTrue(checked >= 40, "only " + checked + " entries checked");
  }

  @Test
  void everyModelOfTheTableIsCataloguedOrPending() throws IOException {
    Set<String> expected = new TreeSet<>();
    for (Row row : table()) expected.add("huggingface/" + row.model());
    Set<String> found = new TreeSet<>();
    for (String name : Catalogue.shipped().names()) {
      if (name.startsWith("huggingface/")) found.add(name);
    }
    for (String model : pending()) found.add("huggingface/" + model);
    assertEquals(expected, found);
  }

  @Test
  void everyMlEnergyModelIsCatalogued() throws IOException {
    // column 1 (model_id) of The ML.ENERGY Benchmark's llm_runs.tsv (runtime/refit/src/test/resources/measurements/
    // mlenergy-llm), its five -FP8 builds in the fp8 format (E4M3)
    List<String> measured = List.of("meta-llama/Llama-3.1-405B-Instruct-FP8",
        "meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8", "Qwen/Qwen3-235B-A22B-Instruct-2507-FP8",
        "Qwen/Qwen3-235B-A22B-Thinking-2507-FP8", "Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8","Qwen/Qwen3-235B-A22B-Instruct-2507", "Qwen/Qwen3-235B-A22B-Thinking-2507",
        "Qwen/Qwen3-30B-A3B-Instruct-2507", "Qwen/Qwen3-30B-A3B-Thinking-2507", "Qwen/Qwen3-32B", "Qwen/Qwen3-8B",
        "Qwen/Qwen3-Coder-30B-A3B-Instruct", "Qwen/Qwen3-Coder-480B-A35B-Instruct", "deepseek-ai/DeepSeek-R1-0528",
        "deepseek-ai/DeepSeek-V3.1", "google/gemma-3-12b-it", "meta-llama/Llama-3.1-405B-Instruct",
        "meta-llama/Llama-3.1-70B-Instruct", "meta-llama/Llama-3.1-8B-Instruct", "meta-llama/Llama-3.3-70B-Instruct",
        "nvidia/NVIDIA-Nemotron-Nano-12B-v2", "nvidia/NVIDIA-Nemotron-Nano-9B-v2", "openai/gpt-oss-120b");
    List<String> missing = new ArrayList<>();
    for (String model : measured) {
      if (!Catalogue.shipped().names().contains("huggingface/" + model)) missing.add(model);
    }
    assertEquals(List.of(), missing);
    assertEquals(Set.of(), pending());
    for (String model : measured.subList(0, 5)) {
      assertEquals(Format.FP8, Catalogue.network("huggingface/" + model).format(), model);
    }
  }

  @Test
  void activeParametersOfTheMixturesOfExperts() {
    // exact: derived term by term from each config by scripts/huggingface-catalogue.py --report (routed experts
    // times top-k, plus shared experts, routers, attention, norms, embedding and LM head); each rounds to the
    // figure its publisher gives
    Map<String, Long> active = new LinkedHashMap<>();
    active.put("mistralai/Mixtral-8x7B-v0.1", 12_879_925_248L); // Mistral's announcement: 12.9B active
    active.put("Qwen/Qwen3-30B-A3B", 3_353_032_704L); // Qwen3 model card: 3.3B activated
    active.put("Qwen/Qwen3-235B-A22B", 22_190_763_520L); // 22B activated
    active.put("Qwen/Qwen3-Coder-480B-A35B-Instruct", 35_474_765_312L); // 35B activated
    active.put("deepseek-ai/DeepSeek-V3", 37_552_282_624L); // DeepSeek-V3 README: 37B activated
    active.put("meta-llama/Llama-4-Scout-17B-16E", 17_172_894_720L); // Meta: 17B active
    active.put("meta-llama/Llama-4-Maverick-17B-128E", 17_184_691_200L); // 17B active
    // gpt-oss model card: 3.6B and 5.1B active, which leave out the embedding table (a lookup, 201,088 x 2,880
    // = 579,133,440): 4,187,440,704 - 579,133,440 = 3,608,307,264
    active.put("openai/gpt-oss-20b", 4_187_440_704L);
    active.put("openai/gpt-oss-120b", 5_711_982_912L); // less the table: 5,132,849,472
    Map<String, Long> counted = new LinkedHashMap<>();
    for (String model : active.keySet()) {
      counted.put(model, NetworkCost.of(Catalogue.network("huggingface/" + model), Phase.INFERENCE).activeParameters());
    }
    assertEquals(active, counted);
    // a dense model's every parameter is active
    NetworkCost dense = NetworkCost.of(Catalogue.network("huggingface/meta-llama/Llama-3.1-8B"), Phase.INFERENCE);
    assertEquals(dense.parameters(), dense.activeParameters());
  }

  @Test
  void theCountsIssue12Names() {
    // issue 12 section 4: bert-base-uncased 109,482,240 with its pooler; Llama-3.1-8B 8,030,261,248
    // (the Hub's safetensors total of meta-llama/Llama-3.1-8B)
    assertEquals(109_482_240L, parameters("bert-base-uncased"));
    assertEquals(109_482_240L, parameters("google-bert/bert-base-uncased"));
    assertEquals(8_030_261_248L, parameters("meta-llama/Llama-3.1-8B"));
  }
}
