package io.github.toenergy.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnitsTest {
  @Test
  void joulesTakeAnSiPrefixAndThreeSignificantDigits() {
    assertEquals("12.9 uJ", Units.joules(12.9006556e-6, "u"));
    assertEquals("2.58 µJ", Units.joules(2.581491296e-6, "µ"));
    assertEquals("193 mJ", Units.joules(0.193017, "u"));
    assertEquals("1.63 J", Units.joules(1.6297, "u"));
    assertEquals("0 J", Units.joules(0, "u"));
    assertEquals("450 pJ", Units.joules(4.5e-10, "u"));
  }

  @Test
  void roundingThatCarriesMovesToTheNextPrefix() {
    // 999.7 mJ rounds to 1000 mJ at three digits, which reads better as 1.00 J
    assertEquals("1.00 J", Units.joules(0.9997, "u"));
    assertEquals("1.00 mJ", Units.joules(0.00099996, "u"));
  }

  @Test
  void ticksDropTrailingZeros() {
    assertEquals("1 µJ", Units.tick(1e-6, "µ"));
    assertEquals("10 mJ", Units.tick(0.01, "µ"));
    assertEquals("2.5 mJ", Units.tick(0.0025, "µ"));
    assertEquals("3.75 µJ", Units.tick(3.75e-6, "µ"));
    assertEquals("0 J", Units.tick(0, "µ"));
  }

  @Test
  void countsAndRatios() {
    assertEquals("1,814,073,344", Units.count(1_814_073_344L));
    assertEquals("1.81 G", Units.shortCount(1_814_073_344L));
    assertEquals("417 k", Units.shortCount(416_520));
    assertEquals("25,400", Units.ratio(2_581_491_296.0 / 101_632));
    assertEquals("2.5", Units.ratio(2.5));
  }
}
