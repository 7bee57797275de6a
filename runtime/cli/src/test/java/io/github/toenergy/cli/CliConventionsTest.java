package io.github.toenergy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 14: the conventions of a JVM command line (help, version, typos, completion, exit codes, carets). */
class CliConventionsTest {
  private static final String MLP = "input(784) dense(128) relu dense(10) softmax";

  record Result(int status, String out, String err) {}

  static Result run(boolean terminal, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), terminal);
    return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Result run(String... args) {
    return run(false, args);
  }

  /** Exit 2, nothing on stdout, exactly one line on stderr that contains {@code expected}. */
  static void assertBadInput(Result r, String expected) {
    assertEquals(2, r.status(), r.err());
    assertEquals("", r.out());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("toenergy: ") && r.err().contains(expected), r.err());
  }

  @Test
  void versionIsTheBuiltProjectVersion() {
    for (String[] args : List.of(new String[] {"--version"}, new String[] {"-V"}, new String[] {"estimate", "-V"})) {
      Result r = run(args);
      assertEquals(0, r.status(), r.err());
      // the version.txt resource is filtered by Maven: an unfiltered '${project.version}' would fail here
      assertTrue(r.out().strip().matches("toenergy \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), r.out());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"profiles", "profiles show", "estimate", "calibrate", "networks", "generate-completion"})
  void everyCommandHasHelp(String command) {
    for (String flag : new String[] {"--help", "-h"}) {
      String[] words = (command + " " + flag).split(" ");
      Result r = run(words);
      assertEquals(0, r.status(), r.err());
      assertTrue(r.out().startsWith("Usage: toenergy " + command), r.out());
      assertFalse(r.out().contains("docs/"), "no path inside the repository: " + r.out());
    }
    if (!command.contains(" ")) {
      Result help = run("help", command);
      assertEquals(0, help.status(), help.err());
      assertTrue(help.out().startsWith("Usage: toenergy " + command), help.out());
    }
  }

  @Test
  void topLevelHelpListsCommandsAndExitCodes() {
    Result r = run("--help");
    assertEquals(0, r.status());
    for (String word : new String[] {"profiles", "estimate", "calibrate", "generate-completion", "Exit status: 0",
        "2 bad input", "1 internal error"}) {
      assertTrue(r.out().contains(word), word + " in " + r.out());
    }
    Result none = run();
    assertEquals(2, none.status());
    assertTrue(none.err().startsWith("Usage: toenergy"), none.err());
    assertEquals("", none.out());
  }

  @Test
  void typosGetASuggestion() {
    assertBadInput(run("estimat", "--profile", "a40", MLP), "unknown command 'estimat'; did you mean 'estimate'?");
    assertBadInput(run("profile"), "did you mean 'profiles'?");
    assertBadInput(run("estimate", "--profil", "a40", MLP),
        "unknown option '--profil' for 'estimate'; did you mean '--profile'");
    assertBadInput(run("estimate", "--profile", "a40", "--batchsize", "8", MLP), "did you mean '--batch'");
    assertBadInput(run("calibrate", "--measurement", "m.csv", "--id", "x", "--out", "x.properties"),
        "did you mean '--measurements'?");
  }

  @Test
  void anUnknownShortOptionIsAnOptionErrorNotANotationError() {
    assertBadInput(run("estimate", "--profile", "a40", "-x", MLP), "unknown option '-x' for 'estimate'");
  }

  @Test
  void completionScriptCoversTheCommands() {
    Result r = run("generate-completion");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("complete -F") && r.out().contains("estimate") && r.out().contains("--profile-path"),
        r.out().substring(0, Math.min(400, r.out().length())));
  }

  @Test
  void notationErrorsShowTheTextWithACaretOnATerminal() {
    String text = "input(784) dense(128) relu dense(10 softmax";
    // the parser reports column 37: the 's' of softmax where ',' or ')' was expected
    Result r = run(true, "estimate", "--profile", "a40", text);
    assertEquals(2, r.status());
    List<String> lines = r.err().lines().toList();
    assertEquals(3, lines.size(), r.err());
    assertTrue(lines.get(0).startsWith("toenergy: network notation, column 37: "), lines.get(0));
    assertEquals("  " + text, lines.get(1));
    assertEquals(" ".repeat(2 + 36) + "^", lines.get(2));
    // for a script (not a terminal) the same error is the one line only
    assertEquals(List.of(lines.get(0)), run("estimate", "--profile", "a40", text).err().lines().toList());
  }

  @Test
  void aLongNotationIsCutAroundTheColumn() {
    String text = "input(64) " + "dense(64) relu ".repeat(100) + "dense(64,k=3) " + "relu ".repeat(100);
    int column = text.indexOf("k=3") + 1; // dense takes no kernel: the error points at the key
    Result r = run(true, "estimate", "--profile", "a40", text);
    List<String> lines = r.err().lines().toList();
    assertEquals(3, lines.size(), r.err());
    assertTrue(lines.get(0).contains("column " + column + ":"), lines.get(0));
    assertTrue(lines.get(1).length() <= 2 + 3 + Messages.CONTEXT_WIDTH + 3, lines.get(1));
    assertTrue(lines.get(1).startsWith("  ...") && lines.get(1).endsWith("..."), lines.get(1));
    int caret = lines.get(2).indexOf('^');
    assertEquals("k=3", lines.get(1).substring(caret, caret + 3));
  }

  @Test
  void aNotationFileErrorNamesFileLineAndColumn(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mlp.net");
    Files.writeString(file, "input(784)\ndense(128) relu\ndense(10 softmax\n");
    Result r = run(true, "estimate", "--profile", "a40", "@" + file);
    List<String> lines = r.err().lines().toList();
    assertEquals(3, lines.size(), r.err());
    // line 3 is 'dense(10 softmax': the 's' is its 10th character
    assertTrue(lines.get(0).startsWith("toenergy: " + file + ":3:10: expected ',' or ')'"), lines.get(0));
    assertEquals("  dense(10 softmax", lines.get(1));
    assertEquals(" ".repeat(2 + 9) + "^", lines.get(2));
  }

  @Test
  void exitCodes() {
    assertEquals(0, run("estimate", "--profile", "a40", MLP).status());
    assertEquals(2, run("estimate", "--profile", "a40", "input(").status());
    assertEquals(0, run("profiles").status());
  }
}
