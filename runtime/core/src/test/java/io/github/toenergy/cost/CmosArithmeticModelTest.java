package io.github.toenergy.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.toenergy.model.Format;
import org.junit.jupiter.api.Test;

/**
 * Expected TOs derived by hand from the gate library (INV 2, AND2 6, OR2 6, XOR2 12, MUX2 12, full
 * adder 28, half adder 18) and the circuits of docs/method.md; none is read off the code's output.
 */
class CmosArithmeticModelTest {
  private final ArithmeticModel cmos = ArithmeticModel.cmos();

  @Test
  void fp32AddIsTheSumOfItsDatapathStages() {
    // e = 8, p = 24, shifter stages = ceil(log2(27)) = 5
    long exponentDifference = 8 * (28 + 2); // 240
    long swap = 2 * 24 * 12; // 576
    long align = 24 * 5 * 12; // 1,440
    long significandAdder = 27 * 28; // 756
    long leadingZeros = 24 * 6; // 144
    long normalise = 24 * 5 * 12; // 1,440
    long exponentAdjust = 8 * 28; // 224
    long round = 24 * 18; // 432
    long expected = exponentDifference + swap + align + significandAdder + leadingZeros + normalise + exponentAdjust + round;
    assertEquals(5_252, expected);
    assertEquals(expected, cmos.tos(Op.ADD, Format.FP32));
  }

  @Test
  void fp32MultiplyIsDominatedByThe24BitArrayMultiplier() {
    long exponentAdd = 8 * 28; // 224
    long biasSubtract = 8 * 30; // 240
    long array = 24 * 24 * 6 + 24 * 23 * 28; // 3,456 + 15,456 = 18,912
    long normalise = 24 * 12; // 288
    long round = 24 * 18; // 432
    long sign = 12;
    assertEquals(20_108, exponentAdd + biasSubtract + array + normalise + round + sign);
    assertEquals(20_108, cmos.tos(Op.MULTIPLY, Format.FP32));
  }

  @Test
  void int8MacMultipliesIn8BitsAndAccumulatesIn32() {
    long multiplier = 8 * 8 * 6 + 8 * 7 * 28; // 384 + 1,568
    long accumulator = 32 * 28; // 896
    assertEquals(2_848, multiplier + accumulator);
    assertEquals(2_848, cmos.tos(Op.MAC, Format.INT8));
  }

  @Test
  void fp32SigmoidIsExpPlusAddPlusNewtonRaphsonDivide() {
    long add = 5_252;
    long multiply = 20_108;
    long exp = (2 + 6) * (multiply + add) + 8 * 28; // 8 * 25,360 + 224 = 203,104
    long divide = 2 * (2 * multiply + add) + multiply; // 2 * 45,468 + 20,108 = 111,044
    assertEquals(203_104, exp);
    assertEquals(111_044, divide);
    assertEquals(319_400, exp + add + divide);
    assertEquals(319_400, cmos.tos(Op.SIGMOID, Format.FP32));
  }

  @Test
  void halfPrecisionCircuitsAreSmallerThanSinglePrecision() {
    // FP16: e = 5, p = 11: multiply = 5*28 + 5*30 + (121*6 + 110*28) + 11*12 + 11*18 + 12
    long fp16Multiply = 140 + 150 + (726 + 3_080) + 132 + 198 + 12;
    assertEquals(4_438, fp16Multiply);
    assertEquals(fp16Multiply, cmos.tos(Op.MULTIPLY, Format.FP16));
  }

  @Test
  void fp8E4M3CircuitsAreSizedByFourExponentAndFourSignificandBits() {
    // e = 4, p = 4 (3 fraction bits + hidden), shifter stages = ceil(log2(7)) = 3
    long exponentAdd = 4 * 28; // 112
    long biasSubtract = 4 * 30; // 120
    long array = 4 * 4 * 6 + 4 * 3 * 28; // 96 + 336 = 432
    long multiply = exponentAdd + biasSubtract + array + 4 * 12 + 4 * 18 + 12; // + normalise 48, round 72, sign 12
    assertEquals(796, multiply);
    assertEquals(multiply, cmos.tos(Op.MULTIPLY, Format.FP8));
    // add: exponent difference 4*30, swap 2*4*12, align 4*3*12, adder 7*28, LZD 4*6, normalise 4*3*12,
    // exponent adjust 4*28, round 4*18
    long add = 120 + 96 + 144 + 196 + 24 + 144 + 112 + 72;
    assertEquals(908, add);
    assertEquals(add, cmos.tos(Op.ADD, Format.FP8));
    // a MAC multiplies in E4M3 and accumulates in FP32 (add 5,252, derived above)
    assertEquals(796 + 5_252, cmos.tos(Op.MAC, Format.FP8));
    assertEquals(8 * 30, cmos.tos(Op.COMPARE, Format.FP8));
  }

  @Test
  void mxfp4MacIsAnE2M1MultiplyAnFp32AddAndAShareOfTheBlockScales() {
    // e = 2, p = 2 (1 fraction bit + hidden): exponent add 2*28, bias subtract 2*30, 2x2 array
    // 4*6 + 2*28, normalise 2*12, round 2*18, sign 12
    long multiply = 56 + 60 + (24 + 56) + 24 + 36 + 12;
    assertEquals(268, multiply);
    assertEquals(multiply, cmos.tos(Op.MULTIPLY, Format.MXFP4));
    // add, shifter stages = ceil(log2(5)) = 3: 2*30 + 2*2*12 + 2*3*12 + 5*28 + 2*6 + 2*3*12 + 2*28 + 2*18
    long add = 60 + 48 + 72 + 140 + 12 + 72 + 56 + 36;
    assertEquals(496, add);
    assertEquals(add, cmos.tos(Op.ADD, Format.MXFP4));
    // per block of 32 MACs two 8-bit ripple adders (sum of the E8M0 scales, then into the FP32
    // exponent): 2 * 8 * 28 = 448, or 14 per MAC
    assertEquals(268 + 5_252 + 14, cmos.tos(Op.MAC, Format.MXFP4));
  }

  @Test
  void overridesReplaceOnePrimitiveAndEverythingComposedFromIt() {
    CmosArithmeticModel withExpUnit = CmosArithmeticModel.of(2, 2, 6).withOverride(Op.EXP, Format.FP32, 1_000);
    assertEquals(1_000 + 5_252 + 111_044, withExpUnit.tos(Op.SIGMOID, Format.FP32));
    assertEquals(5_252, withExpUnit.tos(Op.ADD, Format.FP32));
  }

  @Test
  void tomlTablePricesMacsAndActivationsDirectly() {
    ArithmeticModel toml = ArithmeticModel.toml45nm();
    assertEquals(5_000, toml.tos(Op.MAC, Format.FP32));
    assertEquals(18_000, toml.tos(Op.SIGMOID, Format.FP32));
    assertEquals(25_000, toml.tos(Op.SOFTMAX, Format.FP32));
    // SiLU is not in the table: sigmoid (18,000) + multiply (Horowitz 3,700)
    assertEquals(21_700, toml.tos(Op.SILU, Format.FP32));
  }
}
