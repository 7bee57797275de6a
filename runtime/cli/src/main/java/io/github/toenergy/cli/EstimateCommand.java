package io.github.toenergy.cli;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.energy.Estimate;
import io.github.toenergy.energy.Workload;
import io.github.toenergy.model.Network;
import io.github.toenergy.profile.Profile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code estimate}: predicts the energy of one network on one profile. */
final class EstimateCommand {
  private EstimateCommand() {}

  static void run(List<String> args, PrintStream out) {
    Arguments a = Arguments.parse("estimate", args,
        Set.of("profile", "batch", "phase", "batches", "format", "profile-path"));
    Profile profile = ProfilesCommand.load(a).profile(a.required("profile"));
    long batch = a.positiveLong("batch", 1);
    if (batch > Integer.MAX_VALUE) {
      throw new UsageException("option '--batch' must be at most " + Integer.MAX_VALUE + ", got " + batch);
    }
    Phase phase = phase(a.option("phase"));
    long batches = a.option("batches") == null ? 0 : a.positiveLong("batches", 1);
    String format = a.option("format") == null ? "table" : a.option("format");
    if (!Set.of("table", "json", "csv").contains(format)) {
      throw new UsageException("option '--format' must be table, json or csv, got '" + format + "'");
    }
    Network network = network(a.positional());
    Estimate estimate = profile.estimate(network, new Workload(phase, (int) batch, batches));
    switch (format) {
      case "json" -> out.println(EstimateFormats.json(network, estimate));
      case "csv" -> out.print(EstimateFormats.csv(estimate));
      default -> out.print(EstimateFormats.table(network, profile, estimate));
    }
  }

  private static Phase phase(String text) {
    if (text == null) {
      return Phase.INFERENCE;
    }
    return switch (text) {
      case "inference" -> Phase.INFERENCE;
      case "training" -> Phase.TRAINING;
      default -> throw new UsageException("option '--phase' must be inference or training, got '" + text + "'");
    };
  }

  private static Network network(List<String> words) {
    if (words.isEmpty()) {
      throw new UsageException("missing NETWORK: give notation text, e.g. 'input(784) dense(10) softmax', or @file");
    }
    String text = String.join(" ", words);
    String name = "network";
    if (text.startsWith("@")) {
      Path file = Path.of(text.substring(1));
      try {
        text = Files.readString(file, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new UsageException("cannot read network file '" + file + "': " + e.getMessage());
      }
      String fileName = file.getFileName().toString();
      name = fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;
      try {
        return Network.parse(name, text);
      } catch (IllegalArgumentException e) {
        throw new UsageException(file + ": " + e.getMessage());
      }
    }
    try {
      return Network.parse(name, text);
    } catch (IllegalArgumentException e) {
      throw new UsageException("network notation, " + e.getMessage());
    }
  }

  static String phaseName(Phase phase) {
    return phase.name().toLowerCase(Locale.ROOT);
  }

  static String workload(Workload w) {
    String step = w.phase() == Phase.INFERENCE ? "forward pass" : "optimizer step";
    return phaseName(w.phase()) + ", batch " + w.batch()
        + (w.isRun() ? ", whole run of " + w.batches() + " batches" : ", one " + step);
  }

}
