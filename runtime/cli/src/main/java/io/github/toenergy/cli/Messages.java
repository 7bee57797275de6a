package io.github.toenergy.cli;

import io.github.toenergy.text.InputText;
import io.github.toenergy.text.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one-line messages of bad command lines: what is wrong, with the option or command named, a
 * suggestion for a typo, and user text quoted only as a short escaped excerpt.
 */
final class Messages {
  /** The longest message printed; longer ones (a huge file name inside a library message) are cut. */
  static final int MAX_MESSAGE = 400;

  /** The width of the excerpt of notation shown above the caret. */
  static final int CONTEXT_WIDTH = 72;

  private Messages() {}

  /** {@code message} as one bounded line: line breaks and control characters escaped, cut when long. */
  static String oneLine(String message) {
    return InputText.excerpt(message, MAX_MESSAGE);
  }

  /** The message for a command line {@code args} that picocli refused. */
  static String of(ParameterException ex, String[] args) {
    CommandSpec command = ex.getCommandLine().getCommandSpec();
    String name = command.qualifiedName(" ").replaceFirst("^toenergy ", "");
    if (ex instanceof MissingParameterException) {
      // picocli checks required options before unknown ones: '--profil a40' would read as a missing
      // '--profile', so a typo is named first
      for (String arg : args) {
        String typed = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        if (typed.startsWith("-") && typed.length() > 1 && command.findOption(typed) == null
            && !typed.matches("-\\d.*")) {
          return unknownOption(typed, command, name);
        }
      }
    }
    if (ex instanceof UnmatchedArgumentException u) {
      return unmatched(u, command, name);
    }
    if (ex instanceof OverwrittenOptionException o) {
      return "option '" + label(o.getOverwritten()) + "' is given more than once; give it once";
    }
    if (ex instanceof MissingParameterException m) {
      if (ex.getMessage().startsWith("Missing required parameter for option")
          || ex.getMessage().startsWith("Expected parameter for option")) {
        return "option '" + label(m.getMissing().get(0)) + "' needs a value";
      }
      List<String> options = new ArrayList<>();
      for (ArgSpec arg : m.getMissing()) {
        if (arg.isPositional()) {
          return "missing NETWORK: give notation text, e.g. 'input(784) dense(10) softmax', @FILE, or a catalogue name, "
              + "e.g. torchvision/resnet50";
        }
        options.add("'" + label(arg) + "'");
      }
      return "missing required option" + (options.size() > 1 ? "s " : " ") + String.join(", ", options);
    }
    if (ex.getCause() instanceof TypeConversionException t && ex.getArgSpec() != null) {
      return "option '" + label(ex.getArgSpec()) + "' " + t.getMessage();
    }
    String text = ex.getMessage();
    return text.isEmpty() ? "bad command line" : Character.toLowerCase(text.charAt(0)) + text.substring(1);
  }

  private static String unmatched(UnmatchedArgumentException u, CommandSpec command, String name) {
    String first = u.getUnmatched().isEmpty() ? "" : u.getUnmatched().get(0);
    boolean option = first.startsWith("-");
    String typed = option && first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
    String didYouMean = didYouMean(typed, new ArrayList<>(command.subcommands().keySet()));
    if (option) {
      return unknownOption(typed, command, name);
    }
    if (command.parent() == null) {
      return "unknown command '" + InputText.excerpt(first) + "'" + didYouMean + " (commands: "
          + String.join(", ", command.subcommands().keySet()) + ")";
    }
    return "'" + name + "' takes no argument '" + InputText.excerpt(first) + "'" + didYouMean
        + " (see 'toenergy " + name + " --help')";
  }

  private static String unknownOption(String typed, CommandSpec command, String name) {
    List<String> options = new ArrayList<>();
    command.options().forEach(o -> options.add(o.longestName()));
    return "unknown option '" + InputText.excerpt(typed) + "' for '" + name + "'" + didYouMean(typed, options)
        + " (see 'toenergy " + (command.parent() == null ? "" : name + " ") + "--help')";
  }

  private static String didYouMean(String typed, List<String> candidates) {
    List<String> suggestions = similar(typed, candidates);
    return suggestions.isEmpty() ? "" : "; did you mean "
        + suggestions.stream().limit(3).map(s -> "'" + s + "'").collect(Collectors.joining(" or ")) + "?";
  }

  /** The "did you mean" candidates of a typo, closest first ({@link Suggestions#similar}). */
  static List<String> similar(String typed, List<String> candidates) {
    return Suggestions.similar(typed, candidates);
  }

  private static String label(ArgSpec arg) {
    return arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
  }

  /**
   * Two lines under a notation error: the text around {@code column} (1-based, in {@code text}) and
   * a caret under it. Only the line holding the column is shown, cut to {@link #CONTEXT_WIDTH}
   * characters around the column; control characters are escaped as in {@link InputText#excerpt}.
   */
  static List<String> caret(String text, int column) {
    int at = Math.max(0, Math.min(column - 1, text.length()));
    int lineStart = at;
    while (lineStart > 0 && text.charAt(lineStart - 1) != '\n') {
      lineStart--;
    }
    int lineEnd = at;
    while (lineEnd < text.length() && text.charAt(lineEnd) != '\n' && text.charAt(lineEnd) != '\r') {
      lineEnd++;
    }
    int from = Math.max(lineStart, at - CONTEXT_WIDTH / 2);
    int to = Math.min(lineEnd, from + CONTEXT_WIDTH);
    from = Math.max(lineStart, Math.min(from, to - CONTEXT_WIDTH));
    String before = (from > lineStart ? "..." : "") + escape(text.substring(from, at));
    String after = escape(text.substring(at, Math.max(at, to))) + (to < lineEnd ? "..." : "");
    return List.of("  " + before + after, "  " + " ".repeat(before.length()) + "^");
  }

  private static String escape(String text) {
    return InputText.excerpt(text, Integer.MAX_VALUE);
  }
}
