package io.github.toenergy.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What every user of a generated estimator ships: the toenergy-runtime jar stays small and brings no
 * third-party library at run time (issue 10). The generated code's own test, PlainJavacTest in the
 * processor, runs an estimator with only the annotations and runtime jars on the class path.
 */
class RuntimeArtifactTest {
  /**
   * The budget the runtime artifact must fit, shipped profiles and catalogue included. Issue 10 fitted
   * its 11 layer kinds into 150 KiB (153,164 bytes); issues 11 and 12 brought 24 more kinds (blocks,
   * geometry, sequences, attention, recurrent layers, mixture of experts, Mamba-2) and the catalogue:
   * 250,671 bytes, 198 KB of them classes; 256,122 with the huggingface namespace and all 80 torchvision
   * models (docs/benchmarks.md). This budget stops further growth going unnoticed; DESIGN.md's 150 KB is not met.
   * Issue 12's generation phases (prefill and decode: the workload, the decode counts, the key/value
   * cache, joules per token) add 9.5 KB: 265,635 bytes, so the budget is 260 KiB, raised for them on
   * purpose (the lead is renegotiating it). Issue 13's h100 and b200 profiles (4.4 KB compressed), the FP8
   * and MXFP4 formats and the routed-expert features add 6.4 KB more: 272,056 bytes, so 268 KiB, raised on
   * purpose again.
   */
  static final long MAX_RUNTIME_JAR_BYTES = 268 * 1024;

  private static final Path CORE = Path.of("../runtime/core");

  @Test
  void theRuntimeJarFitsItsBudget() throws IOException {
    Path jar = CORE.resolve("target/toenergy-runtime-" + System.getProperty("toenergy.version") + ".jar");
    // packaged before this module's tests in a reactor 'mvn verify'; absent under a plain 'mvn test'
    assumeTrue(Files.isRegularFile(jar), "not packaged: " + jar);
    long size = Files.size(jar);
    assertTrue(size <= MAX_RUNTIME_JAR_BYTES, jar + " is " + size + " bytes, over " + MAX_RUNTIME_JAR_BYTES);
  }

  @Test
  void theRuntimeDependsOnNothingThirdPartyAtRunTime() throws Exception {
    Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(CORE.resolve("pom.xml").toFile()).getDocumentElement();
    NodeList dependencies = project.getElementsByTagName("dependency");
    List<String> runTime = new ArrayList<>();
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element d = (Element) dependencies.item(i);
      String scope = text(d, "scope");
      boolean optional = "true".equals(text(d, "optional"));
      if (!optional && (scope.isEmpty() || scope.equals("compile") || scope.equals("runtime"))) {
        runTime.add(text(d, "groupId") + ":" + text(d, "artifactId"));
      }
    }
    assertEquals(List.of("io.github.toenergy:toenergy-annotations"), runTime);
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
  }
}
