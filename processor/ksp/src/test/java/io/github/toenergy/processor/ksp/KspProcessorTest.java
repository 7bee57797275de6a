package io.github.toenergy.processor.ksp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.github.toenergy.processor.ToEnergyProcessor;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the KSP processor as Kotlin users do: KSP2's standalone entry ({@code KSPJvmMain}, forked,
 * since it always ends its JVM) on Kotlin sources, with this module's classes on the processor
 * path. One run (tens of seconds) serves every check.
 */
class KspProcessorTest {
  private static final String DIGITS_KT = """
      package com.example

      import io.github.toenergy.annotations.Activation
      import io.github.toenergy.annotations.ActivationFunction.RELU
      import io.github.toenergy.annotations.ActivationFunction.SOFTMAX
      import io.github.toenergy.annotations.Conv2d
      import io.github.toenergy.annotations.Dense
      import io.github.toenergy.annotations.Dropout
      import io.github.toenergy.annotations.Flatten
      import io.github.toenergy.annotations.MaxPool2d
      import io.github.toenergy.annotations.Network

      @Network(input = [1, 28, 28], profiles = ["xeon-gold-5120"])
      class Digits {
          @Conv2d(filters = 8, kernel = 3, padding = 1) @Activation(RELU) val conv: Any? = null
          @MaxPool2d(kernel = 2) val pool: Any? = null
          @Flatten val flatten: Any? = null
          @Dense(units = 32) @Activation(RELU) val hidden: Any? = null
          @Dropout(rate = 0.25) val dropout: Any? = null
          @Dense(units = 10) @Activation(SOFTMAX) val out: Any? = null
      }
      """;

  /** The same network in Java, for the javac processor. */
  private static final String DIGITS_JAVA = """
      package com.example;

      import static io.github.toenergy.annotations.ActivationFunction.*;

      import io.github.toenergy.annotations.*;

      @Network(input = {1, 28, 28}, profiles = {"xeon-gold-5120"})
      public class Digits {
        @Conv2d(filters = 8, kernel = 3, padding = 1) @Activation(RELU) Object conv;
        @MaxPool2d(kernel = 2) Object pool;
        @Flatten Object flatten;
        @Dense(units = 32) @Activation(RELU) Object hidden;
        @Dropout(rate = 0.25) Object dropout;
        @Dense(units = 10) @Activation(SOFTMAX) Object out;
      }
      """;

  /** Each network with its problem: the checks below name the lines. */
  private static final String WRONG_KT = """
      package com.example

      import io.github.toenergy.annotations.Conv2d
      import io.github.toenergy.annotations.Dense
      import io.github.toenergy.annotations.EnergyBudget
      import io.github.toenergy.annotations.Network

      @Network(input = [3, 64, 64])
      @EnergyBudget(joules = 1e-9, profile = "xeon-gold-5120")
      class Heavy {
          @Conv2d(filters = 64, kernel = 3, padding = 1) val conv: Any? = null
      }

      @Network(input = [3, 8, 8])
      class Broken {
          @Conv2d(filters = 4, kernel = 0) val conv: Any? = null
          @Dense(units = 10) val out: Any? = null
      }

      @Network(input = [3, 8, 8], profiles = ["no-such-profile"])
      class Unflattened {
          @Dense(units = 10) fun out(): Any? = null
      }

      @Network(input = [4])
      class Reordered {
          @Dense(units = 2, index = 1) val second: Any? = null
          @Dense(units = 3, index = 0) val first: Any? = null
      }

      @Network(input = [4])
      class Empty

      @Network(input = [4])
      class WithBlock {
          @io.github.toenergy.annotations.Residual val block: Any? = null
      }

      @Network(input = [4])
      class WithMisplacedShortcut {
          @io.github.toenergy.annotations.Shortcut @Dense(units = 4) val out: Any? = null
      }
      """;

  /** The golden network of the javac processor's tests (processor/src/test/resources/golden/TinyResNet.java), in Kotlin. */
  private static final String TINY_RES_NET_KT = """
      package com.example

      import io.github.toenergy.annotations.Activation
      import io.github.toenergy.annotations.ActivationFunction.RELU
      import io.github.toenergy.annotations.ActivationFunction.SOFTMAX
      import io.github.toenergy.annotations.BatchNorm
      import io.github.toenergy.annotations.Conv2d
      import io.github.toenergy.annotations.Dense
      import io.github.toenergy.annotations.Flatten
      import io.github.toenergy.annotations.MaxPool2d
      import io.github.toenergy.annotations.Network
      import io.github.toenergy.annotations.Residual

      /** A small CNN with one residual block: the network of the golden generated source. */
      @Network(input = [1, 8, 8], profiles = ["test-cpu"])
      class TinyResNet {
          @Conv2d(filters = 4, kernel = 3, padding = 1) @Activation(RELU) val stem: Any? = null
          @Residual(after = RELU) val block: Block? = null
          @MaxPool2d(kernel = 2) val pool: Any? = null
          @Flatten val flatten: Any? = null
          @Dense(units = 10) @Activation(SOFTMAX) val classifier: Any? = null

          @Residual.Block
          class Block {
              @Conv2d(filters = 4, kernel = 3, padding = 1, bias = false) val conv: Any? = null
              @BatchNorm val norm: Any? = null
          }
      }
      """;

  /** Sequence layers (issue 12): a valid network, the same in Java, and one broken attribute per kind. */
  private static final String SEQUENCES_KT = """
      package com.example

      import io.github.toenergy.annotations.Gru
      import io.github.toenergy.annotations.Lstm
      import io.github.toenergy.annotations.Mamba2
      import io.github.toenergy.annotations.MixtureOfExperts
      import io.github.toenergy.annotations.Network

      @Network(input = [5, 3], profiles = ["xeon-gold-5120"])
      class Tagger {
          @Lstm(hidden = 4) val lstm: Any? = null
          @Gru(hidden = 4, layers = 2, bidirectional = true) val gru: Any? = null
          @MixtureOfExperts(experts = 4, top = 2, hidden = 3, shared = 1) val moe: Any? = null
          @Mamba2(state = 2, heads = 2, headDim = 4, groups = 2, conv = 2, chunk = 4) val mixer: Any? = null
      }

      @Network(input = [6, 8])
      class BrokenSequence {
          @MixtureOfExperts(experts = 4, hidden = 8, top = 5) val moe: Any? = null
          @Mamba2(heads = 4, expand = 2) val mixer: Any? = null
      }
      """;

  private static final String TAGGER_JAVA = """
      package com.example;

      import io.github.toenergy.annotations.*;

      @Network(input = {5, 3}, profiles = {"xeon-gold-5120"})
      public class Tagger {
        @Lstm(hidden = 4) Object lstm;
        @Gru(hidden = 4, layers = 2, bidirectional = true) Object gru;
        @MixtureOfExperts(experts = 4, top = 2, hidden = 3, shared = 1) Object moe;
        @Mamba2(state = 2, heads = 2, headDim = 4, groups = 2, conv = 2, chunk = 4) Object mixer;
      }
      """;

  /**
   * Issue 12's annotations read from KSP symbols: the small encoder of the javac processor's
   * TransformerAnnotationsTest (1,448 parameters, 11,776 MACs, derived there), and an attention with
   * no heads on its Kotlin line.
   */
  private static final String TRANSFORMER_KT = """
      package com.example

      import io.github.toenergy.annotations.Attention
      import io.github.toenergy.annotations.Embedding
      import io.github.toenergy.annotations.Glu
      import io.github.toenergy.annotations.LayerNorm
      import io.github.toenergy.annotations.Network
      import io.github.toenergy.annotations.PositionEmbedding
      import io.github.toenergy.annotations.Residual
      import io.github.toenergy.annotations.RmsNorm

      @Network(input = [16], profiles = ["test-cpu"])
      class TinyEncoder {
          @Embedding(vocab = 100, dim = 8) val tokens: Any? = null
          @PositionEmbedding(rows = 16) val positions: Any? = null
          @LayerNorm val norm: Any? = null
          @Residual val attend: Attend? = null
          @Residual val mlp: Mlp? = null

          @Residual.Block
          class Attend {
              @LayerNorm val norm: Any? = null
              @Attention(heads = 2, kvHeads = 1, bias = false, outBias = false, causal = true, rope = true) val attention: Any? = null
          }

          @Residual.Block
          class Mlp {
              @RmsNorm val norm: Any? = null
              @Glu(hidden = 12) val glu: Any? = null
          }
      }

      @Network(input = [10, 16])
      class NoHeads {
          @Attention(heads = 0) val attention: Any? = null
      }
      """;

  /**
   * Non-square sizes beside square ones ({@code kernel = 3} stays a number in Kotlin; {@code
   * kernelSize = [1, 7]} is its array), ceil mode, transposed convolution, upsampling; then misuse.
   */
  private static final String GEOMETRY_KT = """
      package com.example

      import io.github.toenergy.annotations.*

      @Network(input = [768, 17, 17], profiles = ["test-cpu"])
      class Factorised {
          @Conv2d(filters = 192, kernelSize = [1, 7], paddingSize = [0, 3], bias = false) val c1x7: Any? = null
          @Conv2d(filters = 192, kernel = 3, padding = 1) val square: Any? = null
          @MaxPool2d(kernel = 3, stride = 2, ceil = true) val pool: Any? = null
          @ConvTranspose2d(filters = 64, kernel = 2, stride = 2) val up: Any? = null
          @Upsample(factor = 2, mode = UpsampleMode.BILINEAR) val bilinear: Any? = null
          @AdaptiveAvgPool2d(outputSize = [6, 7]) val adaptive: Any? = null
      }

      @Network(input = [3, 8, 8])
      class Disagreeing {
          @Conv2d(filters = 4, kernel = 3, kernelSize = [1, 7]) val conv: Any? = null
          @ConvTranspose2d(filters = 4, kernel = 3, stride = 2, outputPadding = 2) val up: Any? = null
          @MaxPool2d(kernelSize = [0, 2]) val pool: Any? = null
      }
      """;

  /** Concat, chunk, shuffle, gate and layer scale in Kotlin, then their misuse: the checks below name the lines. */
  private static final String CHANNELS_KT = """
      package com.example

      import io.github.toenergy.annotations.Activation
      import io.github.toenergy.annotations.ActivationFunction.RELU
      import io.github.toenergy.annotations.ActivationFunction.SIGMOID
      import io.github.toenergy.annotations.AdaptiveAvgPool2d
      import io.github.toenergy.annotations.ChannelShuffle
      import io.github.toenergy.annotations.Chunk
      import io.github.toenergy.annotations.Concat
      import io.github.toenergy.annotations.Conv2d
      import io.github.toenergy.annotations.Gate
      import io.github.toenergy.annotations.LayerScale
      import io.github.toenergy.annotations.Network

      @Network(input = [8, 4, 4], profiles = ["test-cpu"])
      class Channels {
          @Concat(branches = [Left::class, Right::class]) val unit: Any? = null
          @ChannelShuffle(groups = 2) val shuffle: Any? = null
          @Gate val se: Excite? = null
          @LayerScale val gamma: Any? = null

          @Concat.Branch class Left { @Chunk(chunks = 2, part = 0) val half: Any? = null }
          @Concat.Branch class Right {
              @Chunk(chunks = 2, part = 1) val half: Any? = null
              @Conv2d(filters = 4, kernel = 1, bias = false) @Activation(RELU) val conv: Any? = null
          }
          @Gate.Block class Excite {
              @AdaptiveAvgPool2d val squeeze: Any? = null
              @Conv2d(filters = 2, kernel = 1) @Activation(RELU) val reduce: Any? = null
              @Conv2d(filters = 8, kernel = 1) @Activation(SIGMOID) val expand: Any? = null
          }
      }

      @Network(input = [6, 4, 4])
      class NotAGate {
          @Gate val se: Any? = null
      }

      @Network(input = [6, 4, 4])
      class NotABranch {
          @Concat(branches = [Channels.Left::class, Any::class]) val join: Any? = null
      }

      @Network(input = [6, 4, 4])
      class OneBranch {
          @Concat(branches = [Channels.Left::class]) val join: Any? = null
      }

      @Network(input = [6, 4, 4])
      class Quarters {
          @Concat(branches = [Channels.Left::class, Split::class]) val join: Any? = null
          @Concat.Branch class Split { @Chunk(chunks = 4, part = 0) val quarter: Any? = null }
      }
      """;

  /** One block type at two widths and strides, and repeats: block parameters read from Kotlin. */
  private static final String STAGES_KT = """
      package com.example

      import io.github.toenergy.annotations.Activation
      import io.github.toenergy.annotations.ActivationFunction.RELU
      import io.github.toenergy.annotations.BatchNorm
      import io.github.toenergy.annotations.Bind
      import io.github.toenergy.annotations.Conv2d
      import io.github.toenergy.annotations.Network
      import io.github.toenergy.annotations.Repeat
      import io.github.toenergy.annotations.Residual
      import io.github.toenergy.annotations.Shortcut

      @Network(input = [8, 16, 16], profiles = ["test-cpu"])
      class Stages {
          @Residual(after = RELU, with = ["width = 8"]) @Repeat(2) val stage1: Sized? = null
          @Residual(after = RELU, with = ["width = 16", "stride = 2"]) val stage2: Sized? = null
          @Conv2d(filters = 16, kernel = 3, padding = 1) @Activation(RELU) @Repeat(2) val convs: Any? = null

          @Residual.Block(params = ["width", "stride = 1"])
          class Sized {
              @Conv2d(filters = 0, kernel = 3, padding = 1, bias = false) @Bind("filters = width", "stride = stride")
              val conv: Any? = null
              @BatchNorm val bn: Any? = null
              @Conv2d(filters = 0, kernel = 1, bias = false) @Bind("filters = width", "stride = stride") @Shortcut
              val down: Any? = null
          }
      }

      @Network(input = [8, 16, 16])
      class BadWidth {
          @Residual(with = ["widht = 8"]) val block: Stages.Sized? = null
      }
      """;

  private static final String STAGES_JAVA = """
      package com.example;

      import static io.github.toenergy.annotations.ActivationFunction.RELU;
      import io.github.toenergy.annotations.*;

      @Network(input = {8, 16, 16}, profiles = "test-cpu")
      public class Stages {
        @Residual(after = RELU, with = "width = 8") @Repeat(2) Sized stage1;
        @Residual(after = RELU, with = {"width = 16", "stride = 2"}) Sized stage2;
        @Conv2d(filters = 16, kernel = 3, padding = 1) @Activation(RELU) @Repeat(2) Object convs;

        @Residual.Block(params = {"width", "stride = 1"})
        static class Sized {
          @Conv2d(filters = 0, kernel = 3, padding = 1, bias = false) @Bind({"filters = width", "stride = stride"})
          Object conv;
          @BatchNorm Object bn;
          @Conv2d(filters = 0, kernel = 1, bias = false) @Bind({"filters = width", "stride = stride"}) @Shortcut
          Object down;
        }
      }
      """;

  /** The javac processor's tests' folder of test profiles (test-cpu), given as toenergy.profilePath. */
  /**
   * Decode budgets from Kotlin. KtDecoder: 16 token ids, D = 8, causal attention of 2 heads of 4 with one
   * key/value head, no biases: per decoded token 64 + 32 + 32 + 64 = 192 projection MACs; prompt 16 (its
   * own length), 4 tokens: 4 x 16 + 10 = 74 keys per head, QK^T and AV 2 x 2 x 74 x 4 = 1,184 MACs; a
   * sequence 4 x 192 + 1,184 = 1,952 MACs; batch 2 = 3,904 MACs = 3.904 mJ on test-cpu, 0.488 mJ a token.
   */
  private static final String GENERATION_KT = """
      package com.example

      import io.github.toenergy.annotations.*

      @Network(input = [16], profiles = ["test-cpu"])
      @EnergyBudget(joules = 0.0004, profile = "test-cpu", phase = Phase.DECODE, batch = 2, tokens = 4, perToken = true)
      class KtDecoder {
          @Embedding(vocab = 100, dim = 8) val tokens: Any? = null
          @Attention(heads = 2, kvHeads = 1, bias = false, outBias = false, causal = true) val attention: Any? = null
      }

      @Network(input = [16], profiles = ["test-cpu"])
      @EnergyBudget(joules = 1.0, profile = "test-cpu", phase = Phase.DECODE)
      class KtNoTokens {
          @Embedding(vocab = 100, dim = 8) val tokens: Any? = null
          @Attention(heads = 2, causal = true) val attention: Any? = null
      }

      @Network(input = [16], phase = Phase.DECODE)
      class KtGenerating {
          @Embedding(vocab = 100, dim = 8) val tokens: Any? = null
          @Attention(heads = 2, causal = true) val attention: Any? = null
      }
      """;

  private static final Path TEST_PROFILES = Path.of("..", "src", "test", "resources", "test-profiles");
  private static final Path GOLDEN = Path.of("..", "src", "test", "resources", "golden", "TinyResNetEnergy.java");

  private static Path work;
  private static String output;

  @BeforeAll
  static void runKsp() throws IOException, InterruptedException {
    work = Path.of("target", "ksp-test").toAbsolutePath(); // relative paths make KSP fail
    deleteTree(work);
    Path sources = work.resolve("src/com/example");
    Files.createDirectories(sources);
    Files.writeString(sources.resolve("Digits.kt"), DIGITS_KT);
    Files.writeString(sources.resolve("Wrong.kt"), WRONG_KT);
    Files.writeString(sources.resolve("TinyResNet.kt"), TINY_RES_NET_KT);
    Files.writeString(sources.resolve("Sequences.kt"), SEQUENCES_KT);
    Files.writeString(sources.resolve("Transformer.kt"), TRANSFORMER_KT);
    Files.writeString(sources.resolve("Geometry.kt"), GEOMETRY_KT);
    Files.writeString(sources.resolve("Channels.kt"), CHANNELS_KT);
    Files.writeString(sources.resolve("Stages.kt"), STAGES_KT);
    Files.writeString(sources.resolve("Generation.kt"), GENERATION_KT);
    List<String> tool = new ArrayList<>();
    List<String> processor = new ArrayList<>();
    List<String> libraries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(entry).toAbsolutePath().toString();
      if (name.contains("symbol-processing") || name.contains("kotlin")) {
        tool.add(name);
      } else if (name.contains("test-classes")) {
        continue;
      } else if (name.endsWith("classes") || name.contains("toenergy") || name.contains("javapoet")
          || name.contains("jspecify")) {
        processor.add(name);
      }
      if (name.contains("kotlin-stdlib") || name.contains("annotations" + File.separator + "target")
          || name.contains("toenergy-annotations")) {
        libraries.add(name);
      }
    }
    Path out = work.resolve("out");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        String.join(File.pathSeparator, tool), "com.google.devtools.ksp.cmdline.KSPJvmMain",
        "-module-name=main", "-source-roots=" + work.resolve("src"), "-project-base-dir=" + work,
        "-output-base-dir=" + out, "-caches-dir=" + out.resolve("caches"),
        "-class-output-dir=" + out.resolve("classes"), "-kotlin-output-dir=" + out.resolve("kotlin"),
        "-java-output-dir=" + out.resolve("java"), "-resource-output-dir=" + out.resolve("resources"),
        "-language-version=2.0", "-api-version=2.0", "-jvm-target=17",
        "-jdk-home=" + System.getProperty("java.home"),
        // KSP's map syntax: key=value entries separated by the path separator
        "-processor-options=toenergy.budget=warn" + File.pathSeparator + "toenergy.profilePath="
            + TEST_PROFILES.toAbsolutePath().normalize(),
        "-libraries=" + String.join(File.pathSeparator, libraries),
        String.join(File.pathSeparator, processor)));
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(work.resolve("ksp.log").toFile()).start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("KSP did not finish in 5 minutes");
    }
    output = Files.readString(work.resolve("ksp.log"));
  }

  @Test
  void generatesTheSameSourceAsTheJavacProcessor() throws IOException {
    Path generated = work.resolve("out/java/com/example/DigitsEnergy.java");
    assertTrue(Files.exists(generated), output);
    Compilation javac = Compiler.javac().withProcessors(new ToEnergyProcessor())
        .compile(JavaFileObjects.forSourceString("com.example.Digits", DIGITS_JAVA));
    JavaFileObject expected = javac.generatedSourceFile("com.example.DigitsEnergy").orElseThrow();
    // the same source but for the name of the generator in @Generated
    String fromKsp = Files.readString(generated, StandardCharsets.UTF_8)
        .replace(ToEnergySymbolProcessor.NAME, ToEnergyProcessor.class.getCanonicalName());
    assertEquals(expected.getCharContent(true).toString(), fromKsp);
  }

  @Test
  void readsBlockParametersAndRepeatsAsTheJavacProcessor() throws IOException {
    Path generated = work.resolve("out/java/com/example/StagesEnergy.java");
    assertTrue(Files.exists(generated), output);
    Compilation javac = Compiler.javac().withProcessors(new ToEnergyProcessor())
        .withOptions("-Atoenergy.profilePath=" + TEST_PROFILES.toAbsolutePath().normalize())
        .compile(JavaFileObjects.forSourceString("com.example.Stages", STAGES_JAVA));
    JavaFileObject expected = javac.generatedSourceFile("com.example.StagesEnergy").orElseThrow();
    String fromKsp = Files.readString(generated, StandardCharsets.UTF_8)
        .replace(ToEnergySymbolProcessor.NAME, ToEnergyProcessor.class.getCanonicalName());
    assertEquals(expected.getCharContent(true).toString(), fromKsp);
    assertTrue(fromKsp.contains("\"input(8,16,16) repeat(2, residual(conv2d(8,k=3,p=1,bias=false) batchnorm | \""),
        fromKsp);
    assertTrue(output.contains("Stages.kt:31: [toenergy:block-parameter] block: 'widht' is no parameter of Sized "
        + "(its parameters: width, stride)"), output);
  }

  @Test
  void generatesTheGoldenSourceOfAResidualNetwork() throws IOException {
    Path generated = work.resolve("out/java/com/example/TinyResNetEnergy.java");
    assertTrue(Files.exists(generated), output);
    String fromKsp = Files.readString(generated, StandardCharsets.UTF_8)
        .replace(ToEnergySymbolProcessor.NAME, ToEnergyProcessor.class.getCanonicalName());
    assertEquals(Files.readString(GOLDEN, StandardCharsets.UTF_8), fromKsp);
  }

  @Test
  void reportsTheBudgetOnTheKotlinLineOfEnergyBudgetAsAWarningWithBudgetWarn() {
    // toenergy.budget=warn: a warning, and the source is still generated
    assertTrue(output.contains("w: [ksp] " + work.resolve("src/com/example/Wrong.kt")
        + ":9: [toenergy:budget-exceeded] network Heavy needs "), output);
    assertTrue(Files.exists(work.resolve("out/java/com/example/HeavyEnergy.java")), output);
  }

  @Test
  void knowsTheProfilesOfProfilePath() {
    // test-cpu, of the toenergy.profilePath folder, after the shipped ones
    assertTrue(output.contains("known: xeon-gold-5120, raptorlake, broadwell-ep, v100, a40, rtx6000, p100, h100, b200, test-cpu "),
        output);
  }

  @Test
  void reportsABrokenLayerOnItsKotlinLine() {
    assertTrue(output.contains("Wrong.kt:16: [toenergy:non-positive-size] conv: @Conv2d kernel must be positive, got 0"),
        output);
    assertFalse(Files.exists(work.resolve("out/java/com/example/BrokenEnergy.java")));
  }

  @Test
  void reportsShapesAndProfilesOnTheirKotlinLines() {
    assertTrue(output.contains("Wrong.kt:20: [toenergy:unknown-profile] network Unflattened names unknown profile "
        + "'no-such-profile'"), output);
    assertTrue(output.contains("Wrong.kt:22: [toenergy:dense-needs-flatten] out(): @Dense needs a flat input but "
        + "gets 3x8x8"), output);
    assertTrue(output.contains("Wrong.kt:31: [toenergy:empty-network] network Empty has no layers"), output);
  }

  @Test
  void reportsResidualMisuseAsTheJavacProcessor() {
    assertTrue(output.contains("Wrong.kt:36: [toenergy:residual-not-block] block: @Residual reads the layers of the "
        + "member's type, but kotlin.Any is not annotated @Residual.Block"), output);
    assertTrue(output.contains("Wrong.kt:41: [toenergy:misplaced-shortcut] out: @Shortcut is only read on a member "
        + "of a @Residual.Block type, and WithMisplacedShortcut is a @Network class"), output);
  }

  @Test
  void readsSequenceLayersAsTheJavacProcessor() throws IOException {
    Path generated = work.resolve("out/java/com/example/TaggerEnergy.java");
    assertTrue(Files.exists(generated), output);
    Compilation javac = Compiler.javac().withProcessors(new ToEnergyProcessor())
        .compile(JavaFileObjects.forSourceString("com.example.Tagger", TAGGER_JAVA));
    String expected = javac.generatedSourceFile("com.example.TaggerEnergy").orElseThrow().getCharContent(true)
        .toString();
    String fromKsp = Files.readString(generated, StandardCharsets.UTF_8)
        .replace(ToEnergySymbolProcessor.NAME, ToEnergyProcessor.class.getCanonicalName());
    assertEquals(expected, fromKsp);
    // total and active parameters apart (SequenceLayersTest derives both: 1,446 and 1,302)
    assertTrue(fromKsp.contains("PARAMETERS = 1_446L") && fromKsp.contains("ACTIVE_PARAMETERS = 1_302L"), fromKsp);
  }

  @Test
  void reportsSequenceLayerAttributesOnTheirKotlinLines() {
    assertTrue(output.contains("Sequences.kt:19: [toenergy:invalid-layer] moe: top 5 must be at most the 4 experts"),
        output);
    assertTrue(output.contains("Sequences.kt:20: [toenergy:invalid-layer] mixer: give heads or expand, not both"),
        output);
  }

  @Test
  void readsTheTransformerAnnotations() throws IOException {
    String encoder = Files.readString(work.resolve("out/java/com/example/TinyEncoderEnergy.java"));
    // the notation, as JavaPoet wraps it
    assertTrue(encoder.contains("\"input(16) embedding(100,8) posembedding(16) layernorm residual(layernorm \""), encoder);
    assertTrue(encoder.contains("\"attention(2,kvheads=1,causal=true,bias=false,rope=true)) residual(rmsnorm glu(12))\""),
        encoder);
    assertTrue(encoder.contains("PARAMETERS = 1_448L"), encoder);
    assertTrue(encoder.contains("TOTAL_MACS = 11_776L"), encoder);
    assertTrue(output.contains("Transformer.kt:35: [toenergy:non-positive-size] attention: @Attention heads must be "
        + "positive, got 0"), output);
  }

  @Test
  void readsConcatChunkShuffleGateAndLayerScaleAsTheJavacProcessor() throws IOException {
    String channels = Files.readString(work.resolve("out/java/com/example/ChannelsEnergy.java"));
    // the generated source splits the notation's string literal at about 80 characters
    assertTrue(channels.contains("\"input(8,4,4) concat(chunk(2,0) | chunk(2,1) conv2d(4,k=1,bias=false) relu) shuffle(2) \"\n"
        + "      + \"gate(adaptiveavgpool(1) conv2d(2,k=1) relu conv2d(8,k=1) sigmoid) scale\";"), channels);
    // 8 channels: the convolved half 4*4, reduce 8*2 + 2, expand 2*8 + 8, layer scale 8
    assertTrue(channels.contains("PARAMETERS = 66L;"), channels);
  }

  @Test
  void reportsGateAndConcatMisuseAsTheJavacProcessor() {
    assertTrue(output.contains("Channels.kt:36: [toenergy:gate-not-block] se: @Gate reads the layers of the member's "
        + "type, but kotlin.Any is not annotated @Gate.Block"), output);
    assertTrue(output.contains("Channels.kt:41: [toenergy:concat-not-branch] join: @Concat branch 2, kotlin.Any, is not "
        + "annotated @Concat.Branch"), output);
    assertTrue(output.contains("Channels.kt:46: [toenergy:invalid-layer] join: a concat block needs at least two "
        + "branches, got 1"), output);
    assertTrue(output.contains("Channels.kt:51: [toenergy:shape-mismatch] join (Split.quarter): chunks 4 do not divide "
        + "the 6 input channels (layer 1 of network Quarters)"), output);
  }

  @Test
  void ordersLayersByIndex() throws IOException {
    String reordered = Files.readString(work.resolve("out/java/com/example/ReorderedEnergy.java"));
    assertTrue(reordered.contains("\"input(4) dense(3) dense(2)\""), reordered);
  }

  @Test
  void readsNonSquareSizesAndTheNewKindsFromKotlin() throws IOException {
    // the generated NOTATION constant, its string pieces joined again
    String factorised = Files.readString(work.resolve("out/java/com/example/FactorisedEnergy.java"))
        .replaceAll("\"\\s*\\+\\s*\"", "");
    assertTrue(factorised.contains("\"input(768,17,17) conv2d(192,k=(1,7),p=(0,3),bias=false) conv2d(192,k=3,p=1)"
        + " maxpool(3,s=2,ceil=true) convtranspose2d(64,k=2,s=2) upsample(2,mode=bilinear) adaptiveavgpool(6,7)\""),
        factorised);
  }

  @Test
  void checksDecodeBudgetsAsTheJavacProcessor() {
    // 0.488 mJ a generated token against 0.4 mJ: 22.0% over (a warning under toenergy.budget=warn)
    assertTrue(output.contains("Generation.kt:6: [toenergy:budget-exceeded] network KtDecoder needs 0.0004880 J per "
        + "generated token of the decode of batch 2, prompt 16, 4 tokens on test-cpu [outside the profile's fitted "
        + "range: decode not measured], over its budget of 0.0004000 J by 22.0%"), output);
    assertTrue(output.contains("Generation.kt:13: [toenergy:budget-invalid] @EnergyBudget of network KtNoTokens: a "
        + "DECODE budget needs tokens, the tokens generated per sequence, positive, got 0"), output);
    assertTrue(output.contains("Generation.kt:19: [toenergy:invalid-phase] network KtGenerating: phase DECODE has no "
        + "class Javadoc table"), output);
    assertTrue(Files.exists(work.resolve("out/java/com/example/KtDecoderEnergy.java")), output);
    assertFalse(Files.exists(work.resolve("out/java/com/example/KtGeneratingEnergy.java")));
  }

  @Test
  void reportsSizeMisuseOnItsKotlinLine() {
    assertTrue(output.contains("Geometry.kt:17: [toenergy:invalid-layer] conv: @Conv2d kernel 3 and kernelSize"
        + " {1, 7} disagree; give one of them"), output);
    assertTrue(output.contains("Geometry.kt:18: [toenergy:invalid-layer] up: output padding 2 must be smaller than"
        + " the stride 2 or the dilation 1"), output);
    assertTrue(output.contains("Geometry.kt:19: [toenergy:invalid-layer] pool: @MaxPool2d kernelSize must be"
        + " positive, got {0, 2}"), output);
    assertFalse(Files.exists(work.resolve("out/java/com/example/DisagreeingEnergy.java")));
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).collect(Collectors.toList())) {
        Files.delete(p);
      }
    }
  }
}
