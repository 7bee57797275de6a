package io.github.toenergy.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.toenergy.cli.Main;
import io.github.toenergy.examples.ExampleNetworks;
import io.github.toenergy.examples.report.EnergyReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every command the docs show, so that the docs cannot rot.
 *
 * <ul>
 *   <li>A {@code ```shell} block in README.md or docs/*.md: each {@code java -jar
 *       runtime/cli/target/toenergy.jar ...} runs in-process through {@link Main#run}, each {@code java
 *       -jar examples/target/energy-report.jar ...} through {@link EnergyReport#run}; the last
 *       command must exit with the block's {@code exit=N} (default 0), the others with 0. Build
 *       commands ({@code mvn ...}, {@code scripts/render-report.sh}, {@code bash .ci/run}) are run by
 *       .ci/run itself and skipped here; any other command fails the test.
 *   <li>A {@code ```java javac} block is compiled by javac with the toenergy processor; it must
 *       exit with {@code exit=N} (default 0).
 *   <li>When a block is directly followed by a {@code ```text output} block, that block must be
 *       exactly what the (last) command printed, stdout then stderr.
 * </ul>
 *
 * When outputs change on purpose (e.g. refitted profiles), rewrite them from the real output with
 * {@code mvn -B -q verify -pl examples -am -Dtest=DocsCommandsTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dtoenergy.docs.update=true}, then read the diff.
 */
class DocsCommandsTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final boolean UPDATE = Boolean.getBoolean("toenergy.docs.update");
  private static final String CLI = "java -jar runtime/cli/target/toenergy.jar";
  private static final String REPORT = "java -jar examples/target/energy-report.jar";
  /** Commands that .ci/run runs itself (the build, the tests, the report, its screenshot). */
  private static final List<String> RUN_BY_CI = List.of("mvn ", "scripts/render-report.sh", "bash .ci/run");
  private static final Set<String> INPUT_PATH_OPTIONS = Set.of("--profile-path", "--measurements");
  private static final Set<String> OUTPUT_PATH_OPTIONS = Set.of("--html", "--out");

  @TempDir
  static Path tmp;

  @TestFactory
  Stream<DynamicTest> everyDocumentedCommandRuns() throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(ROOT.resolve("README.md"));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : files) {
      List<Markdown.Block> blocks = Markdown.blocks(file);
      for (int i = 0; i < blocks.size(); i++) {
        Markdown.Block block = blocks.get(i);
        int index = i;
        boolean checked = i > 0 && blocks.get(i - 1).output() == block
            && (blocks.get(i - 1).language().equals("shell") || blocks.get(i - 1).has("javac"));
        if (block.has("output") && !checked) {
          tests.add(DynamicTest.dynamicTest(block.where() + " output", () -> fail(block.where()
              + ": an output block must directly follow the shell or javac block whose output it shows")));
        }
        if (block.language().equals("shell")) {
          tests.add(DynamicTest.dynamicTest(block.where() + " shell", () -> shell(block, index)));
        } else if (block.language().equals("java") && block.has("javac")) {
          tests.add(DynamicTest.dynamicTest(block.where() + " javac", () -> javac(block, index)));
        }
      }
    }
    assertTrue(tests.size() >= 10, "found only " + tests.size() + " runnable blocks in " + files);
    return tests.stream();
  }

  private void shell(Markdown.Block block, int index) throws IOException {
    List<String> commands = Markdown.commands(block);
    assertFalse(commands.isEmpty(), block.where() + ": empty shell block");
    int expectedExit = Integer.parseInt(block.option("exit", "0"));
    String lastOutput = null;
    for (int c = 0; c < commands.size(); c++) {
      String command = commands.get(c);
      boolean last = c == commands.size() - 1;
      Result result;
      if (command.startsWith(CLI + " ") || command.equals(CLI)) {
        String[] args = arguments(command.substring(CLI.length()));
        result = capture((out, err) -> Main.run(args, out, err));
      } else if (command.startsWith(REPORT + " ") || command.equals(REPORT)) {
        String[] args = arguments(command.substring(REPORT.length()));
        result = capture((out, err) -> EnergyReport.run(args, ExampleNetworks.all(), out, err));
      } else if (RUN_BY_CI.stream().anyMatch(command::startsWith)) {
        assertTrue(block.output() == null || !last, block.where() + ": output of a build command cannot be checked");
        continue;
      } else {
        fail(block.where() + ": no test runs this command, add it to DocsCommandsTest or .ci/run: " + command);
        return;
      }
      int expected = last ? expectedExit : 0;
      assertEquals(expected, result.exit, block.where() + ": exit status of '" + command + "'\n" + result.text);
      lastOutput = result.text;
    }
    checkOutput(block, index, lastOutput);
  }

  private void javac(Markdown.Block block, int index) throws IOException {
    String source = block.text();
    Matcher pkg = Pattern.compile("(?m)^package\\s+([\\w.]+);").matcher(source);
    Matcher cls = Pattern.compile("(?m)^public\\s+(?:final\\s+)?(?:class|interface|record)\\s+(\\w+)").matcher(source);
    assertTrue(cls.find(), block.where() + ": a javac block needs a public class");
    Path file = tmp.resolve((pkg.find() ? pkg.group(1).replace('.', '/') + "/" : "") + cls.group(1) + ".java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, source + "\n", StandardCharsets.UTF_8);
    Path classes = Files.createDirectories(tmp.resolve("classes-" + index));
    String classPath = System.getProperty("java.class.path");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Result result = capture((out, err) -> javac.run(null, out, err, "-d", classes.toString(), "-cp", classPath,
        "-processorpath", classPath, "-Xlint:all,-processing", file.toString()));
    String text = result.text;
    assertEquals(Integer.parseInt(block.option("exit", "0")), result.exit, block.where() + ": javac\n" + text);
    checkOutput(block, index, text);
  }

  private static void checkOutput(Markdown.Block block, int index, String actual) throws IOException {
    Markdown.Block shown = block.output();
    if (shown == null || actual == null) {
      return;
    }
    String expected = normalise(shown.text());
    String real = normalise(actual);
    if (expected.equals(real)) {
      return;
    }
    if (UPDATE) {
      rewrite(block.file(), index + 1, real);
      return;
    }
    assertEquals(expected, real, shown.where() + ": the output shown differs from the real output; if the "
        + "change is intended, rerun with -Dtoenergy.docs.update=true (see DocsCommandsTest)");
  }

  /** Replaces the content of block number {@code blockIndex} of {@code file}. */
  private static synchronized void rewrite(Path file, int blockIndex, String content) throws IOException {
    Markdown.Block target = Markdown.blocks(file).get(blockIndex);
    List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    int from = target.firstLine() - 1;
    for (int i = 0; i < target.lines().size(); i++) {
      lines.remove(from);
    }
    lines.addAll(from, content.isEmpty() ? List.of() : List.of(content.split("\n", -1)));
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  private static String normalise(String text) {
    String unix = text.replace("\r\n", "\n");
    StringBuilder s = new StringBuilder();
    for (String line : unix.split("\n", -1)) {
      s.append(line.stripTrailing()).append('\n');
    }
    return s.toString().strip().isEmpty() ? "" : s.toString().replaceAll("\\n+$", "").replaceAll("^\\n+", "");
  }

  /** Words of a command after its program, with documented paths made absolute. */
  private static String[] arguments(String rest) throws IOException {
    List<String> words = Markdown.words(rest);
    List<String> args = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (w.startsWith("@")) {
        args.add("@" + ROOT.resolve(w.substring(1)));
      } else if (INPUT_PATH_OPTIONS.contains(w) && i + 1 < words.size()) {
        args.add(w);
        args.add(ROOT.resolve(words.get(++i)).toString());
      } else if (OUTPUT_PATH_OPTIONS.contains(w) && i + 1 < words.size()) {
        Path out = tmp.resolve(words.get(++i));
        Files.createDirectories(out.getParent());
        args.add(w);
        args.add(out.toString());
      } else {
        args.add(w);
      }
    }
    return args.toArray(String[]::new);
  }

  private record Result(int exit, String text) {}

  private interface Run {
    int run(PrintStream out, PrintStream err) throws IOException;
  }

  private static Result capture(Run run) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = run.run(o, e);
    }
    String text = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    return new Result(exit, text.replace(tmp + "/", "").replace(ROOT + "/", ""));
  }
}
