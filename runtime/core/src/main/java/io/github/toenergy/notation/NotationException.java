package io.github.toenergy.notation;

/** Malformed or impossible notation; the message starts with the 1-based column of the problem. */
public final class NotationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int column;
  private final String problem;

  public NotationException(int column, String problem) {
    super("column " + column + ": " + problem);
    this.column = column;
    this.problem = problem;
  }

  /** 1-based column in the notation text. */
  public int column() {
    return column;
  }

  /** The message without the column prefix. */
  public String problem() {
    return problem;
  }
}
