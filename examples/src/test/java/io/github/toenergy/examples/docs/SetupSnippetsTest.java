package io.github.toenergy.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Builds every Maven setup snippet of docs/setup.md as written: each {@code ```xml pom=NAME} block
 * becomes, unchanged, the pom.xml of a fresh project holding the page's network source for its
 * language ({@code ```java setup=PATH} or {@code ```kotlin setup=PATH}), and stock Maven (the one
 * running this build) compiles it against the artifacts this build has just packaged.
 *
 * <p>Those artifacts are copied into a private local repository under target/ (never ~/.m2, whose
 * SNAPSHOTs others resolve); third-party artifacts come from the outer build's local repository,
 * read as a file:// remote repository, then from Maven Central. Runs in the integration-test
 * phase (see examples/pom.xml), after every module it needs has been packaged.
 */
class SetupSnippetsTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Path PAGE = ROOT.resolve("docs/setup.md");
  private static final Path WORK = ROOT.resolve("examples/target/setup-snippets");
  private static final Path REPOSITORY = WORK.resolve("repository");
  private static final String VERSION = System.getProperty("toenergy.version");
  /** Where @EnergyBudget's joules go in the page's networks, and a budget every network exceeds. */
  private static final Pattern BUDGET = Pattern.compile("@EnergyBudget\\(joules = ([0-9.]+)");
  private static final String TINY_BUDGET = "1e-12";
  /** 8 x 28 x 28 x 9 (conv) + 1,568 x 10 (dense), derived in docs/setup.md and annotations.md. */
  private static final String DIGITS_MACS = "72128 MACs";

  /** The published artifacts the snippets resolve: artifactId, its pom, its jar (null for a parent). */
  private static final String[][] ARTIFACTS = {
      {"toenergy-parent", "pom.xml", null},
      {"toenergy-runtime-parent", "runtime/pom.xml", null},
      {"toenergy-annotations", "annotations/pom.xml", "annotations/target"},
      {"toenergy-runtime", "runtime/core/pom.xml", "runtime/core/target"},
      {"toenergy-processor", "processor/pom.xml", "processor/target"},
      {"toenergy-processor-ksp", "processor/ksp/pom.xml", "processor/ksp/target"},
  };

  private static List<Markdown.Block> blocks;

  @BeforeAll
  static void installIntoPrivateRepository() throws IOException {
    assertTrue(VERSION != null && !VERSION.isEmpty(), "run through Maven: toenergy.version is not set");
    blocks = Markdown.blocks(PAGE);
    for (String[] artifact : ARTIFACTS) {
      Path folder = REPOSITORY.resolve("io/github/toenergy").resolve(artifact[0]).resolve(VERSION);
      Files.createDirectories(folder);
      String base = artifact[0] + "-" + VERSION;
      Files.copy(ROOT.resolve(artifact[1]), folder.resolve(base + ".pom"), StandardCopyOption.REPLACE_EXISTING);
      if (artifact[2] != null) {
        Path jar = ROOT.resolve(artifact[2]).resolve(base + ".jar");
        assertTrue(Files.isRegularFile(jar), jar + " is missing: run mvn verify from the root, which packages it first");
        Files.copy(jar, folder.resolve(base + ".jar"), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    String home = System.getProperty("outer.repository");
    Files.writeString(WORK.resolve("settings.xml"), settings(Path.of(home).toUri().toString()), StandardCharsets.UTF_8);
  }

  /** The outer build's local repository as a remote, releases only: our SNAPSHOTs come from REPOSITORY. */
  private static String settings(String url) {
    String repository = """
          <id>outer-local</id>
          <url>%s</url>
          <releases><checksumPolicy>ignore</checksumPolicy></releases>
          <snapshots><enabled>false</enabled></snapshots>
        """.formatted(url);
    return """
        <settings>
          <profiles>
            <profile>
              <id>outer-local</id>
              <repositories><repository>
        %s      </repository></repositories>
              <pluginRepositories><pluginRepository>
        %s      </pluginRepository></pluginRepositories>
            </profile>
          </profiles>
          <activeProfiles><activeProfile>outer-local</activeProfile></activeProfiles>
        </settings>
        """.formatted(repository, repository);
  }

  @TestFactory
  Stream<DynamicTest> everyMavenSnippetBuildsAsWritten() {
    Map<String, Markdown.Block> poms = new LinkedHashMap<>();
    Map<String, List<Markdown.Block>> sources = new LinkedHashMap<>();
    for (Markdown.Block block : blocks) {
      String pom = block.option("pom", null);
      if (pom != null) {
        poms.put(pom, block);
      }
      if (block.option("setup", null) != null) {
        sources.computeIfAbsent(block.language(), language -> new ArrayList<>()).add(block);
      }
    }
    assertEquals(List.of("java", "kapt", "ksp"), List.copyOf(poms.keySet()), PAGE + ": the Maven snippets");
    List<DynamicTest> tests = new ArrayList<>();
    for (Map.Entry<String, Markdown.Block> pom : poms.entrySet()) {
      String language = pom.getKey().equals("java") ? "java" : "kotlin";
      List<Markdown.Block> files = sources.getOrDefault(language, List.of());
      tests.add(DynamicTest.dynamicTest(pom.getKey() + ": builds and runs",
          () -> buildsAndRuns(pom.getKey(), pom.getValue(), files, language)));
      tests.add(DynamicTest.dynamicTest(pom.getKey() + ": over budget fails on the source line",
          () -> overBudgetFailsOnTheSourceLine(pom.getKey(), pom.getValue(), files)));
    }
    return tests.stream();
  }

  private void buildsAndRuns(String name, Markdown.Block pom, List<Markdown.Block> files, String language)
      throws Exception {
    assertTrue(pom.text().contains("<toenergy.version>" + VERSION + "</toenergy.version>"),
        pom.where() + ": toenergy.version must be the project's version, " + VERSION);
    Path project = project(name + "-ok", pom, files, null);
    Result build = maven(project, "package");
    assertEquals(0, build.exit, pom.where() + ": mvn package failed\n" + build.output);
    Path generated = Path.of(project.toString(), "target", "generated-sources",
        switch (name) {
          case "java" -> "annotations";
          case "kapt" -> "kapt/compile";
          default -> "ksp/java";
        }, "com/example/DigitsEnergy.java");
    assertTrue(Files.isRegularFile(generated), pom.where() + ": no " + generated + "\n" + build.output);
    assertTrue(Files.isRegularFile(project.resolve("target/classes/com/example/DigitsEnergy.class")),
        pom.where() + ": DigitsEnergy was generated but not compiled\n" + build.output);

    List<String> classPath = new ArrayList<>();
    classPath.add(project.resolve("target/classes").toString());
    // the snippet's dependencies, as the build resolved them into the private repository
    classPath.add(artifact("io/github/toenergy", "toenergy-annotations", VERSION).toString());
    classPath.add(artifact("io/github/toenergy", "toenergy-runtime", VERSION).toString());
    if (language.equals("kotlin")) {
      classPath.add(artifact("org/jetbrains/kotlin", "kotlin-stdlib", kotlinVersion(pom)).toString());
    }
    Result run = run(project, List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", String.join(File.pathSeparator, classPath), language.equals("java") ? "com.example.Digits" : "com.example.DigitsKt"));
    assertEquals(0, run.exit, pom.where() + ": running main failed\n" + run.output);
    assertTrue(run.output.startsWith(DIGITS_MACS + ", ") && run.output.strip().endsWith(" J per image"),
        pom.where() + ": main printed " + run.output);
  }

  private void overBudgetFailsOnTheSourceLine(String name, Markdown.Block pom, List<Markdown.Block> files)
      throws Exception {
    Path project = project(name + "-over", pom, files, TINY_BUDGET);
    Result build = maven(project, "compile");
    assertNotEquals(0, build.exit, pom.where() + ": a network over its budget compiled\n" + build.output);
    Markdown.Block source = files.get(0);
    // javac and KSP put it on the @EnergyBudget line; kapt maps a diagnostic to the Kotlin declaration
    // (its first line, here @Network), not to one of its annotations
    int line = lineOf(source, name.equals("kapt") ? "@Network(" : "@EnergyBudget(");
    String file = source.option("setup", null);
    String fileName = file.substring(file.lastIndexOf('/') + 1);
    // javac: ".../Digits.java:[15,1] [toenergy:...", kapt: ".../Digits.kt:13: error: [toenergy:...",
    // KSP: "e: [ksp] .../Digits.kt:14: [toenergy:..."
    Pattern onTheLine = Pattern.compile(Pattern.quote(fileName) + "(:\\[" + line + ",\\d+\\]|:" + line + "(:\\d+)?:) .*"
        + Pattern.quote("[toenergy:budget-exceeded] network Digits needs "));
    assertTrue(onTheLine.matcher(build.output).find(),
        pom.where() + ": expected [toenergy:budget-exceeded] on " + fileName + " line " + line + "\n" + build.output);
  }

  /** A fresh project: the snippet as its pom.xml, the sources, the budget replaced when given. */
  private static Path project(String name, Markdown.Block pom, List<Markdown.Block> files, String budget)
      throws IOException {
    assertFalse(files.isEmpty(), pom.where() + ": no network source for this snippet in " + PAGE);
    Path project = WORK.resolve(name);
    delete(project);
    Files.createDirectories(project);
    Files.writeString(project.resolve("pom.xml"), pom.text() + "\n", StandardCharsets.UTF_8);
    for (Markdown.Block file : files) {
      String text = file.text() + "\n";
      if (budget != null) {
        Matcher matcher = BUDGET.matcher(text);
        assertTrue(matcher.find(), file.where() + ": the network has no @EnergyBudget(joules = ...)");
        text = text.substring(0, matcher.start(1)) + budget + text.substring(matcher.end(1));
      }
      Path path = project.resolve(file.option("setup", null));
      Files.createDirectories(path.getParent());
      Files.writeString(path, text, StandardCharsets.UTF_8);
    }
    return project;
  }

  private static int lineOf(Markdown.Block source, String text) {
    for (int i = 0; i < source.lines().size(); i++) {
      if (source.lines().get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(source.where() + ": the network has no " + text);
  }

  private static String kotlinVersion(Markdown.Block pom) {
    Matcher matcher = Pattern.compile("<kotlin.version>([^<]+)</kotlin.version>").matcher(pom.text());
    assertTrue(matcher.find(), pom.where() + ": no kotlin.version property");
    return matcher.group(1);
  }

  private static Path artifact(String group, String artifactId, String version) {
    Path jar = REPOSITORY.resolve(group).resolve(artifactId).resolve(version).resolve(artifactId + "-" + version + ".jar");
    assertTrue(Files.isRegularFile(jar), jar + " was not resolved by the snippet's build");
    return jar;
  }

  private static Result maven(Path project, String goal) throws Exception {
    String maven = Path.of(System.getProperty("maven.home"), "bin", "mvn").toString();
    List<String> command = new ArrayList<>(List.of(maven, "-B", "-ntp", "-s", WORK.resolve("settings.xml").toString(),
        "-Dmaven.repo.local=" + REPOSITORY,
        // kotlinc in the build's own JVM: a daemon would outlive the test (its class path lies in
        // REPOSITORY, so it is never the outer build's daemon)
        "-Dkotlin.compiler.daemon=false", goal));
    if ("offline=true".equals(System.getProperty("outer.offline"))) {
      // offline as the outer build is, yet reading the outer local repository (a file:// remote)
      command.addAll(List.of("-o", "-Daether.offline.protocols=file"));
    }
    return run(project, command);
  }

  private static Result run(Path directory, List<String> command) throws Exception {
    Path log = Files.createTempFile(WORK, "output", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().remove("MAVEN_ARGS");
    Process process = builder.start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " took over 10 minutes");
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    return new Result(process.exitValue(), output);
  }

  private static void delete(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.delete(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  private record Result(int exit, String output) {}
}
