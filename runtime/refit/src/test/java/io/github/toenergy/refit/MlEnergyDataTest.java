package io.github.toenergy.refit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.calibrate.CsvFile;
import io.github.toenergy.calibrate.Dataset;
import io.github.toenergy.calibrate.Measurement;
import io.github.toenergy.calibrate.MeasurementFormatException;
import io.github.toenergy.energy.Workload;
import io.github.toenergy.model.Format;
import io.github.toenergy.refit.MlEnergyData.Architecture;
import io.github.toenergy.refit.MlEnergyData.Gpu;
import io.github.toenergy.refit.MlEnergyData.Run;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Counts derived independently with awk in runtime/refit/src/test/resources/measurements/mlenergy-llm:
 * {@code awk -F'\t' 'NR>1{g[$7]++; p[$6]++; a[$3]++; m[$1]++} END{...}' llm_runs.tsv}.
 */
class MlEnergyDataTest {
  /** Line 8 of llm_runs.tsv, the first H100 run: its avg_batch_size and energy_per_token_joules. */
  private static final double ROW8_BATCH = 7.9914574165156615;
  private static final double ROW8_JOULES_PER_TOKEN = 9.47137107940121;
  private static final String HEADER = String.join("\t", MlEnergyData.COLUMNS);
  /** The file's first data line. */
  private static final String FIRST = "Qwen/Qwen3-235B-A22B-Instruct-2507-FP8\tlm-arena-chat\tMoE\t235.0\t22.0\tfp8\tB200"
      + "\t2\t1\t2\t1\t8\t7.990046127700898\t874.828125\t8.421096003608643\t7367.011627281942\t1805.668383628926"
      + "\t214.4220161906661\t36.719368494232185";

  @Test
  void readsEveryRunOfTheCopiedFile() {
    List<Run> runs = MlEnergyData.load(Data.root().resolve("mlenergy-llm"));
    // awk: 477 data lines; B200 260, H100 217; bfloat16 331, fp8 107, mxfp4 39; Dense Transformer 161, MoE 260,
    // Mamba-Transformer Hybrid 56; 23 model ids, 19 once the -FP8 suffix is dropped
    assertEquals(477, runs.size());
    assertEquals(Map.of(Gpu.B200, 260L, Gpu.H100, 217L), counts(runs, Run::gpu));
    assertEquals(Map.of(Format.BF16, 331L, Format.FP8, 107L, Format.MXFP4, 39L), counts(runs, Run::precision));
    assertEquals(Map.of(Architecture.DENSE, 161L, Architecture.MOE, 260L, Architecture.HYBRID, 56L),
        counts(runs, Run::architecture));
    assertEquals(23, counts(runs, Run::modelId).size());
    assertEquals(19, counts(runs, Run::model).size());
    // the file has CRLF line ends: the last field of a line is still a number
    assertTrue(runs.stream().allMatch(r -> r.medianItlMs() > 0));
  }

  @Test
  void decodeMeasurementsOfOneGpuGroupedByModel() {
    Dataset h100 = MlEnergyData.decode(Data.root().resolve("mlenergy-llm"), "h100");
    // awk: 217 H100 runs of 16 models once -FP8 is dropped (18 ids: two Qwen3-235B FP8 builds beside their bf16)
    assertEquals(217, h100.measurements().size());
    assertEquals(260, h100.rowsDropped());
    assertEquals(16, h100.measurements().stream().map(Measurement::group).distinct().count());
    // the file's first H100 line (line 8): Qwen3-235B-A22B-Instruct-2507-FP8, lm-arena-chat, 4 GPUs, cap 8,
    // mean batch 7.9915, 855.28 tokens -> 855, 9.4714 J per token
    Measurement m = h100.measurements().get(0);
    Workload w = m.workload();
    assertEquals(Phase.DECODE, w.phase());
    assertEquals(List.of(8, 1000, 855, 4), List.of(w.batch(), w.prompt(), w.tokens(), w.gpus()));
    assertEquals(Format.FP8, w.precision());
    assertEquals("Qwen/Qwen3-235B-A22B-Instruct-2507", m.group());
    assertEquals(Format.FP8, m.network().format()); // the catalogue's FP8 build
    assertEquals(ROW8_JOULES_PER_TOKEN * ROW8_BATCH * 855, m.joules(), 1e-9);
    assertEquals(ROW8_BATCH, m.samples());
  }

  @Test
  void typesTheFirstLine() {
    Run r = MlEnergyData.read(CsvFile.parse("t.tsv", HEADER + "\r\n" + FIRST + "\r\n", '\t')).get(0);
    assertEquals(2, r.line());
    assertEquals("Qwen/Qwen3-235B-A22B-Instruct-2507-FP8", r.modelId());
    assertEquals("Qwen/Qwen3-235B-A22B-Instruct-2507", r.model());
    assertEquals("lm-arena-chat", r.task());
    assertTrue(r.mixtureOfExperts());
    assertEquals(235.0, r.totalParamsBillions());
    assertEquals(22.0, r.activeParamsBillions());
    assertEquals(Format.FP8, r.precision());
    assertEquals(Gpu.B200, r.gpu());
    assertEquals(List.of(2, 1, 2, 1, 8), List.of(r.gpus(), r.tensorParallel(), r.expertParallel(), r.dataParallel(),
        r.maxNumSeqs()));
    assertEquals(7.990046127700898, r.batch());
    assertEquals(874.828125, r.outputTokens());
    assertEquals(8.421096003608643, r.joulesPerToken());
    assertEquals(7367.011627281942, r.joulesPerRequest());
    assertEquals(1805.668383628926, r.watts());
    assertEquals(214.4220161906661, r.tokensPerSecond());
    assertEquals(36.719368494232185, r.medianItlMs());
  }

  @Test
  void aBadFieldNamesFileLineAndColumn() {
    assertEquals("t.tsv:2:6: weight_precision 'int4' is not one of bfloat16, fp8, mxfp4",
        error(FIRST.replace("\tfp8\t", "\tint4\t")));
    assertEquals("t.tsv:2:7: gpu_model 'A100' is not one of H100, B200", error(FIRST.replace("B200", "A100")));
    assertEquals("t.tsv:2:3: architecture 'moe' is not one of Dense Transformer, MoE, Mamba-Transformer Hybrid",
        error(FIRST.replace("\tMoE\t", "\tmoe\t")));
    assertEquals("t.tsv:2:15: energy_per_token_joules 'abc' is not a number",
        error(FIRST.replace("8.421096003608643", "abc")));
    assertEquals("t.tsv:2:15: energy_per_token_joules -8.421096003608643 must be positive",
        error(FIRST.replace("8.421096003608643", "-8.421096003608643")));
    assertEquals("t.tsv:2:8: num_gpus '2.5' is not a whole number", error(FIRST.replace("B200\t2\t", "B200\t2.5\t")));
    assertEquals("t.tsv:2:13: avg_batch_size 9.5 is more than the cap max_num_seqs 8",
        error(FIRST.replace("7.990046127700898", "9.5")));
    assertEquals("t.tsv:2:5: activated_params_billions 240.0 is more than total_params_billions 235.0",
        error(FIRST.replace("\t22.0\t", "\t240.0\t")));
    assertEquals("t.tsv:2:9: tensor_parallel 2 x data_parallel 2 and expert_parallel 2 must each fit in num_gpus 2",
        error(FIRST.replace("B200\t2\t1\t2\t1", "B200\t2\t2\t2\t1").replace("\t2\t2\t2\t1\t", "\t2\t2\t2\t2\t")));
    assertEquals("t.tsv:2:1: model_id 'Qwen3-8B' is not a Hugging Face id (organisation/name)",
        error(FIRST.replace("Qwen/Qwen3-235B-A22B-Instruct-2507-FP8", "Qwen3-8B")));
    assertEquals("t.tsv:2:19: expected 19 tab-separated fields as in the header, found 18",
        error(FIRST.substring(0, FIRST.lastIndexOf('\t'))));
  }

  @Test
  void aChangedHeaderOrAnEmptyFileIsRefused() {
    MeasurementFormatException header = assertThrows(MeasurementFormatException.class,
        () -> MlEnergyData.read(CsvFile.parse("t.tsv", HEADER.replace("task", "dataset") + "\n" + FIRST, '\t')));
    assertEquals(1, header.line());
    assertTrue(header.getMessage().startsWith("t.tsv:1: expected the columns model_id,task,architecture,"),
        header.getMessage());
    assertEquals("t.tsv: has a header and no runs", assertThrows(MeasurementFormatException.class,
        () -> MlEnergyData.read(CsvFile.parse("t.tsv", HEADER + "\n", '\t'))).getMessage());
  }

  private static String error(String line) {
    return assertThrows(MeasurementFormatException.class,
        () -> MlEnergyData.read(CsvFile.parse("t.tsv", HEADER + "\n" + line + "\n", '\t'))).getMessage();
  }

  private static <K> Map<K, Long> counts(List<Run> runs, Function<Run, K> key) {
    return runs.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
  }
}
