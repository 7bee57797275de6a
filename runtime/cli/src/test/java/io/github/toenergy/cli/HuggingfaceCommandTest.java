package io.github.toenergy.cli;

import static io.github.toenergy.cli.CliConventionsTest.assertBadInput;
import static io.github.toenergy.cli.CliConventionsTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.catalogue.Catalogue;
import io.github.toenergy.cli.CliConventionsTest.Result;
import io.github.toenergy.cost.NetworkCost;
import org.junit.jupiter.api.Test;

/** Issue 12: huggingface/<org>/<model> names wherever the CLI takes a NETWORK. */
class HuggingfaceCommandTest {

  @Test
  void estimateTakesAHuggingfaceName() {
    // GPT2Model's 124,439,808 parameters (issue 12; KerasHub's gpt2_base_en preset): the LM head is the
    // embedding read back (tied), so it adds products, not parameters
    Result r = run("estimate", "--profile", "a40", "--format", "json", "huggingface/gpt2");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains(",\"parameters\":124439808,"), r.out().substring(0, Math.min(400, r.out().length())));
    long macs = NetworkCost.of(Catalogue.network("huggingface/gpt2"), Phase.INFERENCE).macs(1);
    assertTrue(r.out().contains(",\"macs\":" + macs + ","), r.out().substring(0, Math.min(400, r.out().length())));
    // the legacy id and the organisation's id are the same network
    Result org = run("estimate", "--profile", "a40", "--format", "json", "huggingface/openai-community/gpt2");
    assertEquals(r.out().replace("huggingface/gpt2", "huggingface/openai-community/gpt2"), org.out());
  }

  @Test
  void aMixtureOfExpertsPrintsItsActiveParameters() {
    // Qwen3-235B-A22B's 235,093,634,560 parameters (the Hub's safetensors total), 22,190,763,520 of them used by
    // a token (8 of 128 experts; derived from the config by scripts/huggingface-catalogue.py, "22B activated")
    Result r = run("estimate", "--profile", "a40", "--format", "json", "huggingface/Qwen/Qwen3-235B-A22B-Instruct-2507");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains(",\"parameters\":235093634560,\"activeParameters\":22190763520,"),
        r.out().substring(0, Math.min(600, r.out().length())));
    Result table = run("estimate", "--profile", "a40", "huggingface/Qwen/Qwen3-235B-A22B-Instruct-2507");
    assertTrue(table.out().contains(" 235,093,634,560 parameters (22,190,763,520 active)\n"), table.out());
    // a dense network has no activeParameters field: every parameter is active
    assertTrue(!run("estimate", "--profile", "a40", "--format", "json", "huggingface/gpt2").out().contains("active"));
    // a mixture whose token uses every expert still has the field: the 4 x 2 router and two SwiGLU experts of
    // 3 x 4 x 3 (gate, up, down) = 8 + 72 = 80
    Result all = run("estimate", "--profile", "a40", "--format", "json", "input(2,4) moe(experts=2,top=2,hidden=3)");
    assertTrue(all.out().contains(",\"parameters\":80,\"activeParameters\":80,"), all.out());
  }

  @Test
  void aMistypedModelNamesTheCloseOnes() {
    assertBadInput(run("estimate", "--profile", "a40", "huggingface/meta-llama/Llama-3.1-8b"),
        "did you mean 'huggingface/meta-llama/Llama-3.1-8B'");
  }
}
