package io.github.toenergy.cli;

import io.github.toenergy.catalogue.CatalogueException;
import io.github.toenergy.profile.ProfileException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Entry point of {@code java -jar toenergy.jar}. Exit status: 0 success, 2 bad input (one line on
 * stderr naming what and where), 1 an internal error (also one line; never a stack trace, not even
 * for an {@link OutOfMemoryError}).
 */
@Command(name = "toenergy", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
    description = "Predicts the energy of a neural network from its transistor operations (TOs).",
    synopsisSubcommandLabel = "COMMAND",
    footerHeading = "%n", footer = {Main.EXIT_STATUS,
        "Run 'toenergy COMMAND --help' for the options of a command."})
public final class Main implements Runnable {
  static final int OK = 0;
  static final int INTERNAL_ERROR = 1;
  static final int BAD_INPUT = 2;

  /** The exit codes, as every command's help lists them. */
  static final String EXIT_STATUS = "Exit status: 0 success; 2 bad input (one line on stderr naming what and "
      + "where); 1 internal error (one line, please report it).";

  @Spec CommandSpec spec;

  /** Without a command: the usage on stderr, exit status 2. */
  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing COMMAND");
  }

  public static void main(String[] args) {
    // UTF-8 whatever the platform's encoding (a POSIX locale would print '?' for the µ of µJ)
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
        StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true,
        StandardCharsets.UTF_8);
    System.exit(run(args, out, err, System.console() != null));
  }

  /** Runs a command as a script would (stderr gets one line per error); returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, out, err, false);
  }

  /**
   * Runs a command; returns the exit status.
   *
   * @param terminal whether a person reads stderr: a notation error then adds two lines under its
   *     one-line message, the text with a caret under the column; scripts get the one line only
   */
  static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
    PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    try {
      return commandLine(o, e, terminal, args.length == 0 ? "" : args[0]).execute(args);
    } catch (OutOfMemoryError oom) {
      return internal(e, "out of memory: the input is too large for this Java heap (raise it with -Xmx, e.g. "
          + "java -Xmx4g -jar toenergy.jar ...)");
    } catch (StackOverflowError deep) {
      return internal(e, "stack overflow: the input is nested too deeply (please report it)");
    } catch (RuntimeException | Error unexpected) {
      return internal(e, "internal error: " + unexpected + " (please report it)");
    } finally {
      o.flush();
      e.flush();
    }
  }

  /**
   * The command line, with only the sub-command {@code first} names when it names one of the four
   * working commands: building picocli's model of every command is a good part of the start-up
   * (docs/benchmarks.md), and help, completion and typo suggestions need them all.
   */
  static CommandLine commandLine(PrintWriter out, PrintWriter err, boolean terminal, String first) {
    CommandLine cl = new CommandLine(new Main());
    switch (first) {
      case "profiles" -> cl.addSubcommand(new ProfilesCommand());
      case "estimate" -> cl.addSubcommand(new EstimateCommand());
      case "calibrate" -> cl.addSubcommand(new CalibrateCommand());
      case "networks" -> cl.addSubcommand(new NetworksCommand());
      default -> {
        cl.addSubcommand(new ProfilesCommand());
        cl.addSubcommand(new EstimateCommand());
        cl.addSubcommand(new CalibrateCommand());
        cl.addSubcommand(new NetworksCommand());
        cl.addSubcommand(new AutoComplete.GenerateCompletion());
        cl.addSubcommand(new CommandLine.HelpCommand());
      }
    }
    cl.setOut(out);
    cl.setErr(err);
    // '@file' is this tool's own syntax for NETWORK (read under InputText's rule), not picocli's
    // argument files
    cl.setExpandAtFiles(false);
    cl.setOverwrittenOptionsAllowed(false); // '--profile a --profile b' is an error, not the last one
    cl.setCaseInsensitiveEnumValuesAllowed(false);
    cl.setParameterExceptionHandler((ex, args) -> {
      if (ex.getCommandLine().getCommandSpec().userObject() instanceof Main && ex.getMessage().equals("missing COMMAND")) {
        ex.getCommandLine().usage(err);
        return BAD_INPUT;
      }
      return badInput(err, Messages.of(ex, args), java.util.List.of());
    });
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      if (ex instanceof UsageException u) {
        return badInput(err, u.getMessage(), terminal ? u.context() : java.util.List.of());
      }
      if (ex instanceof IllegalArgumentException || ex instanceof ProfileException
          || ex instanceof CatalogueException || ex instanceof ArithmeticException) {
        // bad notation or value, unknown or malformed profile or catalogue entry, malformed CSV; ArithmeticException:
        // a CountOverflowException naming the layer whose count exceeds a long
        return badInput(err, ex.getMessage(), java.util.List.of());
      }
      return internal(err, "internal error: " + ex + " (please report it)");
    });
    return cl;
  }

  private static int badInput(PrintWriter err, String message, java.util.List<String> context) {
    err.println("toenergy: " + Messages.oneLine(message));
    context.forEach(err::println);
    err.flush();
    return BAD_INPUT;
  }

  private static int internal(PrintWriter err, String message) {
    err.println("toenergy: " + Messages.oneLine(message));
    err.flush();
    return INTERNAL_ERROR;
  }

  /** {@code --version}: the project version the jar was built from. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"toenergy " + version()};
    }

    static String version() {
      try (InputStream in = Main.class.getResourceAsStream("version.txt")) {
        if (in != null) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
      } catch (IOException e) {
        // fall through to the manifest
      }
      String fromManifest = Main.class.getPackage().getImplementationVersion();
      return fromManifest == null ? "(unknown version)" : fromManifest;
    }
  }
}
