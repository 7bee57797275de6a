package io.github.toenergy.cli;

import java.util.List;

/**
 * Bad input on the command line: one line on stderr, exit status 2. A notation error adds the
 * offending text with a caret under the column ({@link #context()}), printed below that line when a
 * person reads stderr (a terminal), not when a script does.
 */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> context;

  public UsageException(String message) {
    this(message, List.of());
  }

  UsageException(String message, List<String> context) {
    super(message);
    this.context = List.copyOf(context);
  }

  /** Lines shown under the message (already escaped and short), or none. */
  List<String> context() {
    return context;
  }
}
