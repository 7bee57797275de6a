package io.github.toenergy.cli;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.catalogue.Catalogue;
import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.model.Network;
import io.github.toenergy.text.InputText;
import io.github.toenergy.text.Suggestions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code networks [NAMESPACE]}: the catalogue's networks, one line each, with their input and counts. */
@Command(name = "networks", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
    description = {"Lists the ready networks of the catalogue: each name is a NETWORK for 'toenergy estimate'.",
        "Counts are of one sample's forward pass: MACs of convolutions and dense layers."},
    footerHeading = "%n", footer = Main.EXIT_STATUS)
final class NetworksCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "NAMESPACE", description = "Only this namespace, e.g. torchvision.")
  String namespace;

  @Override
  public Integer call() {
    Catalogue catalogue = Catalogue.shipped();
    List<String> namespaces = catalogue.namespaces();
    if (namespace != null && !namespaces.contains(namespace)) {
      List<String> close = Suggestions.similar(namespace, namespaces);
      throw new UsageException("unknown namespace '" + InputText.excerpt(namespace) + "'"
          + (close.isEmpty() ? "" : "; did you mean '" + close.get(0) + "'?") + " (namespaces: "
          + String.join(", ", namespaces) + ")");
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"name", "input", "parameters", "MACs"});
    for (String name : catalogue.names()) {
      if (namespace != null && !name.startsWith(namespace + "/")) continue;
      Network network = catalogue.get(name);
      NetworkCost cost = NetworkCost.of(network, Phase.INFERENCE);
      rows.add(new String[] {name, network.input().toString(), EstimateFormats.count(cost.parameters()),
          EstimateFormats.count(cost.macs(1))});
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.length; c++) {
        String pad = " ".repeat(widths[c] - row[c].length());
        // names and inputs to the left, counts to the right
        line.append(c == 0 ? "" : "  ").append(c < 2 ? row[c] + pad : pad + row[c]);
      }
      out.println(line.toString().stripTrailing());
    }
    return Main.OK;
  }
}
