package io.github.toenergy.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.toenergy.energy.Estimate;
import io.github.toenergy.model.LayerKind;
import io.github.toenergy.model.Network;
import io.github.toenergy.profile.Profile;
import io.github.toenergy.profile.Profiles;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class ReportTest {
  /*
   * input(784) dense(128) relu dense(10) softmax, by hand:
   *   MACs       = 784*128 + 128*10            = 100,352 + 1,280        = 101,632
   *   parameters = (784*128 + 128) + (128*10 + 10) = 100,480 + 1,290    = 101,770
   * input(1,8,8) conv2d(4,k=3) relu flatten dense(2):
   *   conv output 4 x 6 x 6 = 144 values, 1*3*3 = 9 MACs each -> 1,296; dense 144*2 = 288
   *   MACs 1,584; parameters (4*9 + 4) + (144*2 + 2) = 40 + 290 = 330
   */
  private static final Network MLP = Network.parse("mlp", "input(784) dense(128) relu dense(10) softmax");
  private static final Network TINY_CNN = Network.parse("tiny-cnn", "input(1,8,8) conv2d(4,k=3) relu flatten dense(2)");

  private static Report report() {
    return Report.of(List.of(MLP, TINY_CNN), Profiles.all(), 1);
  }

  @Test
  void rowsCarryTheHandCountedFigures() {
    Report report = report();
    assertEquals(101_632, report.rows().get(0).macs());
    assertEquals(101_770, report.rows().get(0).parameters());
    assertEquals(1_584, report.rows().get(1).macs());
    assertEquals(330, report.rows().get(1).parameters());
  }

  @Test
  void everyNetworkIsEstimatedOnEveryShippedProfileForOneInference() {
    Report report = report();
    List<Profile> profiles = List.copyOf(Profiles.all());
    assertEquals(9, profiles.size(), "DESIGN.md section 5 ships nine profiles");
    for (Report.Row row : report.rows()) {
      assertEquals(profiles.size(), row.estimates().size());
      for (int i = 0; i < profiles.size(); i++) {
        Estimate e = row.estimates().get(i);
        assertEquals(profiles.get(i).id(), e.profile());
        assertEquals(1, e.workload().batch());
        assertEquals(row.macs(), e.macs());
        assertTrue(e.low() <= e.joules() && e.joules() <= e.high(), "interval holds the estimate");
      }
    }
  }

  @Test
  void tosPerMacIsTheRatioOfTheTwoCounts() {
    Report.Row row = report().rows().get(0);
    assertEquals((double) row.tos() / 101_632, row.tosPerMac(), 1e-9);
    assertTrue(row.tosPerMac() > 1, "a MAC alone costs many transistor operations");
  }

  @Test
  void textHasOneTablePerNetworkWithEveryProfileAndTheSummary() {
    Report report = report();
    String text = TextReport.render(report);
    assertTrue(text.contains("parameters 101,770   MACs 101,632"), text);
    assertTrue(text.contains("parameters 330   MACs 1,584"), text);
    for (Report.Row row : report.rows()) {
      for (Estimate e : row.estimates()) {
        String joules = Units.joules(e.joules(), "u");
        String interval = Units.joules(e.low(), "u") + " .. " + Units.joules(e.high(), "u");
        assertTrue(text.lines().anyMatch(l -> l.startsWith("  " + e.profile() + " ") && l.contains(joules)
            && l.contains(interval)), "row of " + e.profile() + " with " + joules + " [" + interval + "]");
      }
    }
    String summary = text.substring(text.indexOf("joules per inference (batch 1)"));
    assertTrue(summary.lines().anyMatch(l -> l.startsWith("  mlp ")), summary);
    for (Profile p : report.profiles()) {
      assertTrue(summary.lines().skip(1).findFirst().orElseThrow().contains(p.id()), p.id());
    }
  }

  @Test
  void htmlIsWellFormedSelfContainedAndHasEveryChart() throws Exception {
    Report report = report();
    String html = HtmlReport.render(report, 0);
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    // one chart per profile (networks side by side) and one per network (energy by layer)
    assertEquals(report.profiles().size() + report.rows().size(), doc.getElementsByTagName("svg").getLength());
    assertEquals(0, doc.getElementsByTagName("script").getLength());
    assertEquals(0, doc.getElementsByTagName("link").getLength());
    assertEquals(0, doc.getElementsByTagName("img").getLength());
    assertFalse(html.contains("src="), "no external sources");
    assertFalse(html.contains("href="), "no links to fetch");
    assertFalse(html.contains("url("), "no CSS fetches");
    assertFalse(html.contains("@import"), "no CSS imports");
    // no attribute points anywhere but the SVG namespace (text may quote a URL, e.g. a profile's source)
    org.w3c.dom.NodeList all = doc.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      org.w3c.dom.NamedNodeMap attributes = all.item(i).getAttributes();
      for (int a = 0; a < attributes.getLength(); a++) {
        org.w3c.dom.Node attribute = attributes.item(a);
        if (!attribute.getNodeName().equals("xmlns")) {
          assertFalse(attribute.getNodeValue().contains("://"), attribute.getNodeName() + "=" + attribute.getNodeValue());
        }
      }
    }
    // a layer chart has a bar per costed layer: mlp has dense, relu, dense, softmax
    String mlpChart = html.substring(html.indexOf("aria-label=\"mlp: joules by layer"));
    mlpChart = mlpChart.substring(0, mlpChart.indexOf("</svg>"));
    assertEquals(4, mlpChart.split("<rect", -1).length - 1);
  }

  @Test
  void everyProfileGetsLayerChartsOnASharedAxisAndEveryBarIsListed() throws Exception {
    Report report = report();
    int profiles = report.profiles().size();
    List<Integer> all = java.util.stream.IntStream.range(0, profiles).boxed().toList();
    String html = HtmlReport.render(report, HtmlReport.Axis.SHARED, all);
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    // one chart per profile (networks side by side) and one per network and profile (energy by layer)
    assertEquals(profiles + report.rows().size() * profiles, doc.getElementsByTagName("svg").getLength());
    for (Profile p : report.profiles()) {
      assertTrue(html.contains("aria-label=\"mlp: joules by layer on " + p.id() + "\""), p.id());
    }
    // the list under each network: a row per bar (4 layers of mlp, 4 of tiny-cnn), joules on every profile
    assertEquals(report.rows().size(), doc.getElementsByTagName("details").getLength());
    org.w3c.dom.NodeList lists = doc.getElementsByTagName("details");
    for (int n = 0; n < lists.getLength(); n++) {
      org.w3c.dom.Element list = (org.w3c.dom.Element) lists.item(n);
      assertEquals(1 + 4, list.getElementsByTagName("tr").getLength(), "header and a row per layer");
      assertEquals(3 + profiles, ((org.w3c.dom.Element) list.getElementsByTagName("tr").item(1))
          .getElementsByTagName("td").getLength(), "#, layer, notation, then one column per profile");
    }
    String mlpRow = html.substring(html.indexOf("<td><code>dense_1</code>"));
    mlpRow = mlpRow.substring(0, mlpRow.indexOf("</tr>"));
    for (Report.Row row : List.of(report.rows().get(0))) {
      for (Estimate e : row.estimates()) {
        assertTrue(mlpRow.contains(Units.joules(e.layers().get(0).joules(), "\u00b5")), e.profile() + " in " + mlpRow);
      }
    }
    // bars are numbered under the axis: the mlp chart has its four numbers
    String mlpChart = html.substring(html.indexOf("aria-label=\"mlp: joules by layer"));
    mlpChart = mlpChart.substring(0, mlpChart.indexOf("</svg>"));
    for (int i = 1; i <= 4; i++) {
      assertTrue(mlpChart.contains("class=\"tick mid\">" + i + "</text>"), "bar number " + i);
    }
  }

  @Test
  void aSharedAxisIsTheSameOnEveryProfileChart() {
    Report report = report();
    List<Integer> all = java.util.stream.IntStream.range(0, report.profiles().size()).boxed().toList();
    double[] shared = HtmlReport.decades(report, all);
    String html = HtmlReport.render(report, HtmlReport.Axis.SHARED, all);
    // the same tick labels, decade for decade, on every networks-side-by-side chart
    List<String> ticks = new java.util.ArrayList<>();
    for (int p = 0; p < report.profiles().size(); p++) {
      String chart = HtmlReport.profileChart(report, p, shared);
      ticks.add(chart.replaceAll("(?s).*?(<text[^>]*class=\"tick mid\">[^<]*</text>)|.*", "$1"));
      assertTrue(html.contains(chart), "the page draws the chart on the shared axis");
    }
    assertEquals(1, ticks.stream().distinct().count(), ticks.toString());
    // each shared decade range holds every profile's own range
    for (int p = 0; p < report.profiles().size(); p++) {
      double[] own = HtmlReport.decades(report, List.of(p));
      assertTrue(shared[0] <= own[0] && own[1] <= shared[1], p + ": " + own[0] + ".." + own[1]);
    }
    // per profile, the seven GPU and CPU profiles (joules a thousand times apart) get different axes
    String perProfile = HtmlReport.render(report, HtmlReport.Axis.PER_PROFILE, all);
    assertFalse(perProfile.equals(html));
  }

  @Test
  void layerKindsGroupCostRowsForTheLegend() {
    assertEquals("conv2d", HtmlReport.legend(LayerKind.CONV2D));
    assertEquals("residual add", HtmlReport.legend(LayerKind.RESIDUAL));
    assertEquals("pooling", HtmlReport.legend(LayerKind.ADAPTIVE_AVG_POOL2D));
    assertEquals("activation", HtmlReport.legend(LayerKind.ACTIVATION));
    assertEquals("other", HtmlReport.legend(LayerKind.FLATTEN));
  }

  @Test
  void niceCeilingRoundsUpToOneTwoTwoAndAHalfOrFive() {
    assertEquals(5e-6, HtmlReport.niceCeiling(2.58e-6), 1e-18);
    assertEquals(0.05, HtmlReport.niceCeiling(0.047), 1e-15);
    assertEquals(2.5, HtmlReport.niceCeiling(2.1), 1e-12);
    assertEquals(10, HtmlReport.niceCeiling(10), 1e-12);
  }

  @Test
  void notesSayWhenToTrustAnEstimateLess() {
    Profile trainingOnly = profile("training");
    Profile both = profile("inference,training");
    assertFalse(TextReport.measuredForInference(trainingOnly));
    assertTrue(TextReport.measuredForInference(both));
    Estimate tiny = trainingOnly.estimate(MLP, io.github.toenergy.energy.Workload.inference(1));
    // the fitted TO range below starts at 1e12 TOs; the MLP has 2.6e9: outside
    assertTrue(tiny.outsideFittedRange());
    assertEquals("placeholder, outside fitted range, fitted on training only", TextReport.note(trainingOnly, tiny));
    String text = TextReport.render(new Report(List.of(), List.of(trainingOnly), 1, io.github.toenergy.cost.ArithmeticModel.cmos()));
    assertTrue(text.contains("  gpu-box  Some GPU, fp32; measured: training; placeholder"), text);
  }

  @Test
  void theNoteNamesThePhasesAProfileWasMeasuredFor() {
    // h100 and b200 are measured for decode only: an inference on them is not "fitted on training only"
    Profile decodeOnly = profile("decode", "1.0E3,1.0E18");
    Estimate e = decodeOnly.estimate(MLP, io.github.toenergy.energy.Workload.inference(1));
    assertEquals("placeholder, outside fitted range, fitted on decode only", TextReport.note(decodeOnly, e));
    assertEquals("fitted on training only", TextReport.fittedOn(profile("training")));
  }

  @Test
  void theHtmlReportFlagsEveryInferenceOnAProfileFittedOnTrainingOnly() {
    // the same made-up profile with a TO range that holds both networks (2.6e9 and the tiny CNN's TOs), so that
    // only the phase puts their inferences out of range
    Profile trainingOnly = profile("training", "1.0E3,1.0E18");
    Report report = Report.of(List.of(MLP, TINY_CNN), List.of(trainingOnly), 1);
    String html = HtmlReport.render(report, 0);
    String cell = "<span class=\"ph\" title=\"outside the fitted range: inference not measured\">outside fitted range</span>";
    assertEquals(2, html.split(java.util.regex.Pattern.quote(cell), -1).length - 1, html);
    assertEquals("placeholder, outside fitted range, fitted on training only",
        TextReport.note(trainingOnly, report.rows().get(0).estimates().get(0)));
    Profile both = profile("inference,training", "1.0E3,1.0E18");
    assertFalse(HtmlReport.render(Report.of(List.of(MLP, TINY_CNN), List.of(both), 1), 0).contains("outside fitted range"));
  }

  private static Profile profile(String phases) {
    return profile(phases, "1.0E12,1.0E18");
  }

  private static Profile profile(String phases, String tosRange) {
    java.util.Properties p = new java.util.Properties();
    p.setProperty("id", "gpu-box");
    p.setProperty("description", "test profile");
    p.setProperty("hardware", "Some GPU, fp32");
    p.setProperty("phases", phases);
    p.setProperty("format", "fp32");
    p.setProperty("calibrated", "false");
    p.setProperty("arithmetic", "cmos");
    p.setProperty("model.form", "linear");
    p.setProperty("model.features", "tos");
    p.setProperty("model.coefficients", "1.0E-15");
    p.setProperty("model.covariance", "0.0");
    p.setProperty("model.residualVariance", "0.01");
    p.setProperty("model.degreesOfFreedom", "10");
    p.setProperty("model.tQuantile", "1.8124611");
    p.setProperty("model.tosRange", tosRange);
    return Profile.fromProperties(p, "test");
  }

  @Test
  void htmlEscapesNames() {
    assertEquals("a &amp; b &lt;c&gt; &quot;d&quot;", HtmlReport.esc("a & b <c> \"d\""));
  }
}
