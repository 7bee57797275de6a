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
