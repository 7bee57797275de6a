package io.github.toenergy.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.toenergy.annotations.ActivationFunction;
import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.LayerCost;
import io.github.toenergy.cost.NetworkCost;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every layer kind is complete: it has a record, a cost, a shape rule, a notation spelling that
 * round-trips, an annotation, a builder DSL method and its rows in the docs. The compiler already
 * refuses a kind missing from a {@code switch} over {@link LayerKind}; this test catches what it
 * cannot (a keyword, an annotation or a DSL method not wired, a doc row not written). See
 * CONTRIBUTING.md for the recipe.
 */
class LayerKindRegistryTest {
  /** The project root: the folder above runtime/core holding docs/. */
  private static final Path ROOT = root();

  private static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("docs/notation.md"))) {
      dir = dir.getParent();
    }
    return dir;
  }

  /** A valid layer of {@code kind}, with the input it takes (no default: a new kind needs one here). */
  private static Layer sample(LayerKind kind) {
    return switch (kind) {
      case DENSE -> new Layer.Dense(10, true);
      case CONV2D -> new Layer.Conv2d(8, 3, 1, 1, 1, 2, false);
      case CONV_TRANSPOSE2D -> new Layer.ConvTranspose2d(6, new Size2d(3, 2), Size2d.square(2), new Size2d(1, 0),
          Size2d.square(1), 1, 2, true);
      case MAX_POOL2D -> new Layer.MaxPool2d(3, 2, 1);
      case AVG_POOL2D -> new Layer.AvgPool2d(2, 2, 0);
      case ADAPTIVE_AVG_POOL2D -> new Layer.AdaptiveAvgPool2d(3);
      case UPSAMPLE -> new Layer.Upsample(2, io.github.toenergy.annotations.UpsampleMode.BILINEAR);
      case BATCH_NORM -> new Layer.BatchNorm();
      case FLATTEN -> new Layer.Flatten();
      case DROPOUT -> new Layer.Dropout(0.25);
      case RESIDUAL -> new Layer.Residual(List.of(new Layer.BatchNorm()), List.of());
      case REPEAT -> new Layer.Repeat(2, List.of(new Layer.BatchNorm()));
      case ACTIVATION -> new Layer.Activation(ActivationFunction.GELU);
      case CONV1D -> new Layer.Conv1d(8, 4, 1, 0, 1, 4, true, true);
      case EMBEDDING -> new Layer.Embedding(100, 16);
      case UNEMBED -> new Layer.Unembed(100);
      case POSITION_EMBEDDING -> new Layer.PositionEmbedding(12);
      case TOKENS -> new Layer.Tokens();
      case COLUMNS -> new Layer.Columns();
      case PIXEL_UNSHUFFLE -> new Layer.PixelUnshuffle(2);
      case CLASS_TOKEN -> new Layer.ClassToken();
      case SELECT_TOKEN -> new Layer.SelectToken(-1);
      case LAYER_NORM -> new Layer.LayerNorm(false);
      case RMS_NORM -> new Layer.RmsNorm();
      case ATTENTION -> new Layer.Attention(4, 2, 0, true, false, true, 0, 0, false, 4, 0, true, true, 0, true, 0, false);
      case LATENT_ATTENTION -> new Layer.LatentAttention(2, 8, 4, 4, 2, 4, true);
      case GLU -> new Layer.Glu(24, ActivationFunction.GELU, true);
      case LSTM -> new Layer.Lstm(6, 2, true, false);
      case GRU -> new Layer.Gru(5, 1, false, true);
      case MIXTURE_OF_EXPERTS -> new Layer.MixtureOfExperts(4, 2, 6, 1, ActivationFunction.GELU, false, true);
      case MAMBA2 -> new Layer.Mamba2(8, 0, 4, 3, 2, 3, 5, true, false);
      case CONCAT -> new Layer.Concat(List.of(List.of(), List.of(Layer.Conv2d.of(4, 1))));
      case CHUNK -> new Layer.Chunk(2, 1);
      case CHANNEL_SHUFFLE -> new Layer.ChannelShuffle(2);
      case GATE -> new Layer.Gate(List.of(new Layer.AdaptiveAvgPool2d(1), Layer.Conv2d.of(4, 1),
          new Layer.Activation(ActivationFunction.SIGMOID)));
      case LAYER_SCALE -> new Layer.LayerScale();
    };
  }

  private static Shape inputOf(LayerKind kind) {
    return switch (kind) {
      case DENSE, EMBEDDING -> Shape.flat(32);
      case CONV1D, UNEMBED, POSITION_EMBEDDING, CLASS_TOKEN, SELECT_TOKEN, ATTENTION, LATENT_ATTENTION, GLU, RMS_NORM ->
          Shape.sequence(10, 16);
      case LSTM, GRU, MIXTURE_OF_EXPERTS, MAMBA2 -> Shape.sequence(7, 8);
      case CONV2D, MAX_POOL2D, AVG_POOL2D, ADAPTIVE_AVG_POOL2D, BATCH_NORM, FLATTEN, DROPOUT, RESIDUAL, ACTIVATION,
          TOKENS, COLUMNS, PIXEL_UNSHUFFLE, LAYER_NORM, CONV_TRANSPOSE2D, UPSAMPLE, CONCAT, CHUNK, CHANNEL_SHUFFLE, GATE,
          LAYER_SCALE, REPEAT -> Shape.of(4, 8, 8);
    };
  }

  @Test
  void everyRecordIsOneKindAndEveryKindOneRecord() {
    Set<LayerKind> seen = EnumSet.noneOf(LayerKind.class);
    for (Class<?> record : Layer.class.getPermittedSubclasses()) {
      LayerKind kind = null;
      for (LayerKind k : LayerKind.values()) {
        if (sample(k).getClass() == record) {
          kind = k;
        }
      }
      assertNotNull(kind, record + " has no LayerKind whose sample it is");
      assertTrue(seen.add(kind), "two records of kind " + kind);
      assertEquals(kind, sample(kind).kind(), record + ".kind()");
      // the record and its annotation share their simple name: Layer.Conv2d and @Conv2d
      assertEquals(record.getSimpleName(), kind.annotation().getSimpleName());
    }
    assertEquals(EnumSet.allOf(LayerKind.class), seen);
  }

  @Test
  void everyKindHasAShapeRuleAndACost() {
    for (LayerKind kind : LayerKind.values()) {
      Layer layer = sample(kind);
      Network network = new Network("n", inputOf(kind), Format.FP32, List.of(layer));
      assertNotNull(layer.outputShape(inputOf(kind)), kind.name());
      for (Phase phase : new Phase[] {Phase.INFERENCE, Phase.TRAINING}) {
        List<LayerCost> rows = NetworkCost.of(network, phase).layers();
        if (kind == LayerKind.REPEAT) { // no row of its own: its layer's rows, once per repetition
          assertEquals(List.of(LayerKind.BATCH_NORM, LayerKind.BATCH_NORM), rows.stream().map(LayerCost::kind).toList());
          continue;
        }
        // the layer's own row carries its kind (a residual block's: the sum closing it, last)
        assertEquals(kind, rows.get(rows.size() - 1).kind(), kind + " " + phase);
      }
    }
  }

  @Test
  void everyKindIsSpelledInTheNotationAndRoundTrips() {
    for (LayerKind kind : LayerKind.values()) {
      Layer layer = sample(kind);
      Network network = new Network("network", inputOf(kind), Format.FP32, List.of(layer));
      assertEquals(network, Network.parse(network.toNotation()), kind.name());
      assertTrue(kind.keywords().contains(layer.keyword()), kind + " writes " + layer.keyword());
      assertTrue(layer.toNotation().startsWith(layer.keyword()), layer.toNotation());
      assertTrue(!kind.keywords().isEmpty(), kind.name());
      for (String keyword : kind.keywords()) {
        assertEquals(kind, LayerKind.byKeyword(keyword), keyword);
      }
    }
    // every activation function is spelled, the alias too
    for (ActivationFunction f : ActivationFunction.values()) {
      Layer parsed = Network.parse("input(4) " + Layer.Activation.notationName(f)).layers().get(0);
      assertEquals(new Layer.Activation(f), parsed);
    }
    assertEquals(new Layer.Activation(ActivationFunction.SILU), Network.parse("input(4) swish").layers().get(0));
  }

  @Test
  void everyKindHasAnAnnotationAndEveryLayerAnnotationAKind() throws IOException {
    for (LayerKind kind : LayerKind.values()) {
      assertEquals("io.github.toenergy.annotations", kind.annotation().getPackageName(), kind.name());
      assertEquals(kind, LayerKind.byAnnotation(kind.annotation().getCanonicalName()));
    }
    // a layer annotation is one with an index attribute (position in the network): each has a kind
    Path sources = ROOT.resolve("annotations/src/main/java/io/github/toenergy/annotations");
    List<String> layerAnnotations = new ArrayList<>();
    try (Stream<Path> files = Files.list(sources)) {
      for (Path file : files.sorted().toList()) {
        String text = Files.readString(file);
        if (text.contains("@interface") && text.contains("int index()")) {
          String name = file.getFileName().toString().replace(".java", "");
          layerAnnotations.add(name);
          assertNotNull(LayerKind.byAnnotation("io.github.toenergy.annotations." + name),
              "@" + name + " has no LayerKind: the processor would not read it");
        }
      }
    }
    // every kind but REPEAT, whose @Repeat modifies a member and has no position of its own
    assertEquals(LayerKind.values().length - 1, layerAnnotations.size(), "layer annotations " + layerAnnotations);
  }

  @Test
  void everyKindHasABuilderDslMethod() {
    for (LayerKind kind : LayerKind.values()) {
      boolean found = false;
      for (Method m : LayerSequence.class.getMethods()) {
        found |= m.getName().equals(kind.dslMethod()) && Modifier.isPublic(m.getModifiers())
            && m.getDeclaringClass() == LayerSequence.class;
      }
      assertTrue(found, "LayerSequence has no public " + kind.dslMethod() + "(...) for " + kind);
    }
  }

  @Test
  void everyKindIsDocumented() throws IOException {
    String method = Files.readString(ROOT.resolve("docs/method.md"));
    String notation = Files.readString(ROOT.resolve("docs/notation.md"));
    String annotations = Files.readString(ROOT.resolve("docs/annotations.md"));
    for (LayerKind kind : LayerKind.values()) {
      String annotation = kind.annotation().getSimpleName();
      // a row of the table "Layers into ALU tasks", named after the annotation
      assertTrue(method.contains("\n| " + annotation), "docs/method.md has no cost row '| " + annotation + "'");
      for (String keyword : kind.keywords()) {
        assertTrue(notation.contains("`" + keyword), "docs/notation.md does not spell `" + keyword + "`");
      }
      assertTrue(annotations.lines().anyMatch(l -> l.startsWith("#") && l.contains("`@" + annotation + "`")),
          "docs/annotations.md has no section heading naming `@" + annotation + "`");
    }
  }
}
