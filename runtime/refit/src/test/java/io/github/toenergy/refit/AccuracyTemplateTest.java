package io.github.toenergy.refit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/accuracy.md is its template with every placeholder filled, and only those. */
class AccuracyTemplateTest {

  @Test
  void aPlaceholderOnItsOwnLineTakesTheLineAndAnInlineOneTakesItsPlace() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("rows", "| a |\n| b |\n");
    values.put("low", "93.61");
    assertEquals("| h |\n| a |\n| b |\nfrom 93.61%\n", AccuracyReport.fill("| h |\n{{rows}}\nfrom {{low}}%\n", values));
  }

  @Test
  void aMissingValueOrPlaceholderIsAnError() {
    assertTrue(assertThrows(IllegalStateException.class, () -> AccuracyReport.fill("x {{left}}\n", Map.of()))
        .getMessage().contains("no value for {{left}}"));
    assertTrue(assertThrows(IllegalStateException.class, () -> AccuracyReport.fill("x\n", Map.of("extra", "1")))
        .getMessage().contains("has no placeholder {{extra}}"));
  }

  @Test
  void theTemplateHasThePlaceholdersTheReportFills() throws IOException {
    String template = AccuracyReport.template();
    Matcher m = Pattern.compile("\\{\\{([A-Za-z]+)}}").matcher(template);
    java.util.Set<String> names = new java.util.TreeSet<>();
    while (m.find()) names.add(m.group(1));
    assertEquals(java.util.Set.of("summary", "candidates", "spillPrice", "goals", "gpuLono", "gpuJoulesPerMac", "gpuCandidates", "paperLow", "paperHigh",
        "paper",
        "profiles", "llm"), names);
    assertFalse(template.contains("\r"), "plain line feeds");
  }
}
