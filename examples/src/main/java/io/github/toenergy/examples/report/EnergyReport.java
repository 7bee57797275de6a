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
      "                     [--axis shared|per-profile]",
      "  prints, for every example network on every profile, parameters, MACs, TOs, TOs per MAC and",
      "  predicted joules per inference with the 90% interval",
      "  --html FILE          also write a self-contained HTML page with charts to FILE",
      "  --batch N            samples per inference (default 1)",
      "  --profile-path DIR   add the profiles DIR/<id>.properties (repeatable)",
      "  --layers-profile ID  draw the by-layer charts on this profile only (default: every profile)",
      "  --axis shared        one joules axis for the networks of every profile, so bars compare (default)",
      "  --axis per-profile   each profile's networks on their own axis");

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
    HtmlReport.Axis axis = HtmlReport.Axis.SHARED;
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
          case "--axis" -> axis = axis(value(args, ++i, arg));
          default -> throw new IllegalArgumentException("unknown argument '" + arg + "'; see --help");
        }
      }
      Profiles profiles = Profiles.load(EnergyReport.class.getClassLoader(), profilePaths);
      List<Profile> all = List.copyOf(profiles.profiles());
      List<Integer> layerProfiles = layerProfiles(all, layersProfile);
      Report report = Report.of(networks, all, batch);
      out.print(TextReport.render(report));
      if (html != null) {
        Path parent = html.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.writeString(html, HtmlReport.render(report, axis, layerProfiles), StandardCharsets.UTF_8);
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

  /** Every profile, or only {@code requested}. */
  private static List<Integer> layerProfiles(List<Profile> profiles, String requested) {
    List<Integer> indices = new ArrayList<>();
    for (int i = 0; i < profiles.size(); i++) {
      if (requested == null || profiles.get(i).id().equals(requested)) {
        indices.add(i);
      }
    }
    if (requested != null && indices.isEmpty()) {
      throw new IllegalArgumentException("unknown profile '" + requested + "' for --layers-profile");
    }
    return indices;
  }

  private static HtmlReport.Axis axis(String text) {
    return switch (text) {
      case "shared" -> HtmlReport.Axis.SHARED;
      case "per-profile" -> HtmlReport.Axis.PER_PROFILE;
      default -> throw new IllegalArgumentException("option '--axis' must be shared or per-profile, got '" + text + "'");
    };
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
