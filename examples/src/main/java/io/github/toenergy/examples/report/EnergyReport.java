package io.github.toenergy.examples.report;

import io.github.toenergy.examples.ExampleNetworks;
import io.github.toenergy.model.Network;
import io.github.toenergy.profile.Profile;
import io.github.toenergy.profile.ProfileException;
import io.github.toenergy.profile.Profiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The main job: every example network on every profile, as terminal tables and, with
 * {@code --html FILE}, one self-contained HTML page with charts.
 *
 * <pre>
 * usage: energy-report [--html FILE] [--batch N] [--profile-path DIR]... [--layers-profile ID]
 * </pre>
 *
 * Exit status 0 on success, 2 on bad arguments (one line on stderr), as the CLI.
 */
public final class EnergyReport {
  static final String USAGE = String.join("\n",
      "usage: energy-report [--html FILE] [--batch N] [--profile-path DIR]... [--layers-profile ID]",
      "  prints, for every example network on every profile, parameters, MACs, TOs, TOs per MAC and",
      "  predicted joules per inference with the 90% interval",
      "  --html FILE          also write a self-contained HTML page with charts to FILE",
      "  --batch N            samples per inference (default 1)",
      "  --profile-path DIR   add the profiles DIR/<id>.properties (repeatable)",
      "  --layers-profile ID  profile of the by-layer charts (default xeon-gold-5120, else the first)");

  private EnergyReport() {}

  public static void main(String[] args) {
    int status = run(args, ExampleNetworks.all(), System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Runs the report on {@code networks}; returns the exit status. */
  public static int run(String[] args, List<Network> networks, PrintStream out, PrintStream err) {
    Path html = null;
    int batch = 1;
    String layersProfile = null;
    List<Path> profilePaths = new ArrayList<>();
    try {
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        switch (arg) {
          case "--help", "-h" -> {
            out.println(USAGE);
            return 0;
          }
          case "--html" -> html = Path.of(value(args, ++i, arg));
          case "--batch" -> batch = positive(value(args, ++i, arg), arg);
          case "--profile-path" -> profilePaths.add(Path.of(value(args, ++i, arg)));
          case "--layers-profile" -> layersProfile = value(args, ++i, arg);
          default -> throw new IllegalArgumentException("unknown argument '" + arg + "'; see --help");
        }
      }
      Profiles profiles = Profiles.load(EnergyReport.class.getClassLoader(), profilePaths);
      List<Profile> all = List.copyOf(profiles.profiles());
      int layerIndex = layerProfileIndex(all, layersProfile);
      Report report = Report.of(networks, all, batch);
      out.print(TextReport.render(report));
      if (html != null) {
        Path parent = html.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.writeString(html, HtmlReport.render(report, layerIndex), StandardCharsets.UTF_8);
        out.println();
        out.println("wrote " + html);
      }
      return 0;
    } catch (IllegalArgumentException | ProfileException e) {
      err.println("energy-report: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("energy-report: cannot write " + html + ": " + e.getMessage());
      return 2;
    }
  }

  private static int layerProfileIndex(List<Profile> profiles, String requested) {
    String id = requested != null ? requested : "xeon-gold-5120";
    for (int i = 0; i < profiles.size(); i++) {
      if (profiles.get(i).id().equals(id)) {
        return i;
      }
    }
    if (requested != null) {
      throw new IllegalArgumentException("unknown profile '" + requested + "' for --layers-profile");
    }
    return 0;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException("option '" + option + "' needs a value");
    }
    return args[i];
  }

  private static int positive(String text, String option) {
    try {
      int v = Integer.parseInt(text);
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException("option '" + option + "' needs a positive integer, got '" + text + "'");
  }
}
