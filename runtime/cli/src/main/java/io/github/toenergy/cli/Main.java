package io.github.toenergy.cli;

import io.github.toenergy.profile.ProfileException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of {@code java -jar toenergy.jar}. Exit status: 0 success, 2 bad input (one line on
 * stderr naming what and where), 1 an internal error (also one line; never a stack trace).
 */
public final class Main {
  static final int OK = 0;
  static final int INTERNAL_ERROR = 1;
  static final int BAD_INPUT = 2;

  private static final String USAGE = String.join("\n",
      "usage: toenergy <command> [options]",
      "  profiles [--profile-path DIR]",
      "      list profiles with hardware, provenance and fit quality",
      "  estimate --profile ID [--batch N] [--phase inference|training] [--batches N]",
      "           [--format table|json|csv] [--profile-path DIR] NETWORK",
      "      predict energy; NETWORK is notation text or @file",
      "  calibrate --measurements FILE.csv --id ID --out FILE.properties [--hardware TEXT] [--format fp32]",
      "            [--cache-bytes N]",
      "      fit a profile for your own hardware from measured joules (CSV: network,phase,batch,batches,joules)",
      "See docs/cli.md.");

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs a command; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
      (args.length == 0 ? err : out).println(USAGE);
      return args.length == 0 ? BAD_INPUT : OK;
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    try {
      switch (args[0]) {
        case "profiles" -> ProfilesCommand.run(rest, out);
        case "estimate" -> EstimateCommand.run(rest, out);
        case "calibrate" -> CalibrateCommand.run(rest, out);
        default -> throw new UsageException("unknown command '" + args[0] + "'; expected profiles, estimate or calibrate");
      }
      return OK;
    } catch (UsageException | IllegalArgumentException | ProfileException | ArithmeticException e) {
      // ArithmeticException: a CountOverflowException naming the layer whose count exceeds a long
      err.println("toenergy: " + e.getMessage());
      return BAD_INPUT;
    } catch (RuntimeException e) {
      err.println("toenergy: internal error: " + e + " (please report it)");
      return INTERNAL_ERROR;
    }
  }
}
