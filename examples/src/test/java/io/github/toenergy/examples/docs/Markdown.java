package io.github.toenergy.examples.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The fenced code blocks of a Markdown file, with where they are, so that tests can run them. */
final class Markdown {
  /**
   * One fenced block.
   *
   * @param file the Markdown file
   * @param info the words after the opening fence, e.g. {@code [shell, exit=2]}
   * @param firstLine 1-based line of the block's first content line
   * @param lines the content lines
   * @param next the block that follows with nothing but blank lines between, or null
   */
  record Block(Path file, List<String> info, int firstLine, List<String> lines, Block next) {
    String language() {
      return info.isEmpty() ? "" : info.get(0);
    }

    boolean has(String word) {
      return info.contains(word);
    }

    /** The value of a {@code key=value} word of the info string, or {@code fallback}. */
    String option(String key, String fallback) {
      return info.stream().filter(w -> w.startsWith(key + "=")).map(w -> w.substring(key.length() + 1)).findFirst()
          .orElse(fallback);
    }

    /** The block that shows this block's output: the next one, if its info says {@code output}. */
    Block output() {
      return next != null && next.has("output") ? next : null;
    }

    String where() {
      return file.getFileName() + ":" + (firstLine - 1);
    }

    String text() {
      return String.join("\n", lines);
    }
  }

  private Markdown() {}

  static List<Block> blocks(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Object[]> raw = new ArrayList<>(); // {info, firstLine, lines, lastLine}
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("```")) {
        List<String> info = Arrays.stream(line.substring(3).trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
        List<String> content = new ArrayList<>();
        int start = i + 1;
        i++;
        while (i < lines.size() && !lines.get(i).startsWith("```")) {
          content.add(lines.get(i));
          i++;
        }
        raw.add(new Object[] {info, start + 1, content, i});
      }
    }
    List<Block> blocks = new ArrayList<>();
    Block next = null;
    for (int b = raw.size() - 1; b >= 0; b--) {
      Object[] r = raw.get(b);
      boolean adjacent = false;
      if (next != null) {
        adjacent = true;
        int closing = (int) r[3];
        for (int l = closing + 1; l < next.firstLine() - 2; l++) {
          if (!lines.get(l).isBlank()) {
            adjacent = false;
          }
        }
      }
      @SuppressWarnings("unchecked")
      Block block = new Block(file, (List<String>) r[0], (int) r[1], (List<String>) r[2], adjacent ? next : null);
      blocks.add(0, block);
      next = block;
    }
    return blocks;
  }

  /**
   * Splits a shell command line into words: single quotes keep everything, double quotes keep
   * everything but {@code \"} and {@code \\}, a backslash outside quotes escapes one character.
   */
  static List<String> words(String command) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (c == '\'') {
        int end = command.indexOf('\'', i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unclosed ' in: " + command);
        }
        word.append(command, i + 1, end);
        i = end;
        inWord = true;
      } else if (c == '"') {
        i++;
        while (i < command.length() && command.charAt(i) != '"') {
          char d = command.charAt(i);
          if (d == '\\' && i + 1 < command.length() && "\"\\$`".indexOf(command.charAt(i + 1)) >= 0) {
            i++;
            d = command.charAt(i);
          }
          word.append(d);
          i++;
        }
        if (i >= command.length()) {
          throw new IllegalArgumentException("unclosed \" in: " + command);
        }
        inWord = true;
      } else if (c == '\\' && i + 1 < command.length()) {
        word.append(command.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  /** The commands of a shell block: comments dropped, continuation lines joined, split at {@code &&}. */
  static List<String> commands(Block block) {
    List<String> commands = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : block.lines()) {
      String trimmed = line.strip();
      if (current.length() == 0 && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      current.append(trimmed);
      for (String part : current.toString().split("&&")) {
        commands.add(part.strip());
      }
      current.setLength(0);
    }
    return commands;
  }
}
