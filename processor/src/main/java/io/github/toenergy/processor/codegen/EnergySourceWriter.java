package io.github.toenergy.processor.codegen;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.github.toenergy.processor.model.NetworkModel;
import io.github.toenergy.processor.model.NetworkModel.LayerRow;
import io.github.toenergy.processor.model.NetworkModel.ProfileEstimate;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/**
 * Writes {@code FooEnergy} from a {@link NetworkModel} (and nothing else): the class Javadoc with
 * the layer table, the total and per-layer constants of one inference of batch 1, the network
 * parsed once from its notation, and one nested estimator class per profile whose estimator is
 * built once, on first use, from the profile found at run time.
 */
public final class EnergySourceWriter {
  static final ClassName NETWORK = ClassName.get("io.github.toenergy.model", "Network");
  static final ClassName ESTIMATE = ClassName.get("io.github.toenergy.energy", "Estimate");
  static final ClassName ESTIMATOR = ClassName.get("io.github.toenergy.energy", "Estimator");
  static final ClassName WORKLOAD = ClassName.get("io.github.toenergy.energy", "Workload");
  static final ClassName PROFILES = ClassName.get("io.github.toenergy.profile", "Profiles");
  /** Longest UTF-8 string constant a class file can hold. */
  static final int MAX_CONSTANT_BYTES = 65_535;
  /** Chunk size when the notation is too long for one constant. */
  static final int NOTATION_CHUNK = 8_192;

  /** Width of each line of the {@code NOTATION} constant's string pieces. */
  static final int NOTATION_LINE = 72;

  private static final Modifier[] CONSTANT = {Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL};

  private final String processorName;
  private final @Nullable ClassName generatedAnnotation;

  /**
   * @param processorName the value of {@code @Generated}
   * @param generatedAnnotation {@code javax.annotation.processing.Generated}, or null when the
   *     compiled code's platform lacks it (then no annotation is written)
   */
  public EnergySourceWriter(String processorName, @Nullable ClassName generatedAnnotation) {
    this.processorName = processorName;
    this.generatedAnnotation = generatedAnnotation;
  }

  public JavaFile write(NetworkModel model) {
    TypeSpec.Builder type = TypeSpec.classBuilder(model.generatedName())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addOriginatingElement(model.origin())
        .addJavadoc("$L", ClassJavadoc.of(model));
    if (!model.profiles().isEmpty()) {
      type.addJavadoc("\n<p>Each nested profile class looks its profile up with {@link $T#get(String)} on first\n"
          + "use, so it must be on the class path at run time (the runtime jar ships its profiles; one\n"
          + "given to the compiler with {@code -Atoenergy.profilePath} needs its own jar).\n", PROFILES);
    }
    if (generatedAnnotation != null) {
      type.addAnnotation(AnnotationSpec.builder(generatedAnnotation).addMember("value", "$S", processorName).build());
    }
    String workload = "one inference of batch " + NetworkModel.BATCH;
    type.addField(notation(model.network().toNotation()));
    type.addField(constant("TOTAL_MACS", model.totalMacs(), "Multiply-accumulates of " + workload + ".\n"));
    type.addField(constant("TOTAL_TOS", model.totalTos(), "Transistor operations of " + workload
        + " in the default static-CMOS\narithmetic model ({@code cmos}).\n"));
    type.addField(constant("TOTAL_TOS_TOML_45NM", model.totalTosToml45nm(), "Transistor operations of " + workload
        + " in the energy-weighted\n{@code toml-45nm} arithmetic model (1 TO is about 1 fJ).\n"));
    type.addField(constant("TOTAL_BYTES", model.totalBytes(), "Bytes of weights and activations moved by "
        + workload + ".\n"));
    type.addField(constant("PARAMETERS", model.parameters(), "Trained parameters.\n"));
    // per layer: no Javadoc each (the class Javadoc's table documents the rows, in this order)
    for (LayerRow layer : model.inferenceRows()) {
      type.addField(constant(Names.layerConstant(layer.name(), "MACS"), layer.macs(), null));
      type.addField(constant(Names.layerConstant(layer.name(), "TOS"), layer.tos(), null));
    }
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    // initialised on first use of the class: its constants are compile-time constants, which
    // javac inlines, so only network() and the estimators (which call it) parse the notation
    type.addField(FieldSpec.builder(NETWORK, "NETWORK", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("$T.parse($S, NOTATION)", NETWORK, model.network().name())
        .build());
    type.addMethod(MethodSpec.methodBuilder("network")
        .addJavadoc("The network, parsed once from {@link #NOTATION}.\n")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(NETWORK)
        .addStatement("return NETWORK")
        .build());
    Set<String> taken = new HashSet<>(Set.of(model.generatedName(), "Network", "Estimate",
        "Estimator", "Workload", "Profiles", "Generated", "String", "Object"));
    for (ProfileEstimate profile : model.profiles()) {
      String name = Names.profileClass(profile.id(), taken);
      taken.add(name);
      type.addType(profileClass(name, profile, model));
    }
    return JavaFile.builder(model.packageName(), type.build())
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
  }

  /**
   * The text of {@code file} as written: without the space JavaPoet leaves at the end of a line
   * before a wrapped initializer, and with the two constants of each layer on adjacent lines
   * ({@code CONV2D_1_MACS} then {@code CONV2D_1_TOS}), the layers separated by blank lines.
   */
  public static String text(JavaFile file) {
    String[] lines = file.toString().split("\n", -1);
    StringBuilder s = new StringBuilder();
    String previous = "";
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].stripTrailing();
      if (line.isEmpty() && i + 1 < lines.length && pairs(previous, lines[i + 1])) {
        continue;
      }
      s.append(line);
      if (i + 1 < lines.length) {
        s.append('\n');
      }
      previous = line;
    }
    return s.toString();
  }

  private static final String LONG_CONSTANT = "  public static final long ";

  /** Whether two lines are the MACs and TOs constants of one layer. */
  private static boolean pairs(String macs, String tos) {
    if (!macs.startsWith(LONG_CONSTANT) || !tos.startsWith(LONG_CONSTANT)) {
      return false;
    }
    int end = macs.indexOf("_MACS = ");
    return end > LONG_CONSTANT.length() && !macs.startsWith(LONG_CONSTANT + "TOTAL_")
        && tos.startsWith(macs.substring(0, end) + "_TOS = ");
  }

  private static FieldSpec notation(String notation) {
    FieldSpec.Builder field = FieldSpec.builder(String.class, "NOTATION", CONSTANT)
        .addJavadoc("The network in toenergy's text notation.\n");
    if (notation.getBytes(StandardCharsets.UTF_8).length < MAX_CONSTANT_BYTES) {
      // one constant, written as pieces of a line each (javac folds them back into one string)
      List<String> lines = Text.wrap(notation, NOTATION_LINE);
      if (lines.size() == 1) {
        return field.initializer("$S", notation).build();
      }
      CodeBlock.Builder pieces = CodeBlock.builder().add("$>$>");
      for (int i = 0; i < lines.size(); i++) {
        boolean last = i == lines.size() - 1;
        pieces.add(i == 0 ? "\n$S" : "\n+ $S", last ? lines.get(i) : lines.get(i) + " ");
      }
      pieces.add("$<$<");
      return field.initializer(pieces.build()).build();
    }
    // too long for one class-file constant: joined once at class initialisation
    CodeBlock.Builder join = CodeBlock.builder().add("$T.join($S", String.class, "");
    for (int i = 0; i < notation.length(); i += NOTATION_CHUNK) {
      join.add(",\n$S", notation.substring(i, Math.min(notation.length(), i + NOTATION_CHUNK)));
    }
    return field.initializer(join.add(")").build()).build();
  }

  private static FieldSpec constant(String name, long value, @Nullable String javadoc) {
    FieldSpec.Builder field = FieldSpec.builder(long.class, name, CONSTANT).initializer("$L", Text.longLiteral(value));
    if (javadoc != null) {
      field.addJavadoc("$L", javadoc);
    }
    return field.build();
  }

  /**
   * The nested class of one profile. Its estimator is a static field of the class itself: javac
   * inlines {@code PROFILE} (a compile-time constant), so the class is initialised, and the
   * profile looked up, on the first estimate.
   */
  private static TypeSpec profileClass(String name, ProfileEstimate profile, NetworkModel model) {
    String network = Text.html(model.network().name());
    return TypeSpec.classBuilder(name)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("$L", Text.paragraph("Estimates of network <code>" + network + "</code> on profile {@code "
            + profile.id() + "} (" + Text.html(profile.hardware()) + "). Coefficients: " + Text.html(profile.source())
            + (profile.calibrated() ? "" : " (uncalibrated placeholder, not fitted to measurements)") + ".",
            ClassJavadoc.NOTATION_WIDTH, ""))
        .addField(FieldSpec.builder(String.class, "PROFILE", CONSTANT)
            .addJavadoc("The profile's id.\n")
            .initializer("$S", profile.id())
            .build())
        .addField(FieldSpec.builder(ESTIMATOR, "ESTIMATOR", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer("$T.get(PROFILE).estimator(network())", PROFILES)
            .build())
        .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addMethod(estimateMethod("inference", "One forward pass of {@code batch} samples.\n",
            CodeBlock.of("$T.inference(batch)", WORKLOAD), false))
        .addMethod(estimateMethod("training", "One training step: forward pass, backward pass and update.\n",
            CodeBlock.of("$T.trainingStep(batch)", WORKLOAD), false))
        .addMethod(estimateMethod("trainingRun", "A training run of {@code batches} steps, with any per-run overhead.\n",
            CodeBlock.of("$T.trainingRun(batch, batches)", WORKLOAD), true))
        .addMethod(MethodSpec.methodBuilder("estimate")
            .addJavadoc("Any workload of this network on this profile.\n")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(ESTIMATE)
            .addParameter(WORKLOAD, "workload")
            .addStatement("return ESTIMATOR.estimate(workload)")
            .build())
        .build();
  }

  private static MethodSpec estimateMethod(String name, String javadoc, CodeBlock workload, boolean run) {
    MethodSpec.Builder method = MethodSpec.methodBuilder(name)
        .addJavadoc("$L", javadoc)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(ESTIMATE)
        .addParameter(int.class, "batch");
    if (run) {
      method.addParameter(long.class, "batches");
    }
    return method.addStatement("return estimate($L)", workload).build();
  }
}
