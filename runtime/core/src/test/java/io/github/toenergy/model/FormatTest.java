package io.github.toenergy.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.toenergy.annotations.NumberFormat;
import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.LayerCost;
import io.github.toenergy.cost.NetworkCost;
import org.junit.jupiter.api.Test;

/** Storage sizes from the formats' definitions (IEEE-754, OCP OFP8 rev. 1.0, OCP MX v1.0). */
class FormatTest {

  @Test
  void byteAlignedFormatsStoreTheirWidthPerValue() {
    assertEquals(4_000, Format.FP32.bytes(1_000));
    assertEquals(2_000, Format.BF16.bytes(1_000));
    assertEquals(1_000, Format.FP8.bytes(1_000));
    assertEquals(1_000, Format.INT8.bytes(1_000));
    assertEquals(1.0, Format.FP8.bytesPerValue());
  }

  @Test
  void mxfp4StoresSeventeenBytesPerBlockOf32() {
    // a block: 32 E2M1 elements of 4 bits = 16 bytes, plus one E8M0 scale byte
    assertEquals(17, Format.MXFP4.bytes(32));
    assertEquals(17 * 1_000, Format.MXFP4.bytes(32_000));
    // a partial block is stored padded to a whole one
    assertEquals(17, Format.MXFP4.bytes(1));
    assertEquals(34, Format.MXFP4.bytes(33));
    assertEquals(0, Format.MXFP4.bytes(0));
    // 4 + 8/32 = 4.25 bits = 0.53125 bytes a value
    assertEquals(0.53125, Format.MXFP4.bytesPerValue());
  }

  @Test
  void aDenseLayerInMxfp4MovesItsWeightsAndActivationsInWholeBlocks() {
    LayerCost dense = NetworkCost.of(Network.parse("input(64,format=mxfp4) dense(32)"), Phase.INFERENCE).layers().get(0);
    // weights 64 x 32 + 32 biases = 2,080 values = 65 blocks; activations: 64 read + 32 written = 96 = 3 blocks
    assertEquals(2_080, dense.weightWordsPerStep());
    assertEquals(96, dense.activationWordsPerSample());
    assertEquals(65 * 17 + 10 * 3 * 17, dense.bytes(10, Format.MXFP4));
    // the same layer in FP8 moves one byte a value
    assertEquals(2_080 + 10 * 96, dense.bytes(10, Format.FP8));
  }

  @Test
  void lowPrecisionFloatsAccumulateInFp32() {
    assertEquals(Format.FP32, Format.FP8.accumulator());
    assertEquals(Format.FP32, Format.MXFP4.accumulator());
    assertEquals(Format.BF16, Format.BF16.accumulator());
    assertEquals(Format.INT32, Format.INT8.accumulator());
  }

  @Test
  void activationsAndTheCacheStayInBf16UnderWeightsNarrowerThan16Bits() {
    // vLLM's kv_cache_dtype=auto: FP8/MXFP4/INT8 checkpoints quantize weights only; 16- and 32-bit formats keep their own
    assertEquals(Format.BF16, Format.FP8.activation());
    assertEquals(Format.BF16, Format.MXFP4.activation());
    assertEquals(Format.BF16, Format.INT8.activation());
    assertEquals(Format.BF16, Format.BF16.activation());
    assertEquals(Format.FP16, Format.FP16.activation());
    assertEquals(Format.FP32, Format.FP32.activation());
    assertEquals(Format.INT32, Format.INT32.activation());
  }

  @Test
  void everyAnnotationFormatHasARuntimeFormatAndParsesByName() {
    for (NumberFormat f : NumberFormat.values()) {
      assertEquals(f.name(), Format.of(f).name());
    }
    assertEquals(Format.MXFP4, Format.parse("mxfp4"));
    assertEquals(Format.FP8, Format.parse("FP8"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Format.parse("fp4"));
    assertEquals("unknown number format 'fp4', expected one of fp32, fp16, bf16, int8, int32, fp8, mxfp4", e.getMessage());
  }
}
