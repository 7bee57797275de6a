package io.github.toenergy.processor.codegen;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import io.github.toenergy.cost.CountTable;
import io.github.toenergy.processor.model.NetworkModel;
import io.github.toenergy.processor.model.NetworkModel.ProfileEstimate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import org.jspecify.annotations.Nullable;

/**
 * Writes {@code FooEnergy} from a {@link NetworkModel} (and nothing else): the class Javadoc with
 * the layer table, the notation and the totals of one inference of batch 1, the count table of both
 * phases ({@link CountTable}, computed here at compile time), and one line per profile: a
 * {@code ProfileEstimates} that applies the profile found at run time to that table.
 */
public final class EnergySourceWriter {
  static final ClassName NETWORK = ClassName.get("io.github.toenergy.model", "Network");
  static final ClassName FORMAT = ClassName.get("io.github.toenergy.model", "Format");
  static final ClassName COUNT_TABLE = ClassName.get(CountTable.class);
  static final ClassName PROFILE_ESTIMATES = ClassName.get("io.github.toenergy.profile", "ProfileEstimates");
  /** Longest UTF-8 string constant a class file can hold. */
  static final int MAX_CONSTANT_BYTES = 65_535;
  /** Piece size of a text too long for one constant, joined at class initialisation. */
  static final int LONG_TEXT_CHUNK = 8_192;
  /** Width of the text in each line of a string constant's pieces (the lines stay within 100 columns). */
  static final int PIECE_WIDTH = 86;

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
        .addJavadoc("$L", ClassJavadoc.of(model));
    for (TypeElement origin : model.origins()) {
      type.addOriginatingElement(origin);
    }
    if (generatedAnnotation != null) {
      type.addAnnotation(AnnotationSpec.builder(generatedAnnotation).addMember("value", "$S", processorName).build());
    }
    String workload = "one inference of batch " + NetworkModel.BATCH;
    List<String> notation = Text.wrap(model.notation(), PIECE_WIDTH);
    CodeBlock notationText = text(notation, " ");
    type.addField(FieldSpec.builder(String.class, "NOTATION", CONSTANT)
        .addJavadoc("The network in toenergy's text notation.\n")
        .initializer(notation.size() > 1 ? CodeBlock.of("$>$>\n$L$<$<", notationText) : notationText)
        .build());
    type.addField(constant("TOTAL_MACS", model.totalMacs(), "Multiply-accumulates of " + workload + "."));
    type.addField(constant("TOTAL_TOS", model.totalTos(), "Transistor operations of " + workload
        + " in the default {@code cmos} model."));
    type.addField(constant("TOTAL_TOS_TOML_45NM", model.totalTosToml45nm(), "Transistor operations of " + workload
        + " in the {@code toml-45nm} model."));
    type.addField(constant("TOTAL_BYTES", model.totalBytes(), "Bytes of weights and activations moved by "
        + workload + "."));
    type.addField(constant("PARAMETERS", model.parameters(), "Trained parameters."));
    if (model.activeParameters() != model.parameters()) { // only with a mixture of experts
      type.addField(constant("ACTIVE_PARAMETERS", model.activeParameters(),
          "Parameters one token uses: the routers, the experts it is routed to and the shared experts."));
    }
    type.addField(counts(model));
    Set<String> taken = new HashSet<>(Set.of(model.generatedName(), "Network", "Format", "CountTable",
        "ProfileEstimates", "Generated", "String", "Object"));
    for (ProfileEstimate profile : model.profiles()) {
      String name = Names.profileClass(profile.id(), taken);
      taken.add(name);
      type.addField(FieldSpec.builder(PROFILE_ESTIMATES, name, CONSTANT)
          .addJavadoc("Estimates of this network on profile {@code $L}.\n", profile.id())
          .initializer("$T.of($S, COUNTS)", PROFILE_ESTIMATES, profile.id())
          .build());
    }
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    type.addMethod(MethodSpec.methodBuilder("network")
        .addJavadoc("The network, parsed from {@link #NOTATION} on each call (the estimates do not need it).\n")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(NETWORK)
        .addStatement("return $T.parse($S, NOTATION)", NETWORK, model.network().name())
        .build());
    return JavaFile.builder(model.packageName(), type.build())
        .skipJavaLangImports(true)
        .indent("  ")
        .build();
  }

  /**
   * {@code COUNTS}: the count table in its compact form, one distinct row a line, read back by
   * {@link CountTable} when the class is initialised.
   */
  private static FieldSpec counts(NetworkModel model) {
    CountTableText compact = CountTableText.of(model.counts(), model.notation());
    List<String> rowLines = new ArrayList<>();
    for (String row : compact.rows()) {
      rowLines.addAll(Text.wrap(row, PIECE_WIDTH)); // nearly always one line
    }
    CodeBlock initializer = CodeBlock.builder()
        .add("$T.of($S, $T.$L, NOTATION,$>$>", COUNT_TABLE, model.network().name(), FORMAT,
            model.network().format().name())
        .add("\n$L,", text(Text.wrap(String.join(" ", compact.ops()), PIECE_WIDTH), " "))
        .add("\n$L,", text(rowLines, " "))
        .add("\n$L)$<$<", text(Text.wrap(String.join(" ", compact.layers()), PIECE_WIDTH), " "))
        .build();
    return FieldSpec.builder(COUNT_TABLE, "COUNTS", CONSTANT)
        .addJavadoc("Every layer's exact counts in both phases, compiled here; {@link $T} reads them.\n",
            COUNT_TABLE)
        .initializer(initializer)
        .build();
  }

  /**
   * A string expression of {@code lines} joined by {@code separator}: a constant written a line a
   * piece (javac folds them back into one string), or, past what one class-file constant holds,
   * pieces joined when the class is initialised.
   */
  private static CodeBlock text(List<String> lines, String separator) {
    String whole = String.join(separator, lines);
    if (constantBytes(whole) <= MAX_CONSTANT_BYTES) {
      CodeBlock.Builder pieces = CodeBlock.builder();
      for (int i = 0; i < lines.size(); i++) {
        boolean last = i == lines.size() - 1;
        pieces.add(i == 0 ? "$S" : "\n+ $S", last ? lines.get(i) : lines.get(i) + separator);
      }
      return lines.isEmpty() ? CodeBlock.of("$S", "") : pieces.build();
    }
    CodeBlock.Builder join = CodeBlock.builder().add("$T.join($S", String.class, "");
    int start = 0;
    while (start < whole.length()) {
      // at most 3 bytes a char, so a piece stays far below a constant's limit
      int end = Math.min(whole.length(), start + LONG_TEXT_CHUNK);
      if (end < whole.length() && Character.isHighSurrogate(whole.charAt(end - 1))) {
        end--; // a surrogate pair stays in one piece
      }
      join.add(",\n$S", whole.substring(start, end));
      start = end;
    }
    return join.add(")").build();
  }

  /** The bytes of {@code text} as a class-file constant (modified UTF-8: NUL and each surrogate apart). */
  static int constantBytes(String text) {
    int bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      bytes += c != 0 && c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }
    return bytes;
  }

  private static FieldSpec constant(String name, long value, String javadoc) {
    return FieldSpec.builder(long.class, name, CONSTANT)
        .initializer("$L", Text.longLiteral(value))
        .addJavadoc("$L\n", javadoc)
        .build();
  }

  /**
   * The text of {@code file} as written: without the space JavaPoet leaves at the end of a line
   * before a wrapped initializer, a member's one-line Javadoc on one line ({@code /** ... *}{@code /}),
   * and the totals, and the profiles' entries, each on adjacent lines.
   */
  public static String text(JavaFile file) {
    String[] lines = file.toString().split("\n", -1);
    List<String> out = new ArrayList<>(lines.length);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].stripTrailing();
      if (line.equals(MEMBER_JAVADOC) && i + 2 < lines.length && lines[i + 2].equals(MEMBER_JAVADOC_END)
          && lines[i + 1].startsWith(MEMBER_JAVADOC_LINE)) {
        String single = MEMBER_JAVADOC + " " + lines[i + 1].substring(MEMBER_JAVADOC_LINE.length()).stripTrailing()
            + " */";
        if (single.length() <= 100) {
          line = single;
          i += 2;
        }
      }
      if (line.startsWith(MEMBER_JAVADOC + " ") && i + 1 < lines.length && out.size() > 1
          && out.get(out.size() - 1).isEmpty() && adjacent(out.get(out.size() - 2), lines[i + 1])) {
        out.remove(out.size() - 1);
      }
      out.add(line);
    }
    return String.join("\n", out);
  }

  /** Whether two members are read as one list: the totals, or the profiles' entries. */
  private static boolean adjacent(String previous, String next) {
    return previous.startsWith(LONG_CONSTANT) && next.startsWith(LONG_CONSTANT)
        || previous.startsWith(PROFILE_ENTRY) && next.startsWith(PROFILE_ENTRY);
  }

  private static final String MEMBER_JAVADOC = "  /**";
  private static final String MEMBER_JAVADOC_LINE = "   * ";
  private static final String MEMBER_JAVADOC_END = "   */";
  private static final String LONG_CONSTANT = "  public static final long ";
  private static final String PROFILE_ENTRY = "  public static final ProfileEstimates ";
}
