package io.github.toenergy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.toenergy.cli.MainTest.Result;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code estimate --phase prefill|decode}: the generation flags, their outputs and their errors. */
class GenerationCommandTest {
  /** The 2-layer decoder of the runtime's GenerationCostTest: 27,520 MACs per sequence decoding 4 tokens after 8. */
  private static final String TINY = "input(8) embedding(100,16) repeat(2, residual(rmsnorm "
      + "attention(4,kvheads=2,causal=true,bias=false)) residual(rmsnorm glu(32))) rmsnorm unembed(100)";

  private static double number(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\":([-0-9.Ee]+)").matcher(json);
    assertTrue(m.find(), key + " in " + json);
    return Double.parseDouble(m.group(1));
  }

  @Test
  void decodeJsonCarriesJoulesPerTokenBesideTheTotals() {
    Result r = MainTest.run("estimate", "--profile", "v100", "--phase", "decode", "--batch", "3", "--prompt", "8",
        "--tokens", "4", "--gpus", "2", "--format", "json", TINY);
    assertEquals(0, r.status(), r.err());
    String json = r.out();
    // 3 sequences x 27,520 MACs (GenerationCostTest); fp32: 5,888 cache bytes each, 4 x 6,288 x 4 weight bytes
    assertEquals(3 * 27_520, number(json, "macs"));
    assertEquals(3 * 5_888, number(json, "kvCacheBytes"));
    assertEquals(4 * 6_288 * 4, number(json, "weightBytes"));
    assertEquals(8, number(json, "prompt"));
    assertEquals(4, number(json, "tokens"));
    assertEquals(2, number(json, "gpus"));
    assertTrue(json.contains("\"phase\":\"decode\"") && json.contains("\"precision\":\"fp32\""), json);
    // per token = the totals over 3 x 4 generated tokens
    assertEquals(number(json, "joules") / 12, number(json, "joulesPerToken"), 1e-15);
    assertEquals(number(json, "low") / 12, number(json, "joulesPerTokenLow"), 1e-15);
    assertEquals(number(json, "high") / 12, number(json, "joulesPerTokenHigh"), 1e-15);
    // the V100 profile is fitted on training epochs only
    assertTrue(json.contains("\"outsideFittedPhase\":true"), json);
  }

  @Test
  void thePromptDefaultsToTheNetworksOwnLength() {
    Result given = MainTest.run("estimate", "--profile", "v100", "--phase", "decode", "--tokens", "4", "--prompt", "8",
        "--format", "json", TINY);
    Result defaulted = MainTest.run("estimate", "--profile", "v100", "--phase", "decode", "--tokens", "4", "--format",
        "json", TINY);
    assertEquals(given.out(), defaulted.out());
  }

  @Test
  void tableAndCsvShowThePerTokenFigureAndTheFlag() {
    Result table = MainTest.run("estimate", "--profile", "v100", "--phase", "decode", "--tokens", "4",
        "--precision", "bf16", TINY);
    assertEquals(0, table.status(), table.err());
    assertTrue(table.out().contains("workload: decode, batch 1 sequences, prompt 8, 4 tokens generated per sequence, "
        + "1 GPU, bf16\n"), table.out());
    assertTrue(table.out().contains("WARNING: outside the fitted range: decode not measured"), table.out());
    assertTrue(table.out().contains(") per generated token\n"), table.out());
    // bf16: 4 steps x 6,288 x 2 weight bytes, 5,888 / 2 cache bytes
    assertTrue(table.out().contains("memory:   50,304 bytes of weights read, 2,944 bytes of key/value cache"),
        table.out());
    Result csv = MainTest.run("estimate", "--profile", "v100", "--phase", "prefill", "--format", "csv", TINY);
    assertEquals(0, csv.status(), csv.err());
    String[] lines = csv.out().split("\n");
    assertTrue(lines[0].endsWith(",outsideFittedPhase,joulesPerToken,joulesPerTokenLow,joulesPerTokenHigh"), lines[0]);
    String[] total = lines[lines.length - 1].split(",", -1);
    assertEquals(lines[0].split(",").length, total.length);
    assertEquals(Double.parseDouble(total[5]) / 8, Double.parseDouble(total[11]), 1e-15); // per prompt token
    assertTrue(lines[2].startsWith("residual_1/rmsnorm_1,rmsnorm,"), lines[2]); // a notation without commas
    assertEquals(lines[0].split(",").length, lines[2].split(",", -1).length);
  }

  @Test
  void inferenceOutputsStayAsTheyWere() {
    Result r = MainTest.run("estimate", "--profile", "v100", "--phase", "training", "--format", "json", TINY);
    assertEquals(0, r.status(), r.err());
    assertFalse(r.out().contains("joulesPerToken"), r.out());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--prompt 8                            | --prompt applies to --phase prefill or decode, not inference",
      "--phase training --tokens 3           | --tokens applies to --phase prefill or decode, not training",
      "--gpus 2                              | --gpus applies to --phase prefill or decode, not inference",
      "--precision bf16                      | --precision applies to --phase prefill or decode, not inference",
      "--phase prefill --tokens 3            | --tokens applies to --phase decode; prefill runs the --prompt positions only",
      "--phase decode                        | --phase decode needs --tokens T, the tokens generated per sequence",
      "--phase decode --tokens 3 --batches 2 | --batches applies to inference and training",
      "--phase decode --tokens -3            | option '--tokens' must be a positive whole number, got '-3'",
      "--phase decode --tokens 3 --prompt 0  | option '--prompt' must be a positive whole number, got '0'",
      "--phase decode --tokens 3 --gpus x    | option '--gpus' must be a positive whole number, got 'x'",
      "--phase decode --tokens 3 --precision fp4 | option '--precision' must be one of fp32, fp16, bf16, int8",
  })
  void aGenerationFlagOutOfPlaceIsAnErrorNamingIt(String flags, String message) {
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("estimate", "--profile", "v100"));
    args.addAll(java.util.List.of(flags.strip().split("\\s+")));
    args.add(TINY);
    Result r = MainTest.run(args.toArray(new String[0]));
    assertEquals(2, r.status(), r.out());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains(message), r.err());
  }

  @Test
  void aNetworkThatCannotDecodeIsNamed() {
    Result image = MainTest.run("estimate", "--profile", "v100", "--phase", "decode", "--tokens", "3",
        "input(1,28,28) conv2d(6,k=5) flatten dense(10)");
    assertEquals(2, image.status());
    assertEquals("toenergy: decode needs a sequence: input(L,D), or token ids input(L) followed by an embedding, but "
        + "network takes 1x28x28\n", image.err());
    Result encoder = MainTest.run("estimate", "--profile", "v100", "--phase", "decode", "--tokens", "3",
        "input(8,16) residual(layernorm attention(4))");
    assertEquals("toenergy: layer 1 (attention(4)): cannot decode: attention that is not causal sees later positions; "
        + "a decoder's attention is causal=true\n", encoder.err());
  }

  /** The whole JSON integer of {@code key} (its first occurrence: the estimate's, before the layers'). */
  private static java.math.BigInteger integer(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\":(-?[0-9]+)[,}]").matcher(json);
    assertTrue(m.find(), key + " in " + json);
    return new java.math.BigInteger(m.group(1));
  }

  @Test
  void aServingDecodeOfA70bModelPrintsItsTosDigitForDigitBeyondALong() {
    // issue 13's workload, which used to fail with "count exceeds 2^63-1": about 1.8e19 TOs in bf16
    String[] workload = {"--profile", "v100", "--phase", "decode", "--prompt", "1000", "--tokens", "870", "--precision",
        "bf16", "--format", "json", "huggingface/meta-llama/Llama-3.1-70B"};
    Result one = MainTest.run(concat(new String[] {"estimate", "--batch", "1"}, workload));
    Result batch = MainTest.run(concat(new String[] {"estimate", "--batch", "64"}, workload));
    assertEquals(0, batch.status(), batch.err());
    assertEquals(0, one.status(), one.err());
    // the per-sequence TOs from a batch-1 run of the same command; batch scaling is what is under test. V100's cmos
    // arithmetic counts no TOs for moving words (CmosArithmeticModel.tosPerWordMoved is 0: the weights read once per
    // step are its bytes feature), so no TOs are per step and 64 sequences have exactly 64 times one sequence's TOs
    java.math.BigInteger perSequence = integer(one.out(), "tos");
    java.math.BigInteger tos = integer(batch.out(), "tos");
    assertEquals(perSequence.multiply(java.math.BigInteger.valueOf(64)), tos);
    assertTrue(tos.compareTo(java.math.BigInteger.valueOf(Long.MAX_VALUE)) > 0, tos::toString);
    assertEquals(integer(one.out(), "macs").multiply(java.math.BigInteger.valueOf(64)), integer(batch.out(), "macs"));
    // the table prints the same integer with separators, the CSV's total row without
    Result table = MainTest.run(concat(new String[] {"estimate", "--batch", "64"},
        java.util.Arrays.copyOf(workload, workload.length - 3), new String[] {"huggingface/meta-llama/Llama-3.1-70B"}));
    assertEquals(0, table.status(), table.err());
    assertTrue(table.out().contains("counts:   " + String.format(java.util.Locale.ROOT, "%,d", tos) + " TOs"),
        table.out());
    workload[workload.length - 2] = "csv";
    Result csv = MainTest.run(concat(new String[] {"estimate", "--batch", "64"}, workload));
    assertEquals(0, csv.status(), csv.err());
    assertTrue(csv.out().contains("\ntotal,," + tos + ","), csv.out());
  }

  private static String[] concat(String[]... parts) {
    return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
  }
}
