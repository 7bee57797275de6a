package io.github.toenergy.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.NetworkCost;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
  void theCountsIssue12Names() {
    // issue 12 section 4: bert-base-uncased 109,482,240 with its pooler; Llama-3.1-8B 8,030,261,248
    // (the Hub's safetensors total of meta-llama/Llama-3.1-8B)
    assertEquals(109_482_240L, parameters("bert-base-uncased"));
    assertEquals(109_482_240L, parameters("google-bert/bert-base-uncased"));
    assertEquals(8_030_261_248L, parameters("meta-llama/Llama-3.1-8B"));
  }
}
