package io.github.toenergy.cli;

import static io.github.toenergy.cli.CliConventionsTest.assertBadInput;
import static io.github.toenergy.cli.CliConventionsTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.catalogue.Catalogue;
import io.github.toenergy.cli.CliConventionsTest.Result;
import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.profile.Profile;
import io.github.toenergy.profile.Profiles;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Issue 11: catalogue names wherever the CLI takes a NETWORK, and the {@code networks} listing. */
class CatalogueCommandTest {
  private static final Pattern TOS = Pattern.compile("\"tos\":(\\d+),");

  @Test
  void everyTorchvisionNetworkIsEstimatedOnEveryShippedProfile() {
    List<String> failed = new ArrayList<>();
    for (String name : Catalogue.shipped().names()) {
      if (!name.startsWith("torchvision/")) continue;
      // the counts the core test checks against torchvision's published figures
      NetworkCost cost = NetworkCost.of(Catalogue.network(name), Phase.INFERENCE);
      for (Profile profile : Profiles.all()) {
        Result r = run("estimate", "--profile", profile.id(), "--format", "json", name);
        Matcher tos = TOS.matcher(r.out());
        if (r.status() != 0 || !r.out().contains(",\"macs\":" + cost.macs(1) + ",")
            || !r.out().contains(",\"parameters\":" + cost.parameters() + ",") || !tos.find()
            || Long.parseLong(tos.group(1)) <= cost.macs(1)) {
          failed.add(name + " on " + profile.id() + ": " + r.status() + " " + r.err()
              + r.out().substring(0, Math.min(200, r.out().length())));
        }
      }
    }
    assertTrue(failed.isEmpty(), String.join("\n", failed));
  }

  @Test
  void aCatalogueNameIsTheSameNetworkAsItsNotation() {
    String notation = Catalogue.network("torchvision/resnet18").toNotation();
    Result byName = run("estimate", "--profile", "a40", "--format", "csv", "torchvision/resnet18");
    Result byText = run("estimate", "--profile", "a40", "--format", "csv", notation);
    assertEquals(0, byName.status(), byName.err());
    assertEquals(byText.out(), byName.out());
  }

  @Test
  void anUnknownNameIsBadInputWithTheCloseNames() {
    assertBadInput(run("estimate", "--profile", "a40", "torchvision/resnet5"),
        "unknown network 'torchvision/resnet5'; did you mean 'torchvision/resnet50'");
    assertBadInput(run("estimate", "--profile", "a40", "torchvisio/resnet50"),
        "did you mean 'torchvision/resnet50'?");
    // a file name without its '@' reads as a name: the message says how a file is given
    assertBadInput(run("estimate", "--profile", "a40", "nets/resnet-stage.net"), "a notation file is given as @FILE");
    assertBadInput(run("networks", "torchvisoin"), "unknown namespace 'torchvisoin'; did you mean 'torchvision'?");
  }

  @Test
  void networksListsEveryNameWithItsCounts() {
    Result r = run("networks");
    assertEquals(0, r.status(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(Catalogue.shipped().names().size() + 1, lines.size(), r.out());
    assertTrue(lines.get(0).matches("name +input +parameters +MACs"), lines.get(0));
    // resnet18: torch counts 11,689,512 parameters and 1,814,073,344 MACs (published: 11,689,512 and 1.814 GFLOPS)
    assertTrue(r.out().lines().anyMatch(l -> l.matches("torchvision/resnet18 +3x224x224 +11,689,512 +1,814,073,344")),
        r.out());
    // each namespace alone lists its own lines of the whole listing (columns as wide as the widest name listed)
    for (String namespace : Catalogue.shipped().namespaces()) {
      assertEquals(columns(r.out().lines().filter(l -> !l.contains("/") || l.startsWith(namespace + "/"))),
          columns(run("networks", namespace).out().lines()), namespace);
    }
    assertTrue(r.out().lines().anyMatch(l -> l.matches("huggingface/gpt2 +1024 +124,439,808 +[0-9,]+")), r.out());
  }

  private static List<String> columns(java.util.stream.Stream<String> lines) {
    return lines.map(l -> l.strip().replaceAll(" +", " ")).toList();
  }
}
