package io.github.toenergy.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import io.github.toenergy.processor.validation.Diagnostics;
import java.lang.reflect.Method;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * One test per entry of the {@link Diagnostics} catalogue (see {@link #everyDiagnosticHasATest}):
 * each asserts the whole message, the file and the line javac prints it on. The expected messages
 * are written from the annotations' contracts and the shapes derived by hand in the comments, not
 * copied from the processor's output; docs/annotations.md quotes them.
 */
class DiagnosticsTest {

  /** A source in package com.example with the annotations and activation functions imported. */
  static JavaFileObject net(String simpleName, String... body) {
    String[] lines = new String[body.length + 3];
    lines[0] = "package com.example;";
    lines[1] = "import io.github.toenergy.annotations.*;";
    lines[2] = "import static io.github.toenergy.annotations.ActivationFunction.*;";
    System.arraycopy(body, 0, lines, 3, body.length);
    return Compilations.source("com.example." + simpleName, lines);
  }

  private static void assertError(Compilation compilation, JavaFileObject file, String line, String message) {
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(message).inFile(file).onLineContaining(line);
  }

  @Test
  void everyDiagnosticHasATest() {
    Set<Diagnostics> covered = EnumSet.noneOf(Diagnostics.class);
    for (Method method : DiagnosticsTest.class.getDeclaredMethods()) {
      Covers covers = method.getAnnotation(Covers.class);
      if (covers != null) {
        covered.add(covers.value());
      }
    }
    assertEquals(EnumSet.allOf(Diagnostics.class), covered, "diagnostics without a test");
  }

  @Test
  void idsAreStableAndUnique() {
    Set<String> ids = new java.util.HashSet<>();
    for (Diagnostics d : Diagnostics.values()) {
      assertEquals(true, d.id().matches("[a-z]+(-[a-z]+)*"), d.id());
      assertEquals(true, ids.add(d.id()), "duplicate id " + d.id());
      assertEquals(true, d.format(new Object[20]).startsWith("[toenergy:" + d.id() + "] "), d.id());
    }
  }

  // ---- options and profiles --------------------------------------------------------------------

  static final JavaFileObject MLP = net("Mlp",
      "@Network(input = 784, profiles = \"test-cpu\")",
      "public class Mlp {",
      "  @Dense(units = 10) @Activation(SOFTMAX) Object out;",
      "}");

  /** Option errors belong to no source file: javac prints them without a position. */
  @Test
  @Covers(Diagnostics.INVALID_OPTION)
  void invalidOption() {
    Compilation budget = Compilations.withTestProfiles("-Atoenergy.budget=sometimes").compile(MLP);
    assertThat(budget).failed();
    assertThat(budget).hadErrorContaining("[toenergy:invalid-option] -Atoenergy.budget=sometimes: expected error or warn");

    Compilation folder = Compilations.compiler("-Atoenergy.profilePath=no-such-folder").compile(MLP);
    assertThat(folder).hadErrorContaining("[toenergy:invalid-option] -Atoenergy.profilePath=no-such-folder: "
        + "'no-such-folder' is not a folder of <id>.properties profiles");
  }

  @Test
  @Covers(Diagnostics.PROFILE_INVALID)
  void profileInvalid() {
    Compilation c = Compilations.compiler("-Atoenergy.profilePath=" + Compilations.resourceFolder("broken-profiles"))
        .compile(MLP);
    assertError(c, MLP, "@Network(input = 784",
        "[toenergy:profile-invalid] cannot load the energy profiles needed by network Mlp: ");
    assertThat(c).hadErrorContaining("broken.properties: key 'model.coefficients': value 1 'one' is not a number");
    assertEquals(1, c.errors().size(), "one error, not one per network or a stack trace");
  }

  @Test
  @Covers(Diagnostics.UNKNOWN_PROFILE)
  void unknownProfile() {
    JavaFileObject source = net("Typo",
        "@Network(input = 784, profiles = {",
        "    \"test-cpu\",",
        "    \"xeon-gold-512\"})",
        "@EnergyBudget(joules = 1, profile = \"raptor-lake\")",
        "public class Typo {",
        "  @Dense(units = 10) Object out;",
        "}");
    Compilation c = Compilations.withTestProfiles().compile(source);
    assertError(c, source, "\"xeon-gold-512\"",
        "[toenergy:unknown-profile] network Typo names unknown profile 'xeon-gold-512'; known: xeon-gold-5120, ");
    assertError(c, source, "raptor-lake",
        "[toenergy:unknown-profile] @EnergyBudget of network Typo names unknown profile 'raptor-lake'; known: ");
    assertThat(c).hadErrorContaining("test-cpu (add a folder with -Atoenergy.profilePath or a profile jar to the "
        + "processor path)");
  }

  // ---- the network class -----------------------------------------------------------------------

  @Test
  @Covers(Diagnostics.INVALID_INPUT)
  void invalidInput() {
    JavaFileObject source = net("Flatland",
        "@Network(",
        "    input = {3, 224, 224, 1})",
        "public class Flatland {",
        "  @Dense(units = 10) Object out;",
        "}");
    assertError(Compilations.withTestProfiles().compile(source), source, "input = {3, 224, 224, 1}",
        "[toenergy:invalid-input] network Flatland: input must be {channels, height, width}, {length, features} "
            + "or {features}, every size positive; got {3, 224, 224, 1}");
  }

  @Test
  @Covers(Diagnostics.INVALID_PHASE)
  void invalidPhase() {
    // the class Javadoc's table is one inference or training step; a generation needs its lengths
    JavaFileObject source = net("Generating",
        "@Network(input = 16,",
        "    phase = Phase.DECODE)",
        "public class Generating {",
        "  @Embedding(vocab = 100, dim = 8) Object tokens;",
        "  @Attention(heads = 2, causal = true) Object attention;",
        "}");
    Compilation c = Compilations.withTestProfiles().compile(source);
    assertError(c, source, "phase = Phase.DECODE)", "[toenergy:invalid-phase] network Generating: phase DECODE has "
        + "no class Javadoc table: a generation needs prompt and token lengths; use INFERENCE or TRAINING here, and "
        + "@EnergyBudget(phase = DECODE, ...) or the estimator's prefill(batch, prompt) and decode(batch, prompt, "
        + "tokens) for generation");
    assertEquals(1, c.errors().size(), c.errors().toString());
  }

  @Test
  @Covers(Diagnostics.EMPTY_NETWORK)
  void emptyNetwork() {
    JavaFileObject source = net("Empty",
        "@Network(input = 4)",
        "public class Empty {",
        "  Object notALayer;",
        "}");
    assertError(Compilations.withTestProfiles().compile(source), source, "@Network(input = 4)",
        "[toenergy:empty-network] network Empty has no layers; annotate its fields or methods with @Conv2d, @Dense, "
            + "@Activation, ...");
  }

  @Test
  @Covers(Diagnostics.LAYER_OUTSIDE_NETWORK)
  void layerOutsideNetwork() {
    JavaFileObject source = net("Plain",
        "public class Plain {",
        "  @Dense(units = 3) Object fc;",
        "}");
    assertError(Compilations.withTestProfiles().compile(source), source, "@Dense(units = 3)",
        "[toenergy:layer-outside-network] fc: @Dense is only read on a member of a @Network class or a "
            + "block type (@Residual.Block, @Gate.Block, @Concat.Branch), and com.example.Plain is neither");
  }

  /** The examples: {@code @Network} on a local class, layer annotations inside an anonymous class. */
  @Test
  @Covers(Diagnostics.LOCAL_CLASS)
  void localClass() {
    JavaFileObject source = net("Holder",
        "public class Holder {",
        "  Object build() {",
        "    @Network(input = 4)",
        "    class Tiny {",
        "      @Dense(units = 2) Object fc;",
        "    }",
        "    return new Object() {",
        "      @io.github.toenergy.annotations.Dense(units = 3) Object hidden;",
        "      @Shortcut @Conv2d(filters = 1, kernel = 1) Object skip() { return null; }",
        "    };",
        "  }",
        "}");
    // javac runs the processor when a toenergy annotation sits on a class or member it shows (here
    // MLP's): the processor cannot declare "*" and stay isolating for Gradle
    Compilation c = Compilations.withTestProfiles().compile(source, MLP);
    assertError(c, source, "@Network(input = 4)",
        "[toenergy:local-class] local class Tiny in com.example.Holder.build(): @Network is never shown to "
            + "annotation processors on a class declared inside a method or an initialiser; make it a top-level or "
            + "member class");
    assertError(c, source, "@io.github.toenergy.annotations.Dense(units = 3)",
        "[toenergy:layer-outside-network] hidden: @Dense is only read on a member of a @Network class or a "
            + "block type (@Residual.Block, @Gate.Block, @Concat.Branch), and the anonymous class in com.example.Holder.build() is neither");
    assertError(c, source, "@Shortcut @Conv2d",
        "[toenergy:misplaced-shortcut] skip(): @Shortcut is only read on a member of a @Residual.Block type, and "
            + "the anonymous class in com.example.Holder.build() is not one");
    assertError(c, source, "@Shortcut @Conv2d",
        "[toenergy:layer-outside-network] skip(): @Conv2d is only read on a member of a @Network class or a "
            + "block type (@Residual.Block, @Gate.Block, @Concat.Branch), and the anonymous class in com.example.Holder.build() is neither");
    // the member of the local @Network class is part of that one error
    assertEquals(4, c.errors().size(), c.errors().toString());
  }

  @Test
  @Covers(Diagnostics.TWO_LAYER_ANNOTATIONS)
  void twoLayerAnnotations() {
    JavaFileObject source = net("Twice",
        "@Network(input = 16)",
        "public class Twice {",
        "  @Dense(units = 4)",
        "  @Conv2d(filters = 2, kernel = 1)",
        "  Object both;",
        "  @MaxPool2d(kernel = 2)",
        "  @Activation(RELU) Object pool;",
        "}");
    Compilation c = Compilations.withTestProfiles().compile(source);
    assertError(c, source, "@Conv2d(filters = 2, kernel = 1)",
        "[toenergy:two-layer-annotations] both carries @Dense and @Conv2d, but one member is one layer (only "
            + "@Activation may join @Dense or @Conv2d); move @Conv2d to a member of its own");
    assertError(c, source, "@Activation(RELU) Object pool",
        "[toenergy:two-layer-annotations] pool carries @MaxPool2d and @Activation, but one member is one layer");
  }

  @Test
  @Covers(Diagnostics.MISPLACED_SHORTCUT)
  void misplacedShortcut() {
    JavaFileObject source = net("Skip",
        "@Network(input = {4, 8, 8})",
        "public class Skip {",
        "  @Conv2d(filters = 4, kernel = 1) @Shortcut Object proj;",
        "  @Residual Block block;",
        "  @Residual.Block static class Block {",
        "    @Conv2d(filters = 4, kernel = 3, padding = 1) Object conv;",
        "    @Shortcut Object nothing;",
        "  }",
        "}");
    Compilation c = Compilations.withTestProfiles().compile(source);
    assertError(c, source, "@Shortcut Object proj",
        "[toenergy:misplaced-shortcut] proj: @Shortcut is only read on a member of a @Residual.Block type, and Skip "
            + "is a @Network class");
    assertError(c, source, "@Shortcut Object nothing",
        "[toenergy:misplaced-shortcut] Block.nothing: @Shortcut marks a layer of the projection shortcut, but the "
            + "member has no layer annotation");

    JavaFileObject plain = net("PlainShortcut",
        "public class PlainShortcut {",
        "  @Shortcut Object lost;",
        "}");
    assertError(Compilations.withTestProfiles().compile(plain), plain, "@Shortcut Object lost",
        "[toenergy:misplaced-shortcut] lost: @Shortcut is only read on a member of a @Residual.Block type, and "
            + "com.example.PlainShortcut is not one");
  }

  // ---- layer attributes ------------------------------------------------------------------------

  @Test
  @Covers(Diagnostics.NON_POSITIVE_SIZE)
  void nonPositiveSize() {
    JavaFileObject source = net("Zero",
        "@Network(input = {3, 32, 32})",
        "public class Zero {",
        "  @Conv2d(filters = 8,",
        "      kernel = 0,",
        "      stride = -1) Object conv;",
        "  @Flatten Object flat;",
        "  @Dense(units = 0) Object fc;",
        "}");
    Compilation c = Compilations.withTestProfiles().compile(source);
    // every problem of the class, each on its own attribute
    assertError(c, source, "kernel = 0", "[toenergy:non-positive-size] conv: @Conv2d kernel must be positive, got 0");
    assertError(c, source, "stride = -1", "[toenergy:non-positive-size] conv: @Conv2d stride must be positive, got -1");
    assertError(c, source, "@Dense(units = 0)", "[toenergy:non-positive-size] fc: @Dense units must be positive, got 0");
    assertEquals(3, c.errors().size());
  }

  @Test
  @Covers(Diagnostics.NEGATIVE_SIZE)
  void negativeSize() {
    JavaFileObject source = net("Negative",
        "@Network(input = {3, 32, 32})",
        "public class Negative {",
        "  @MaxPool2d(kernel = 2,",
        "      padding = -1) Object pool;",
        "}");
    assertError(Compilations.withTestProfiles().compile(source), source, "padding = -1",
        "[toenergy:negative-size] pool: @MaxPool2d padding must not be negative, got -1");

    // a pooling stride of 0 means "the kernel", so only a negative one is wrong
    JavaFileObject strides = net("Strides",
        "@Network(input = {3, 32, 32})",
        "public class Strides {",
        "  @MaxPool2d(kernel = 2,",
        "      stride = -1) Object pool;",
        "  @AvgPool2d(kernel = 0) Object zero;",
        "}");
    Compilation c = Compilations.withTestProfiles().compile(strides);
    assertError(c, strides, "stride = -1", "[toenergy:negative-size] pool: @MaxPool2d stride must not be negative, got -1");
    assertError(c, strides, "@AvgPool2d(kernel = 0)",
        "[toenergy:non-positive-size] zero: @AvgPool2d kernel must be positive, got 0");
    // the zero kernel is reported once, not again through the stride that copies it
    assertEquals(2, c.errors().size());
  }

  @Test
  @Covers(Diagnostics.GROUPS_MISMATCH)
  void groupsMismatch() {
    JavaFileObject filters = net("Groups",
        "@Network(input = {4, 8, 8})",
        "public class Groups {",
        "  @Conv2d(filters = 6, kernel = 3,",
        "      groups = 4) Object conv;",
        "}");
    assertError(Compilations.withTestProfiles().compile(filters), filters, "groups = 4",
        "[toenergy:groups-mismatch] conv: @Conv2d groups 4 must divide its 6 filters");

    // 6 filters in 2 groups is fine on its own, but the RGB input has 3 channels
    JavaFileObject channels = net("Rgb",
        "@Network(input = {3, 8, 8})",
        "public class Rgb {",
        "  @Conv2d(filters = 6, kernel = 3, groups = 2) Object conv;",
        "}");
    assertError(Compilations.withTestProfiles().compile(channels), channels, "groups = 2",
        "[toenergy:groups-mismatch] conv: @Conv2d groups 2 must divide the 3 input channels it gets as layer 1 of "
            + "network Rgb");
  }

  @Test
  @Covers(Diagnostics.INVALID_LAYER)
  void invalidLayer() {
    JavaFileObject source = net("Odd",
        "@Network(input = {3, 32, 32})",
        "public class Odd {",
        "  @MaxPool2d(kernel = 3, padding = 2) Object pool;",
        "  @Dropout(rate = 1.5) Object drop;",
        "}");
    Compilation c = Compilations.withTestProfiles().compile(source);
    // the runtime's own rules, reported where the layer is written
    assertError(c, source, "@MaxPool2d(kernel = 3, padding = 2)",
        "[toenergy:invalid-layer] pool: padding 2 must be at most half the kernel 3");
    assertError(c, source, "@Dropout(rate = 1.5)",
        "[toenergy:invalid-layer] drop: dropout rate must be in [0, 1), got 1.5");
  }

  // ---- shapes ----------------------------------------------------------------------------------

  @Test
  @Covers(Diagnostics.KERNEL_TOO_LARGE)
  void kernelTooLarge() {
    // input 1x6x6; conv1 (k=3, no padding) gives 8x4x4; conv2's 5x5 kernel does not fit 4x4
    JavaFileObject source = net("Small",
        "@Network(input = {1, 6, 6})",
        "public class Small {",
        "  @Conv2d(filters = 8, kernel = 3) @Activation(RELU) Object conv1;",
        "  @Conv2d(filters = 8, kernel = 5) Object conv2;",
        "}");
    // layer 3: conv1, relu, conv2
    assertError(Compilations.withTestProfiles().compile(source), source, "kernel = 5",
        "[toenergy:kernel-too-large] conv2: kernel 5 is larger than the input 8x4x4 (layer 3 of network Small)");

    // inside a residual block the error sits on the @Residual member and names the block's member
    JavaFileObject nested = net("Nested",
        "@Network(input = {2, 4, 4})",
        "public class Nested {",
        "  @Residual Block block;",
        "  @Residual.Block static class Block {",
        "    @Conv2d(filters = 2, kernel = 7) Object wide;",
        "  }",
        "}");
    assertError(Compilations.withTestProfiles().compile(nested), nested, "@Residual Block block",
        "[toenergy:kernel-too-large] block (Block.wide): kernel 7 is larger than the input 2x4x4 "
            + "(layer 1 of network Nested)");
  }

  @Test
  @Covers(Diagnostics.SHAPE_MISMATCH)
  void shapeMismatch() {
    JavaFileObject flat = net("FlatConv",
        "@Network(input = 16)",
        "public class FlatConv {",
        "  @Conv2d(filters = 2, kernel = 1) Object conv;",
        "}");
    assertError(Compilations.withTestProfiles().compile(flat), flat, "@Conv2d(filters = 2, kernel = 1)",
        "[toenergy:shape-mismatch] conv: conv2d needs a C x H x W input but gets 16 features "
            + "(layer 1 of network FlatConv)");

    // @Columns turns an image's columns into a sequence; a sequence has no columns to turn
    JavaFileObject sequence = net("SequenceColumns",
        "@Network(input = {50, 64})",
        "public class SequenceColumns {",
        "  @Columns Object columns;",
        "}");
    assertError(Compilations.withTestProfiles().compile(sequence), sequence, "@Columns Object columns",
        "[toenergy:shape-mismatch] columns: columns needs a C x H x W input but gets 50x64 "
            + "(layer 1 of network SequenceColumns)");

    // the body widens 4 channels to 8 (padding 1 keeps 8x8); the identity shortcut keeps 4x8x8
    JavaFileObject branches = net("Widen",
        "@Network(input = {4, 8, 8})",
        "public class Widen {",
        "  @Residual(after = RELU) Block block;",
        "  @Residual.Block static class Block {",
        "    @Conv2d(filters = 8, kernel = 3, padding = 1) Object conv;",
        "  }",
        "}");
    assertError(Compilations.withTestProfiles().compile(branches), branches, "@Residual(after = RELU) Block block",
        "[toenergy:shape-mismatch] block: residual body gives 8x8x8 but the identity shortcut gives 4x8x8 "
            + "(layer 1 of network Widen)");
  }

  @Test
  @Covers(Diagnostics.DENSE_NEEDS_FLATTEN)
  void denseNeedsFlatten() {
    JavaFileObject source = net("NoFlatten",
        "@Network(input = {3, 8, 8})",
        "public class NoFlatten {",
        "  @Dense(units = 10) Object fc;",
        "}");
    assertError(Compilations.withTestProfiles().compile(source), source, "@Dense(units = 10)",
        "[toenergy:dense-needs-flatten] fc: @Dense needs a flat input but gets 3x8x8; add a @Flatten member before "
            + "it (layer 1 of network NoFlatten)");
  }

  // ---- residual blocks -------------------------------------------------------------------------

  @Test
  @Covers(Diagnostics.RESIDUAL_NOT_BLOCK)
  void residualNotBlock() {
    JavaFileObject source = net("NotBlock",
        "@Network(input = {4, 8, 8})",
        "public class NotBlock {",
        "  @Residual Object block;",
        "}");
    assertError(Compilations.withTestProfiles().compile(source), source, "@Residual Object block",
        "[toenergy:residual-not-block] block: @Residual reads the layers of the member's type, but "
            + "java.lang.Object is not annotated @Residual.Block");
  }

  @Test
  @Covers(Diagnostics.RESIDUAL_CYCLE)
  void residualCycle() {
    JavaFileObject source = net("Loop",
        "@Network(input = {4, 8, 8})",
        "public class Loop {",
        "  @Residual Block block;",
        "  @Residual.Block static class Block {",
        "    @Conv2d(filters = 4, kernel = 3, padding = 1) Object conv;",
        "    @Residual Block again;",
        "  }",
        "}");
    assertError(Compilations.withTestProfiles().compile(source), source, "@Residual Block again",
        "[toenergy:residual-cycle] Block.again: residual block com.example.Loop.Block contains itself");
  }

  // ---- block parameters and repeats -------------------------------------------------------------

  /** A block of two convolutions whose width and stride are parameters. */
  private static final String[] SIZED_BLOCK = {
      "  @Residual.Block(params = {\"width\", \"stride = 1\"})",
      "  static class Sized {",
      "    @Conv2d(filters = 0, kernel = 3, padding = 1) @Bind({\"filters = width\", \"stride = stride\"}) Object conv;",
      "    @Conv2d(filters = 0, kernel = 1) @Bind(\"filters = width\") Object conv2;",
      "    @Conv2d(filters = 0, kernel = 1) @Bind({\"filters = width\", \"stride = stride\"}) @Shortcut Object down;",
      "  }"};

  private static JavaFileObject sized(String name, String use) {
    List<String> lines = new java.util.ArrayList<>(List.of("@Network(input = {4, 8, 8}, profiles = \"test-cpu\")",
        "public class " + name + " {", use));
    lines.addAll(List.of(SIZED_BLOCK));
    lines.add("}");
    return net(name, lines.toArray(String[]::new));
  }

  @Test
  @Covers(Diagnostics.BLOCK_PARAMETER)
  void blockParameterUnknownName() {
    JavaFileObject source = sized("Unknown", "  @Residual(with = {\"width = 8\", \"widht = 8\"}) Sized block;");
    assertError(Compilations.withTestProfiles().compile(source), source, "@Residual(with",
        "[toenergy:block-parameter] block: 'widht' is no parameter of Sized (its parameters: width, stride)");
  }

  @Test
  void blockParameterMissingValue() {
    JavaFileObject source = sized("Missing", "  @Residual(with = \"stride = 2\") Sized block;");
    assertError(Compilations.withTestProfiles().compile(source), source, "@Residual(with",
        "[toenergy:block-parameter] block: Sized needs a value for its parameter width: with = \"width = ...\"");
  }

  /** In a network class there are no parameters to name: a value must be a whole number. */
  @Test
  void blockParameterNotANumber() {
    JavaFileObject source = sized("Wordy", "  @Residual(with = \"width = eight\") Sized block;");
    assertError(Compilations.withTestProfiles().compile(source), source, "@Residual(with",
        "[toenergy:block-parameter] block: in 'width = eight', 'eight' is not a whole number (a network has no "
            + "parameters to name)");
    JavaFileObject syntax = sized("Syntax", "  @Residual(with = \"width = 8 +\") Sized block;");
    assertError(Compilations.withTestProfiles().compile(syntax), syntax, "@Residual(with",
        "[toenergy:block-parameter] block: in 'width = 8 +': a whole number or a name expected at the end");
  }

  @Test
  void blockParameterCycle() {
    JavaFileObject source = net("Cycle",
        "@Network(input = {4, 8, 8}, profiles = \"test-cpu\")",
        "public class Cycle {",
        "  @Residual Loop block;",
        "  @Residual.Block(params = {\"a = b + 1\", \"b = a * 2\"})",
        "  static class Loop {",
        "    @Conv2d(filters = 4, kernel = 1) Object conv;",
        "  }",
        "}");
    assertError(Compilations.withTestProfiles().compile(source), source, "@Residual.Block(params",
        "[toenergy:block-parameter] @Residual.Block Loop: the default of a depends on itself: a = b + 1, b = a * 2");
  }

  @Test
  void bindOfAnAttributeThatTakesNoNumber() {
    JavaFileObject source = net("BadBind",
        "@Network(input = {4, 8, 8}, profiles = \"test-cpu\")",
        "public class BadBind {",
        "  @Residual(with = \"width = 4\") Block block;",
        "  @Residual.Block(params = \"width\")",
        "  static class Block {",
        "    @Conv2d(filters = 0, kernel = 1) @Bind({\"filters = width\", \"bias = width\"}) Object conv;",
        "  }",
        "}");
    assertError(Compilations.withTestProfiles().compile(source), source, "@Bind(",
        "[toenergy:block-parameter] Block.conv: 'bias' is no whole-number attribute of @Conv2d (bindable: filters, "
            + "kernel, stride, padding, dilation, groups)");
  }

  /** width 0 gives filters 0: judged when this use builds the block, and named with its values. */
  @Test
  void boundValueThatBreaksARule() {
    JavaFileObject source = sized("Zero", "  @Residual(with = \"width = 0\") Sized block;");
    assertError(Compilations.withTestProfiles().compile(source), source, "Object conv;",
        "[toenergy:invalid-layer] Sized.conv with width = 0, stride = 1: filters must be positive, got 0");
  }

  @Test
  @Covers(Diagnostics.MISPLACED_MODIFIER)
  void bindOutsideABlockWithParameters() {
    JavaFileObject source = net("LooseBind",
        "@Network(input = {4, 8, 8}, profiles = \"test-cpu\")",
        "public class LooseBind {",
        "  @Conv2d(filters = 0, kernel = 1) @Bind(\"filters = width\") Object conv;",
        "}");
    assertError(Compilations.withTestProfiles().compile(source), source, "@Bind(",
        "[toenergy:misplaced-modifier] conv: @Bind is only read in a @Residual.Block type with params, and LooseBind "
            + "declares none");
  }

  @Test
  void repeatWithoutALayer() {
    JavaFileObject source = net("LooseRepeat",
        "@Network(input = {4, 8, 8}, profiles = \"test-cpu\")",
        "public class LooseRepeat {",
        "  @Conv2d(filters = 4, kernel = 1) Object conv;",
        "  @Repeat(2) Object twice;",
        "}");
    assertError(Compilations.withTestProfiles().compile(source), source, "@Repeat(2)",
        "[toenergy:misplaced-modifier] twice: @Repeat repeats the layers of its member, but the member has no layer "
            + "annotation");
  }

  @Test
  void repeatCountMustBePositive() {
    JavaFileObject source = net("NoRepeat",
        "@Network(input = {4, 8, 8}, profiles = \"test-cpu\")",
        "public class NoRepeat {",
        "  @Conv2d(filters = 4, kernel = 1) @Repeat(0) Object conv;",
        "}");
    assertError(Compilations.withTestProfiles().compile(source), source, "@Repeat(0)",
        "[toenergy:non-positive-size] conv: @Repeat value must be positive, got 0");
  }

  /** A repeat of 10,000 blocks of 10 layers each is refused before anything is built. */
  @Test
  void repeatBeyondTheLayerLimit() {
    JavaFileObject source = sized("Huge", "  @Residual(with = \"width = 4\") @Repeat(100000) Sized block;");
    assertError(Compilations.withTestProfiles().compile(source), source, "@Network(input",
        "[toenergy:notation-limit] network Huge is beyond the limits of the text notation: it has more than 100000 "
            + "layers (residual blocks and their layers counted), the limit");
  }

  @Test
  @Covers(Diagnostics.EMPTY_BLOCK)
  void emptyBlock() {
    JavaFileObject source = net("Hollow",
        "@Network(input = {4, 8, 8})",
        "public class Hollow {",
        "  @Residual Block block;",
        "  @Residual.Block",
        "  static class Block {",
        "    @Conv2d(filters = 4, kernel = 1) @Shortcut Object projection;",
        "  }",
        "}");
    assertError(Compilations.withTestProfiles().compile(source), source, "@Residual.Block",
        "[toenergy:empty-block] residual block com.example.Hollow.Block has no body layers (members with a layer "
            + "annotation and without @Shortcut)");
  }

  // ---- gates and concatenated branches ---------------------------------------------------------

  @Test
  @Covers(Diagnostics.GATE_NOT_BLOCK)
  void gateNotBlock() {
    JavaFileObject source = net("NotGate",
        "@Network(input = {4, 8, 8})",
        "public class NotGate {",
        "  @Gate Object se;",
        "}");
    assertError(Compilations.withTestProfiles().compile(source), source, "@Gate Object se",
        "[toenergy:gate-not-block] se: @Gate reads the layers of the member's type, but java.lang.Object is not "
            + "annotated @Gate.Block");
  }

  @Test
  @Covers(Diagnostics.CONCAT_NOT_BRANCH)
  void concatNotBranch() {
    // the second class literal names a type without @Concat.Branch: the error sits on that literal's line
    JavaFileObject source = net("Mixed",
        "@Network(input = {4, 8, 8})",
        "public class Mixed {",
        "  @Concat(branches = {Identity.class,",
        "      Plain.class}) Object mixed;",
        "  @Concat.Branch static class Identity {}",
        "  static class Plain {}",
        "}");
    assertError(Compilations.withTestProfiles().compile(source), source, "Plain.class})",
        "[toenergy:concat-not-branch] mixed: @Concat branch 2, com.example.Mixed.Plain, is not annotated "
            + "@Concat.Branch (an empty @Concat.Branch type is the identity)");
  }

  @Test
  @Covers(Diagnostics.BLOCK_CYCLE)
  void blockCycle() {
    JavaFileObject gate = net("Cycles",
        "@Network(input = {4, 8, 8})",
        "public class Cycles {",
        "  @Gate Loop se;",
        "  @Gate.Block static class Loop {",
        "    @Conv2d(filters = 4, kernel = 1) Object conv;",
        "    @Gate Loop again;",
        "  }",
        "}");
    assertError(Compilations.withTestProfiles().compile(gate), gate, "@Gate Loop again",
        "[toenergy:block-cycle] Loop.again: gate block com.example.Cycles.Loop contains itself");
    JavaFileObject concat = net("Branches",
        "@Network(input = {4, 8, 8})",
        "public class Branches {",
        "  @Concat(branches = {Inner.class, Inner.class}) Object join;",
        "  @Concat.Branch static class Inner {",
        "    @Concat(branches = {Inner.class, Other.class}) Object again;",
        "  }",
        "  @Concat.Branch static class Other {}",
        "}");
    assertError(Compilations.withTestProfiles().compile(concat), concat, "@Concat(branches = {Inner.class, Other",
        "[toenergy:block-cycle] Inner.again: concat branch com.example.Branches.Inner contains itself");
  }

  // ---- index -----------------------------------------------------------------------------------

  @Test
  @Covers(Diagnostics.INVALID_INDEX)
  void invalidIndex() {
    JavaFileObject source = net("Index",
        "@Network(input = 16)",
        "public class Index {",
        "  @Dense(units = 8, index = 0)",
        "  @Activation(value = RELU, index = 1) Object hidden;",
        "  @Dense(units = 2, index = -2) Object out;",
        "}");
    Compilation c = Compilations.withTestProfiles().compile(source);
    assertError(c, source, "@Activation(value = RELU, index = 1)",
        "[toenergy:invalid-index] hidden: @Activation beside @Dense runs right after that layer and takes no index "
            + "of its own; remove it");
    assertError(c, source, "index = -2",
        "[toenergy:invalid-index] out: @Dense index must be -1 (declaration order) or at least 0, got -2");
  }

  @Test
  @Covers(Diagnostics.INDEX_CONFLICT)
  void indexConflict() {
    JavaFileObject twice = net("Same",
        "@Network(input = 16)",
        "public class Same {",
        "  @Dense(units = 8, index = 0) Object a;",
        "  @Dense(units = 4, index = 0) Object b;",
        "}");
    assertError(Compilations.withTestProfiles().compile(twice), twice, "@Dense(units = 4, index = 0)",
        "[toenergy:index-conflict] b: index 0 is also the index of a");

    JavaFileObject partial = net("Partial",
        "@Network(input = 16)",
        "public class Partial {",
        "  @Dense(units = 8, index = 1) Object a;",
        "  @Dense(units = 4) Object b;",
        "}");
    assertError(Compilations.withTestProfiles().compile(partial), partial, "@Dense(units = 4)",
        "[toenergy:index-conflict] b: has no index but a has one; set index on every layer member of Partial or on "
            + "none");
  }

  // ---- budgets ---------------------------------------------------------------------------------

  @Test
  @Covers(Diagnostics.BUDGET_INVALID)
  void budgetInvalid() {
    JavaFileObject source = net("Budgets",
        "@Network(input = 784, profiles = \"test-cpu\")",
        "@EnergyBudget(joules = 0, profile = \"test-cpu\")",
        "@EnergyBudget(joules = 1, profile = \"test-cpu\",",
        "    batch = 0)",
        "@EnergyBudget(joules = 1, profile = \"test-cpu\", phase = Phase.TRAINING,",
        "    batches = -5)",
        "public class Budgets {",
        "  @Dense(units = 10) Object out;",
        "}");
    Compilation c = Compilations.withTestProfiles().compile(source);
    assertError(c, source, "joules = 0,",
        "[toenergy:budget-invalid] @EnergyBudget of network Budgets: joules must be positive and finite, got 0.0");
    assertError(c, source, "batch = 0)",
        "[toenergy:budget-invalid] @EnergyBudget of network Budgets: batch must be positive, got 0");
    assertError(c, source, "batches = -5)",
        "[toenergy:budget-invalid] @EnergyBudget of network Budgets: batches must not be negative (0 budgets one "
            + "step), got -5");

    JavaFileObject orphan = net("Orphan",
        "@EnergyBudget(joules = 1, profile = \"test-cpu\")",
        "public class Orphan {",
        "}");
    assertError(Compilations.withTestProfiles().compile(orphan), orphan, "@EnergyBudget(joules = 1",
        "[toenergy:budget-invalid] @EnergyBudget of Orphan: it needs @Network on the same class, and Orphan has none");
  }

  @Test
  @Covers(Diagnostics.BUDGET_EXCEEDED)
  void budgetExceeded() {
    // test-cpu charges 1e-6 J per MAC. MACs: 784x128 + 128x64 + 64x10 = 100,352 + 8,192 + 640 = 109,184,
    // so 0.109184 J against 0.1 J: 9.184% over. Layers: 0.100352 J (91.9%), 0.008192 J (7.5%), 0.00064 J (0.6%).
    JavaFileObject source = net("Greedy",
        "@Network(input = 784, profiles = \"test-cpu\")",
        "@EnergyBudget(joules = 0.1, profile = \"test-cpu\")",
        "public class Greedy {",
        "  @Dense(units = 128) @Activation(RELU) Object hidden1;",
        "  @Dense(units = 64) @Activation(RELU) Object hidden2;",
        "  @Dense(units = 10) Object out;",
        "}");
    assertError(Compilations.withTestProfiles().compile(source), source, "@EnergyBudget(joules = 0.1",
        "[toenergy:budget-exceeded] network Greedy needs 0.1092 J per inference of batch 1 on test-cpu, over its "
            + "budget of 0.1000 J by 9.2%; the layers that cost most: dense_1 0.1004 J (91.9%), dense_2 0.008192 J "
            + "(7.5%), dense_3 0.0006400 J (0.6%)");
  }

  @Test
  @Covers(Diagnostics.COUNT_OVERFLOW)
  void countOverflow() {
    // (2^31 - 1)^2 = 4.6e18 MACs fit a long once, but a training step (forward plus the two backward
    // products) counts three times that, and every network is counted for both phases
    JavaFileObject source = net("Huge",
        "@Network(input = 2147483647, profiles = \"test-cpu\")",
        "public class Huge {",
        "  @Dense(units = 2147483647) Object fc;",
        "}");
    assertError(Compilations.withTestProfiles().compile(source), source, "@Network(input = 2147483647",
        "[toenergy:count-overflow] network Huge, layer 1 (dense(2147483647)): count exceeds 2^63-1 "
            + "(9.2e18); use a smaller batch or split the workload");
  }

  @Test
  @Covers(Diagnostics.NOTATION_LIMIT)
  void notationLimit() {
    // block B0 is nested 1 deep, B(i) i + 1 deep: 70 block types nest 70 residual blocks, past the
    // notation's limit of 64 (NotationLimits.MAX_NESTING), which the generated class could not parse back
    JavaFileObject source = net("Deep", ScaleTest.nestedBlocks("Deep", 70));
    assertError(Compilations.withTestProfiles().compile(source), source, "@Network(input = {4, 8, 8}",
        "[toenergy:notation-limit] network Deep is beyond the limits of the text notation: it nests residual "
            + "blocks more than 64 deep, the limit");

    // D0 holds D1 twice, ..., D19 holds D20 twice, D20 is a batch norm: 20 nested blocks (within the
    // limit) but 2^20 batch norms, more than 100,000 layers. Refused before any is built, or javac
    // would build millions of nodes.
    List<String> lines = new java.util.ArrayList<>(List.of("@Network(input = {4, 8, 8})", "public class Wide {",
        "  @Residual D0 block;"));
    for (int i = 0; i < 20; i++) {
      lines.add("  @Residual.Block static class D" + i + " { @Residual D" + (i + 1) + " a; @Residual D" + (i + 1)
          + " b; }");
    }
    lines.add("  @Residual.Block static class D20 { @BatchNorm Object bn; }");
    lines.add("}");
    JavaFileObject wide = net("Wide", lines.toArray(String[]::new));
    assertError(Compilations.withTestProfiles().compile(wide), wide, "@Network(input = {4, 8, 8}",
        "[toenergy:notation-limit] network Wide is beyond the limits of the text notation: it has more than 100000 "
            + "layers (residual blocks and their layers counted), the limit");
  }

  // ---- writing and failures --------------------------------------------------------------------

  /** The example: a top-level {@code Outer_Foo} and a nested {@code Outer.Foo} both give {@code Outer_FooEnergy}. */
  @Test
  @Covers(Diagnostics.NAME_CLASH)
  void nameClash() {
    JavaFileObject underscore = net("Outer_Foo",
        "@Network(input = 4, profiles = \"test-cpu\")",
        "public class Outer_Foo {",
        "  @Dense(units = 2) Object fc;",
        "}");
    JavaFileObject nested = net("Outer",
        "public class Outer {",
        "  @Network(input = 4, profiles = \"test-cpu\")",
        "  public static class Foo {",
        "    @Dense(units = 2) Object fc;",
        "  }",
        "}");
    Compilation c = Compilations.withTestProfiles().compile(underscore, nested);
    // javac hands the root elements over in the order of the files
    assertError(c, nested, "  @Network(input = 4",
        "[toenergy:name-clash] com.example.Outer.Foo: its estimator would be com.example.Outer_FooEnergy, the name "
            + "of the estimator of com.example.Outer_Foo; rename one of the two");
    assertEquals(1, c.errors().size(), c.errors().toString());
  }

  @Test
  @Covers(Diagnostics.WRITE_FAILED)
  void writeFailed() {
    JavaFileObject network = net("Mlp",
        "@Network(input = 784, profiles = \"test-cpu\")",
        "public class Mlp {",
        "  @Dense(units = 10) Object out;",
        "}");
    JavaFileObject handWritten = net("MlpEnergy",
        "public class MlpEnergy {",
        "}");
    Compilation c = Compilations.withTestProfiles().compile(network, handWritten);
    assertError(c, network, "@Network(input = 784",
        "[toenergy:write-failed] cannot write com.example.MlpEnergy for network Mlp: ");
  }

  @Test
  @Covers(Diagnostics.INTERNAL_ERROR)
  void internalErrorIsOneDiagnosticWithoutStackTrace() {
    ToEnergyProcessor failing = new ToEnergyProcessor((loader, folders) -> {
      throw new IllegalStateException("simulated bug\n\tat somewhere(Somewhere.java:1)");
    });
    JavaFileObject source = net("Victim",
        "@Network(input = 784)",
        "public class Victim {",
        "  @Dense(units = 10) Object out;",
        "}");
    Compilation c = com.google.testing.compile.Compiler.javac().withProcessors(failing).compile(source);
    assertError(c, source, "public class Victim",
        "[toenergy:internal-error] toenergy failed on network com.example.Victim (IllegalStateException: simulated "
            + "bug); this is a bug in toenergy, please report it with this message");
    List<Diagnostic<? extends JavaFileObject>> errors = c.errors();
    assertEquals(1, errors.size(), "exactly one error");
    assertEquals(false, errors.get(0).getMessage(null).contains("\tat "), "no stack trace");
  }
}
