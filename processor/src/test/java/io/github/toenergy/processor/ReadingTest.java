package io.github.toenergy.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * How annotated classes are read into networks: the order of members, activations beside their
 * layer, residual blocks with projection shortcuts, Kotlin-style members, records, nested classes
 * and block types that another processor generates. Each expectation is the network typed by hand
 * in the notation, compared with the generated {@code NOTATION}, plus counts derived by hand.
 */
class ReadingTest {

  private static String notation(Compilation compilation, String generatedClass) throws ReflectiveOperationException {
    return (String) Compilations.load(compilation, generatedClass).getField("NOTATION").get(null);
  }

  private static Compilation compile(JavaFileObject... sources) {
    Compilation c = Compilations.withTestProfiles("-Xlint:all", "-Werror").compile(sources);
    assertThat(c).succeededWithoutWarnings();
    return c;
  }

  @Test
  void membersInDeclarationOrderWithActivationsAfterTheirLayer() throws ReflectiveOperationException {
    JavaFileObject source = DiagnosticsTest.net("Order",
        "@Network(input = {1, 28, 28}, profiles = \"test-cpu\")",
        "public class Order {",
        "  @Activation(TANH) @Conv2d(filters = 6, kernel = 5, padding = 2) Object c1;",
        "  @AvgPool2d(kernel = 2) Object s2;",
        "  @BatchNorm Object norm;",
        "  Object unrelated;",
        "  @Flatten Object flat() { return null; }",
        "  @Dense(units = 10, bias = false) @Activation(SOFTMAX) Object out;",
        "}");
    assertEquals("input(1,28,28) conv2d(6,k=5,p=2) tanh avgpool(2) batchnorm flatten dense(10,bias=false) softmax",
        notation(compile(source), "com.example.OrderEnergy"));
  }

  @Test
  void indexPinsTheOrder() throws ReflectiveOperationException {
    JavaFileObject source = DiagnosticsTest.net("Pinned",
        "@Network(input = 4, profiles = \"test-cpu\")",
        "public class Pinned {",
        "  @Dense(units = 2, index = 2) Object last;",
        "  @Activation(value = RELU, index = 1) Object middle;",
        "  @Dense(units = 3, index = 0) @Activation(SIGMOID) Object first;",
        "}");
    assertEquals("input(4) dense(3) sigmoid relu dense(2)", notation(compile(source), "com.example.PinnedEnergy"));
  }

  @Test
  void residualBlockWithProjectionShortcut() throws ReflectiveOperationException {
    // ResNet's down-sampling basic block at 64x8x8 -> 128x4x4, shortcut members declared between body
    // members. MACs: conv1 128x4x4 x (64x9) = 1,179,648; conv2 2,048 x (128x9) = 2,359,296; projection
    // 2,048 x 64 = 131,072; total 3,670,016. Parameters: 73,728 + 147,456 + 8,192 weights + 3 x 256
    // batch-norm = 230,144.
    JavaFileObject source = DiagnosticsTest.net("Down",
        "@Network(input = {64, 8, 8}, profiles = \"test-cpu\")",
        "public class Down {",
        "  @Residual(after = RELU) Block block;",
        "  @Residual.Block static class Block {",
        "    @Conv2d(filters = 128, kernel = 3, stride = 2, padding = 1, bias = false) Object conv1;",
        "    @Conv2d(filters = 128, kernel = 1, stride = 2, bias = false) @Shortcut Object projection;",
        "    @BatchNorm Object bn1;",
        "    @Activation(RELU) Object relu;",
        "    @BatchNorm @Shortcut Object projectionNorm;",
        "    @Conv2d(filters = 128, kernel = 3, padding = 1, bias = false) Object conv2;",
        "    @BatchNorm Object bn2;",
        "  }",
        "}");
    Compilation c = compile(source);
    assertEquals("input(64,8,8) residual(conv2d(128,k=3,s=2,p=1,bias=false) batchnorm relu "
        + "conv2d(128,k=3,p=1,bias=false) batchnorm | conv2d(128,k=1,s=2,bias=false) batchnorm) relu",
        notation(c, "com.example.DownEnergy"));
    Class<?> generated = Compilations.load(c, "com.example.DownEnergy");
    assertEquals(3_670_016L, Compilations.constant(generated, "TOTAL_MACS"));
    assertEquals(230_144L, Compilations.constant(generated, "PARAMETERS"));
    assertEquals(131_072L, Compilations.layerMacs(generated, "residual_1/shortcut/conv2d_1"));
    assertEquals(0L, Compilations.layerMacs(generated, "residual_1/add"));
  }

  @Test
  void nestedBlocksAndBlocksSharedBetweenNetworksInOtherFiles() throws ReflectiveOperationException {
    JavaFileObject inner = DiagnosticsTest.net("Inner",
        "@Residual.Block",
        "public class Inner {",
        "  @Dense(units = 8) @Activation(RELU) Object fc;",
        "}");
    JavaFileObject outer = DiagnosticsTest.net("Outer",
        "@Residual.Block",
        "public class Outer {",
        "  @Residual Inner inner;",
        "  @Dense(units = 8) Object fc;",
        "}");
    JavaFileObject first = DiagnosticsTest.net("First",
        "@Network(input = 8, profiles = \"test-cpu\")",
        "public class First {",
        "  @Residual Outer block;",
        "}");
    JavaFileObject second = DiagnosticsTest.net("Second",
        "@Network(input = 8, profiles = \"test-cpu\")",
        "public class Second {",
        "  @Residual Inner a;",
        "  @Residual Inner b;",
        "}");
    Compilation c = compile(inner, outer, first, second);
    assertEquals("input(8) residual(residual(dense(8) relu) dense(8))", notation(c, "com.example.FirstEnergy"));
    assertEquals("input(8) residual(dense(8) relu) residual(dense(8) relu)",
        notation(c, "com.example.SecondEnergy"));
  }

  @Test
  void anErrorInASharedBlockIsReportedOnce() {
    JavaFileObject block = DiagnosticsTest.net("Broken",
        "@Residual.Block",
        "public class Broken {",
        "  @Dense(units = 0) Object fc;",
        "}");
    JavaFileObject a = DiagnosticsTest.net("A",
        "@Network(input = 8)",
        "public class A {",
        "  @Residual Broken block;",
        "}");
    JavaFileObject b = DiagnosticsTest.net("B",
        "@Network(input = 8)",
        "public class B {",
        "  @Residual Broken block;",
        "}");
    Compilation c = Compilations.withTestProfiles().compile(block, a, b);
    assertThat(c).hadErrorContaining("[toenergy:non-positive-size] Broken.fc: @Dense units must be positive, got 0")
        .inFile(block).onLineContaining("@Dense(units = 0)");
    assertEquals(1, c.errors().size(), c.errors().toString());
  }

  @Test
  void kotlinStyleMembers() throws ReflectiveOperationException {
    // what kapt shows for Kotlin properties: a private field with the annotation (a Kotlin `val`
    // takes FIELD since the annotations have no PROPERTY target), or a getter annotated with @get:
    JavaFileObject source = DiagnosticsTest.net("KotlinStyle",
        "@Network(input = 16, profiles = \"test-cpu\")",
        "public final class KotlinStyle {",
        "  private final Object hidden = null;",
        "  @Dense(units = 8) @Activation(RELU)",
        "  public final Object getHidden() { return hidden; }",
        "  @Residual private final Block block = new Block();",
        "  public final Block getBlock() { return block; }",
        "  private final Block other = new Block();",
        "  @Residual public final Block getOther() { return other; }",
        "  @Dense(units = 2) private final Object out = null;",
        "  @Residual.Block public static final class Block {",
        "    @Dense(units = 8) private final Object inner = null;",
        "  }",
        "}");
    assertEquals("input(16) dense(8) relu residual(dense(8)) residual(dense(8)) dense(2)",
        notation(compile(source), "com.example.KotlinStyleEnergy"));
  }

  @Test
  void recordComponentsCountOnce() throws ReflectiveOperationException {
    // an annotation on a record component lands on both its field and its accessor
    JavaFileObject source = DiagnosticsTest.net("Rec",
        "@Network(input = 4, profiles = \"test-cpu\")",
        "public record Rec(@Dense(units = 3) Object a, @Dense(units = 2) Object b) {}");
    assertEquals("input(4) dense(3) dense(2)", notation(compile(source), "com.example.RecEnergy"));
  }

  @Test
  void nestedNetworkClassesGetTheirOuterNames() throws ReflectiveOperationException {
    JavaFileObject source = DiagnosticsTest.net("Models",
        "public final class Models {",
        "  private Models() {}",
        "  @Network(input = 4, profiles = \"test-cpu\", format = NumberFormat.INT8, name = \"tiny-int8\")",
        "  static final class Tiny {",
        "    @Dense(units = 2) Object fc;",
        "  }",
        "}");
    Compilation c = compile(source);
    assertEquals("input(4,format=int8) dense(2)", notation(c, "com.example.Models_TinyEnergy"));
    io.github.toenergy.model.Network network = (io.github.toenergy.model.Network)
        Compilations.load(c, "com.example.Models_TinyEnergy").getMethod("network").invoke(null);
    assertEquals("tiny-int8", network.name());
  }

  @Test
  void lowPrecisionFormatsAreReadFromTheAnnotation() throws ReflectiveOperationException {
    JavaFileObject source = DiagnosticsTest.net("Fp4",
        "@Network(input = 64, profiles = \"test-cpu\", format = NumberFormat.MXFP4)",
        "public class Fp4 {",
        "  @Dense(units = 32) Object fc;",
        "}");
    Compilation c = compile(source);
    assertEquals("input(64,format=mxfp4) dense(32)", notation(c, "com.example.Fp4Energy"));
    // 64 x 32 = 2,048 MXFP4 MACs of 5,534 TOs and 32 bias adds of 496 (docs/method.md, derived by hand)
    assertEquals(2_048L * 5_534 + 32L * 496, Compilations.constant(Compilations.load(c, "com.example.Fp4Energy"), "TOTAL_TOS"));
  }

  @Test
  void blockTypesGeneratedInALaterRoundAreWaitedFor() throws ReflectiveOperationException {
    JavaFileObject source = DiagnosticsTest.net("Waits",
        "@Network(input = 8, profiles = \"test-cpu\")",
        "public class Waits {",
        "  @Residual GeneratedBlock block;",
        "}");
    Compilation c = Compiler.javac()
        .withProcessors(new BlockGenerator(), new ToEnergyProcessor())
        .withOptions("-Atoenergy.profilePath=" + Compilations.resourceFolder("test-profiles"))
        .compile(source);
    assertThat(c).succeeded();
    assertEquals("input(8) residual(dense(8))", notation(c, "com.example.WaitsEnergy"));
  }

  /** Writes {@code com.example.GeneratedBlock}, a block type, in the first round. */
  static final class BlockGenerator extends AbstractProcessor {
    private boolean written;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!written) {
        written = true;
        try (Writer w = processingEnv.getFiler().createSourceFile("com.example.GeneratedBlock").openWriter()) {
          w.write("package com.example;\n"
              + "@io.github.toenergy.annotations.Residual.Block\n"
              + "public class GeneratedBlock {\n"
              + "  @io.github.toenergy.annotations.Dense(units = 8) Object fc;\n"
              + "}\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }
}
