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

  /** The javac processor's tests' folder of test profiles (test-cpu), given as toenergy.profilePath. */
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
    Files.writeString(sources.resolve("Geometry.kt"), GEOMETRY_KT);
    Files.writeString(sources.resolve("Channels.kt"), CHANNELS_KT);
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
    assertTrue(output.contains("known: xeon-gold-5120, raptorlake, broadwell-ep, v100, a40, rtx6000, p100, test-cpu "),
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
