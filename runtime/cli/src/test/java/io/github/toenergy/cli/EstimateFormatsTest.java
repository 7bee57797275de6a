package io.github.toenergy.cli;

import static io.github.toenergy.cli.CliConventionsTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.toenergy.cli.CliConventionsTest.Result;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** One number style, a total, and the 90% interval in every format. */
class EstimateFormatsTest {
  private static final String MLP = "input(784) dense(128) relu dense(10) softmax";

  @Test
  void joulesHaveAnSiPrefixAndThreeSignificantDigits() {
    assertEquals("2.33 mJ", EstimateFormats.joules(2.3311867952743866e-3));
    assertEquals("605 \u00b5J", EstimateFormats.joules(6.053742226286096E-4));
    assertEquals("12.2 mJ", EstimateFormats.joules(0.01224));
    assertEquals("1.00 J", EstimateFormats.joules(0.99996)); // rounds into the next prefix
    assertEquals("1.23 kJ", EstimateFormats.joules(1234.5));
    assertEquals("597 J", EstimateFormats.joules(596.975));
    assertEquals("4.82 \u00b5J", EstimateFormats.joules(4.820908584615666E-6));
    assertEquals("31.8 nJ", EstimateFormats.joules(3.1776e-8));
    assertEquals("0 J", EstimateFormats.joules(0));
    assertEquals("100 mJ", EstimateFormats.joules(0.1));
    assertEquals("999 \u00b5J", EstimateFormats.joules(9.994e-4));
    assertEquals("1.00 mJ", EstimateFormats.joules(9.996e-4));
    assertEquals("0.0100 aJ", EstimateFormats.joules(1e-20)); // below the smallest prefix
    assertEquals("-2.33 mJ", EstimateFormats.joules(-2.331e-3));
    assertEquals("n/a", EstimateFormats.joules(Double.NaN));
  }

  @Test
  void countsHaveThousandsSeparatorsAndSharesOneDecimal() {
    assertEquals("0", EstimateFormats.count(0));
    assertEquals("999", EstimateFormats.count(999));
    assertEquals("1,000", EstimateFormats.count(1000));
    assertEquals("2,581,491,296", EstimateFormats.count(2_581_491_296L));
    assertEquals("-1,234,567", EstimateFormats.count(-1_234_567));
    assertEquals(String.format(java.util.Locale.ROOT, "%,d", Long.MIN_VALUE), EstimateFormats.count(Long.MIN_VALUE));
    assertEquals("98.4%", EstimateFormats.percent(0.9835551939867502));
    assertEquals("100.0%", EstimateFormats.percent(1));
    assertEquals("0.1%", EstimateFormats.percent(7.518117309006703E-4)); // 0.075% rounds up to 0.1
    assertEquals("0.0%", EstimateFormats.percent(0));
  }

  @Test
  void theTableHasATotalRowThatMatchesTheHeader() {
    Result r = run("estimate", "--profile", "xeon-gold-5120", MLP);
    assertEquals(0, r.status(), r.err());
    List<String> lines = r.out().lines().toList();
    String total = lines.get(lines.size() - 1);
    assertTrue(total.startsWith("total "), total);
    // MACs of the MLP: 784 x 128 + 128 x 10 = 101,632; parameters: that plus 128 + 10 biases
    assertTrue(total.contains(" 101,632 ") && total.endsWith("100.0%"), total);
    assertTrue(r.out().contains("counts:   2,581,491,296 TOs, 101,632 MACs, 101,770 parameters"), r.out());
    Matcher energy = Pattern.compile("energy:   (\\S+ \\S?J)   \\(90% interval (\\S+ \\S?J) \\.\\. (\\S+ \\S?J)\\)")
        .matcher(r.out());
    assertTrue(energy.find(), r.out());
    assertTrue(total.contains("  " + energy.group(1) + "  "), total);
    // no number style other than the SI one: no exponent anywhere in the table
    assertTrue(!r.out().matches("(?s).*\\d[eE][-+]?\\d.*"), r.out());
  }

  @Test
  void csvAndJsonCarryTheSameIntervalInFullPrecision() {
    Result csv = run("estimate", "--profile", "raptorlake", "--phase", "training", "--format", "csv", MLP);
    Result json = run("estimate", "--profile", "raptorlake", "--phase", "training", "--format", "json", MLP);
    assertEquals(0, csv.status(), csv.err());
    List<String> lines = csv.out().lines().toList();
    assertEquals("layer,notation,tos,macs,bytes,joules,share,low,high,outsideFittedRange,outsideFittedPhase",
        lines.get(0));
    String[] total = lines.get(lines.size() - 1).split(",", -1);
    assertEquals("total", total[0]);
    double joules = Double.parseDouble(total[5]);
    double low = Double.parseDouble(total[7]);
    double high = Double.parseDouble(total[8]);
    assertTrue(low < joules && joules < high, lines.get(lines.size() - 1));
    for (String[] pair : new String[][] {{"joules", total[5]}, {"low", total[7]}, {"high", total[8]}}) {
      assertTrue(json.out().contains("\"" + pair[0] + "\":" + pair[1] + ","), pair[0] + " in " + json.out());
    }
    assertTrue(json.out().contains("\"parameters\":101770,"), json.out());
  }

  @Test
  void everyFormatFlagsAPhaseTheProfileWasNotMeasuredFor() {
    // v100 is fitted on training epochs only (phases=training), xeon-gold-5120 on inference only
    for (String[] c : new String[][] {{"v100", "inference"}, {"xeon-gold-5120", "training"}}) {
      Result table = run("estimate", "--profile", c[0], "--phase", c[1], MLP);
      assertEquals(0, table.status(), table.err());
      assertTrue(table.out().contains("   WARNING: outside the fitted range: " + c[1] + " not measured\n"), table.out());
      Result json = run("estimate", "--profile", c[0], "--phase", c[1], "--format", "json", MLP);
      assertTrue(json.out().contains("\"outsideFittedRange\":true,\"outsideFittedPhase\":true,"), json.out());
      Result csv = run("estimate", "--profile", c[0], "--phase", c[1], "--format", "csv", MLP);
      List<String> lines = csv.out().lines().toList();
      assertTrue(lines.get(lines.size() - 1).endsWith(",true,true"), csv.out());
      assertTrue(lines.get(1).endsWith(",,,,"), csv.out()); // the flags are the total's, not a layer's
    }
    // measured phases are not flagged (the MLP's inference lies inside xeon-gold-5120's fitted TOs: docs/cli.md)
    Result measured = run("estimate", "--profile", "xeon-gold-5120", "--format", "json", MLP);
    assertTrue(measured.out().contains("\"outsideFittedRange\":false,\"outsideFittedPhase\":false,"), measured.out());
  }
}
