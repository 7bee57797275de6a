package io.github.toenergy.processor.ksp;

import com.google.devtools.ksp.processing.CodeGenerator;
import com.google.devtools.ksp.processing.Dependencies;
import com.google.devtools.ksp.processing.KSPLogger;
import com.google.devtools.ksp.processing.Resolver;
import com.google.devtools.ksp.processing.SymbolProcessor;
import com.google.devtools.ksp.symbol.FileLocation;
import com.google.devtools.ksp.symbol.KSAnnotated;
import com.google.devtools.ksp.symbol.KSAnnotation;
import com.google.devtools.ksp.symbol.KSClassDeclaration;
import com.google.devtools.ksp.symbol.KSDeclaration;
import com.google.devtools.ksp.symbol.KSFile;
import com.google.devtools.ksp.symbol.KSFunctionDeclaration;
import com.google.devtools.ksp.symbol.KSName;
import com.google.devtools.ksp.symbol.KSNode;
import com.google.devtools.ksp.symbol.KSPropertyDeclaration;
import com.google.devtools.ksp.symbol.KSType;
import com.google.devtools.ksp.symbol.KSTypeReference;
import com.google.devtools.ksp.symbol.KSValueArgument;
import com.palantir.javapoet.ClassName;
import io.github.toenergy.annotations.ActivationFunction;
import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.CountOverflowException;
import io.github.toenergy.model.Format;
import io.github.toenergy.model.InvalidLayerException;
import io.github.toenergy.model.InvalidNetworkException;
import io.github.toenergy.model.Layer;
import io.github.toenergy.model.LayerKind;
import io.github.toenergy.model.Network;
import io.github.toenergy.model.Shape;
import io.github.toenergy.model.ShapeException;
import io.github.toenergy.notation.NotationLimits;
import io.github.toenergy.processor.codegen.EnergySourceWriter;
import io.github.toenergy.processor.model.BlockParameters;
import io.github.toenergy.processor.model.BoundAttributes;
import io.github.toenergy.processor.model.LayerMapping;
import io.github.toenergy.processor.model.NetworkModel;
import io.github.toenergy.processor.validation.BudgetValidator;
import io.github.toenergy.processor.Options;
import io.github.toenergy.processor.validation.Diagnostics;
import io.github.toenergy.profile.Profile;
import io.github.toenergy.profile.ProfileException;
import io.github.toenergy.profile.Profiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The KSP front end of toenergy: reads each {@code @Network} class from KSP symbols, builds the
 * runtime {@link Network} with the processor's {@link LayerMapping} (the runtime's rules, applied
 * once), and writes the same {@code FooEnergy} source as the javac processor through its
 * {@link EnergySourceWriter}. Problems are the javac processor's {@link Diagnostics}, with their
 * ids, reported at the Kotlin symbol (the annotation, or the attribute value written).
 *
 * <p>Reads networks of layer members (properties or functions, with {@code @Activation} joining
 * {@code @Dense} or {@code @Conv2d}, and {@code index} ordering), and {@code @Residual} members
 * whose type is a {@code @Residual.Block} class (its {@code @Shortcut} members the projection
 * shortcut), {@code @Gate} members whose type is a {@code @Gate.Block} class and {@code @Concat}
 * members whose {@code branches} are {@code @Concat.Branch} classes, as the javac processor's
 * {@code ElementReader} and {@code NetworkAssembler} do.
 */
final class ToEnergySymbolProcessor implements SymbolProcessor {
  static final String NAME = ToEnergySymbolProcessor.class.getCanonicalName();
  private static final String PACKAGE = "io.github.toenergy.annotations.";
  private static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

  private final CodeGenerator codeGenerator;
  private final KSPLogger logger;
  private final boolean budgetWarn;
  private final List<java.nio.file.Path> profilePath;
  private @Nullable Profiles profiles;
  private boolean profilesFailed;
  private int errors;

  ToEnergySymbolProcessor(CodeGenerator codeGenerator, KSPLogger logger, boolean budgetWarn,
      List<java.nio.file.Path> profilePath) {
    this.codeGenerator = codeGenerator;
    this.logger = logger;
    this.budgetWarn = budgetWarn;
    this.profilePath = List.copyOf(profilePath);
  }

  /** One layer of the network and where it was written. */
  private record Node(String member, KsAttributes annotation, Layer layer, List<List<Node>> branches) {
    /** A layer without branches. */
    Node(String member, KsAttributes annotation, Layer layer) {
      this(member, annotation, layer, List.of());
    }
  }

  @Override
  public List<KSAnnotated> process(Resolver resolver) {
    Iterator<KSAnnotated> symbols = resolver.getSymbolsWithAnnotation(PACKAGE + "Network", false).iterator();
    while (symbols.hasNext()) {
      if (symbols.next() instanceof KSClassDeclaration type) {
        try {
          processNetwork(type);
        } catch (RuntimeException e) {
          error(type, Diagnostics.INTERNAL_ERROR, qualifiedName(type), e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")));
        }
      }
    }
    return List.of();
  }

  private void processNetwork(KSClassDeclaration type) {
    Map<String, List<KsAttributes>> annotations = annotations(type.getAnnotations().iterator());
    KsAttributes annotation = annotations.get(PACKAGE + "Network").get(0);
    String name = annotation.stringValue("name").isEmpty() ? type.getSimpleName().asString()
        : annotation.stringValue("name");
    if (profiles == null && !profilesFailed) {
      // the shipped profiles, those of profile jars on the processor path and the toenergy.profilePath folders
      ClassLoader loader = ToEnergySymbolProcessor.class.getClassLoader();
      try {
        profiles = Options.profiles(loader, profilePath);
      } catch (ProfileException e) {
        profilesFailed = true;
        error(annotation.annotation(), Diagnostics.PROFILE_INVALID, name, e.getMessage());
      }
    }
    if (profiles == null) {
      return; // reported once, on the first network that needed them
    }
    Profiles loaded = profiles;
    Set<String> known = loaded.profiles().stream().map(Profile::id)
        .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    int errorsBefore = errors;
    Shape input = input(name, annotation);
    List<Profile> selected = new ArrayList<>();
    List<Object> ids = annotation.array("profiles");
    for (Object id : ids) {
      if (!known.contains((String) id)) {
        error(at(annotation, "profiles"), Diagnostics.UNKNOWN_PROFILE, "network " + name, id, String.join(", ", known));
      } else if (selected.stream().noneMatch(p -> p.id().equals(id))) {
        selected.add(loaded.profile((String) id));
      }
    }
    if (ids.isEmpty()) {
      selected.addAll(loaded.profiles());
    }
    List<KsAttributes> budgets = new ArrayList<>(annotations.getOrDefault(PACKAGE + "EnergyBudget", List.of()));
    List<KsAttributes> valid = new ArrayList<>();
    for (KsAttributes budget : budgets) {
      if (validBudget(budget, name, known)) {
        valid.add(budget);
      }
    }
    Set<KSFile> blockFiles = new java.util.LinkedHashSet<>();
    List<Node> nodes = nodes(type, blockFiles);
    if (nodes == null) {
      return; // reported
    }
    if (nodes.isEmpty()) {
      error(annotation.annotation(), Diagnostics.EMPTY_NETWORK, name);
      return;
    }
    if (input == null) {
      return; // reported
    }
    String phase = annotation.enumValue("phase");
    if (Phase.valueOf(phase).generation()) {
      error(at(annotation, "phase"), Diagnostics.INVALID_PHASE, name, phase, phase);
      return;
    }
    Network built;
    try {
      built = new Network(name, input, Format.valueOf(annotation.enumValue("format")),
          nodes.stream().map(Node::layer).toList());
    } catch (InvalidNetworkException e) {
      reportShape(name, nodes.get(e.layerIndex() - 1), e.layerIndex(), e.shapeProblem(), e.problem());
      return;
    }
    if (errors > errorsBefore) {
      return; // an unknown profile or an invalid budget: the shapes were still checked, as by javac
    }
    String beyond = NotationLimits.exceeded(built);
    if (beyond != null) {
      error(annotation.annotation(), Diagnostics.NOTATION_LIMIT, name, beyond);
      return;
    }
    NetworkModel model;
    try {
      model = NetworkModel.create(qualifiedName(type), type.getPackageName().asString(), generatedName(type), built,
          Phase.valueOf(annotation.enumValue("phase")), selected);
    } catch (ArithmeticException e) {
      error(annotation.annotation(), Diagnostics.COUNT_OVERFLOW, name,
          Diagnostics.overflowDetail(name, String.valueOf(e.getMessage())));
      return;
    }
    for (KsAttributes budget : valid) {
      try {
        Object[] exceeded = BudgetValidator.exceeded(name, model, loaded.profile(budget.stringValue("profile")), budget);
        if (exceeded != null) {
          String message = Diagnostics.BUDGET_EXCEEDED.format(exceeded);
          if (budgetWarn) {
            logger.warn(message, located(budget.annotation()));
          } else {
            errors++;
            logger.error(message, located(budget.annotation()));
          }
        }
      } catch (CountOverflowException e) {
        error(budget.annotation(), Diagnostics.COUNT_OVERFLOW, name, Diagnostics.overflowDetail(name, e.getMessage()));
      } catch (InvalidNetworkException e) { // a generation budget on a network that cannot decode
        error(at(budget, "phase"), Diagnostics.BUDGET_INVALID, "network " + name, e.getMessage());
      }
    }
    String text = EnergySourceWriter.text(new EnergySourceWriter(NAME, GENERATED).write(model));
    Set<KSFile> files = new java.util.LinkedHashSet<>();
    if (type.getContainingFile() != null) {
      files.add(type.getContainingFile());
    }
    files.addAll(blockFiles); // a block type's change changes the network's source
    Dependencies dependencies = new Dependencies(false, files.toArray(KSFile[]::new));
    try (OutputStream out = codeGenerator.createNewFile(dependencies, model.packageName(), model.generatedName(),
        "java")) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      error(annotation.annotation(), Diagnostics.WRITE_FAILED, model.generatedName(), name, e.getMessage());
    }
  }

  /**
   * One layer member as written: its layer annotation, the {@code @Activation} beside it,
   * {@code @Shortcut}, {@code @Repeat} and {@code @Bind}.
   */
  private record Member(KSDeclaration declaration, String name, KsAttributes primary, LayerKind kind,
      @Nullable KsAttributes activation, boolean shortcut, @Nullable KsAttributes repeat, @Nullable KsAttributes bind) {}

  /**
   * The layers of the network class's members in order, or null when a member cannot be read
   * (reported). {@code blockFiles} collects the files of the residual block types read.
   */
  private @Nullable List<Node> nodes(KSClassDeclaration type, Set<KSFile> blockFiles) {
    List<Member> members = members(type, "", "a @Network class", BlockParameters.NONE);
    if (members == null) {
      return null;
    }
    Set<String> reading = new java.util.LinkedHashSet<>();
    reading.add(qualifiedName(type));
    return build(members, reading, blockFiles, BlockParameters.NONE, Map.of());
  }

  /**
   * The layer members of {@code type} in declaration order, or null when one cannot be read (reported).
   *
   * @param noShortcut what {@code type} is where {@code @Shortcut} does not belong ({@code a @Network
   *     class}); null for a {@code @Residual.Block}
   * @param scope the parameters of the block type, which {@code @Bind} may use
   */
  private @Nullable List<Member> members(KSClassDeclaration type, String prefix, @Nullable String noShortcut,
      BlockParameters scope) {
    List<Member> members = new ArrayList<>();
    boolean ok = true;
    Iterator<KSDeclaration> declarations = type.getDeclarations().iterator();
    while (declarations.hasNext()) {
      KSDeclaration declaration = declarations.next();
      if (!(declaration instanceof KSPropertyDeclaration || declaration instanceof KSFunctionDeclaration)) {
        continue;
      }
      String member = prefix + declaration.getSimpleName().asString()
          + (declaration instanceof KSFunctionDeclaration ? "()" : "");
      List<KsAttributes> layers = new ArrayList<>();
      KsAttributes activation = null;
      Map<String, List<KsAttributes>> uses = annotations(declaration.getAnnotations().iterator());
      List<KsAttributes> shortcuts = uses.getOrDefault(PACKAGE + "Shortcut", List.of());
      KsAttributes shortcut = shortcuts.isEmpty() ? null : shortcuts.get(0);
      for (List<KsAttributes> all : uses.values()) {
        for (KsAttributes use : all) {
          LayerKind kind = LayerKind.byAnnotation(use.qualifiedName());
          if (kind == LayerKind.REPEAT) {
            continue; // modifies the member's layers, read below
          }
          if (kind == LayerKind.ACTIVATION && activation == null) {
            activation = use;
          } else if (kind != null) {
            layers.add(use);
          }
        }
      }
      if (layers.isEmpty() && activation != null) {
        layers.add(activation);
        activation = null;
      }
      if (shortcut != null && noShortcut != null) {
        error(shortcut.annotation(), Diagnostics.MISPLACED_SHORTCUT, member,
            "is only read on a member of a @Residual.Block type, and " + type.getSimpleName().asString()
                + " is " + noShortcut);
        ok = false;
      } else if (shortcut != null && layers.isEmpty()) {
        error(shortcut.annotation(), Diagnostics.MISPLACED_SHORTCUT, member,
            "marks a layer of the projection shortcut, but the member has no layer annotation");
        ok = false;
      }
      KsAttributes repeat = first(uses, "Repeat");
      KsAttributes bind = first(uses, "Bind");
      if (layers.isEmpty()) {
        if (repeat != null) {
          error(repeat.annotation(), Diagnostics.MISPLACED_MODIFIER, member, "Repeat",
              "repeats the layers of its member, but the member has no layer annotation");
          ok = false;
        }
        if (bind != null) {
          error(bind.annotation(), Diagnostics.MISPLACED_MODIFIER, member, "Bind",
              "binds attributes of a layer annotation, but the member has none");
          ok = false;
        }
        continue;
      }
      KsAttributes primary = layers.get(0);
      LayerKind kind = LayerKind.byAnnotation(primary.qualifiedName());
      if (layers.size() > 1 || (activation != null && !kind.takesActivation())) {
        KsAttributes extra = layers.size() > 1 ? layers.get(1) : activation;
        error(extra.annotation(), Diagnostics.TWO_LAYER_ANNOTATIONS, member, primary.simpleName(), extra.simpleName(),
            extra.simpleName());
        ok = false;
        continue;
      }
      if (repeat != null && repeat.intValue("value") <= 0) {
        error(at(repeat, "value"), Diagnostics.NON_POSITIVE_SIZE, member, "Repeat", "value", repeat.intValue("value"));
        ok = false;
      }
      if (bind != null && scope.isEmpty()) {
        error(bind.annotation(), Diagnostics.MISPLACED_MODIFIER, member, "Bind",
            "is only read in a @Residual.Block type with params, and " + type.getSimpleName().asString()
                + " declares none");
        ok = false;
      } else if (bind != null) {
        Set<String> bindable = new java.util.LinkedHashSet<>(primary.intAttributes());
        bindable.remove("index");
        List<BlockParameters.Problem> problems = scope.checkBind(bind.strings("value"), bindable, primary.simpleName());
        for (BlockParameters.Problem problem : problems) {
          error(at(bind, "value"), Diagnostics.BLOCK_PARAMETER, member, problem.message());
        }
        ok &= problems.isEmpty();
      }
      members.add(new Member(declaration, member, primary, kind, activation, shortcut != null, repeat, bind));
    }
    return ok ? members : null;
  }

  private static @Nullable KsAttributes first(Map<String, List<KsAttributes>> uses, String simpleName) {
    List<KsAttributes> found = uses.getOrDefault(PACKAGE + simpleName, List.of());
    return found.isEmpty() ? null : found.get(0);
  }

  /** Members in the order their layers run: by {@code index} when every one sets it, else as declared. */
  private static List<Member> ordered(List<Member> members) {
    List<Member> ordered = new ArrayList<>(members);
    if (!ordered.isEmpty() && ordered.stream().allMatch(m -> m.primary().intValue("index") >= 0)) {
      ordered.sort(Comparator.comparingInt(m -> m.primary().intValue("index")));
    }
    return ordered;
  }

  /**
   * The layers of {@code members} in order, or null when one cannot be built (reported); their
   * {@code @Bind}s read {@code values}, the parameters of their block type ({@code scope}) for this use.
   */
  private @Nullable List<Node> build(List<Member> members, Set<String> reading, Set<KSFile> blockFiles,
      BlockParameters scope, Map<String, Integer> values) {
    List<Node> nodes = new ArrayList<>();
    boolean ok = true;
    for (Member m : ordered(members)) {
      List<Node> own = memberNodes(m, reading, blockFiles, scope, values);
      if (own == null) {
        ok = false;
        continue;
      }
      if (m.repeat() == null) {
        nodes.addAll(own);
        continue;
      }
      // as the javac processor: one node whose body holds the member's layers
      nodes.add(new Node(m.name(), m.primary(), new Layer.Repeat(m.repeat().intValue("value"), layers(own)),
          List.of(own)));
    }
    return ok ? nodes : null;
  }

  /** The nodes of one member before any {@code @Repeat}, or null (reported). */
  private @Nullable List<Node> memberNodes(Member m, Set<String> reading, Set<KSFile> blockFiles,
      BlockParameters scope, Map<String, Integer> values) {
    List<Node> nodes = new ArrayList<>();
    if (m.kind() == LayerKind.RESIDUAL) {
      Node residual = residual(m, reading, blockFiles, scope, values);
      if (residual == null) {
        return null;
      }
      nodes.add(residual);
      ActivationFunction after = ActivationFunction.valueOf(m.primary().enumValue("after"));
      if (after != ActivationFunction.IDENTITY) {
        nodes.add(new Node(m.name(), m.primary(), new Layer.Activation(after)));
      }
      return nodes;
    }
    if (m.kind() == LayerKind.GATE || m.kind() == LayerKind.CONCAT) {
      Node block = channelBlock(m, reading, blockFiles);
      if (block == null) {
        return null;
      }
      nodes.add(block);
      return nodes;
    }
    Layer layer = m.bind() == null ? layer(m.name(), m.kind(), m.primary()) : bound(m, values);
    if (layer == null) {
      return null;
    }
    nodes.add(new Node(m.name(), m.primary(), layer));
    if (m.activation() != null) {
      Layer activation = layer(m.name(), LayerKind.ACTIVATION, m.activation());
      if (activation == null) {
        return null;
      }
      nodes.add(new Node(m.name(), m.activation(), activation));
    }
    return nodes;
  }

  /** The layer of a member with {@code @Bind}, its bound attributes taken from {@code values}, or null (reported). */
  private @Nullable Layer bound(Member m, Map<String, Integer> values) {
    StringBuilder with = new StringBuilder();
    values.forEach((name, value) -> with.append(with.length() == 0 ? " with " : ", ").append(name).append(" = ")
        .append(value));
    try {
      Map<String, Integer> bound = BlockParameters.bound(m.bind().strings("value"), values);
      return LayerMapping.layer(m.kind(), new BoundAttributes(m.primary(), bound));
    } catch (IllegalArgumentException | ArithmeticException e) {
      // a rule the values break is reported with them: the block's other uses may be fine
      error(m.primary().annotation(), Diagnostics.INVALID_LAYER, m.name() + with,
          e instanceof ArithmeticException ? "a value beyond a long" : e.getMessage());
      return null;
    }
  }

  /** The residual layer of a {@code @Residual} member, read from its type's block, or null (reported). */
  private @Nullable Node residual(Member m, Set<String> reading, Set<KSFile> blockFiles, BlockParameters outer,
      Map<String, Integer> outerValues) {
    KSTypeReference reference = m.declaration() instanceof KSPropertyDeclaration p ? p.getType()
        : ((KSFunctionDeclaration) m.declaration()).getReturnType();
    KSDeclaration declared = reference == null ? null : reference.resolve().getDeclaration();
    String typeName = declared == null ? "?" : declared.getQualifiedName() == null
        ? declared.getSimpleName().asString() : declared.getQualifiedName().asString();
    KsAttributes blockAnnotation = declared instanceof KSClassDeclaration c
        ? annotations(c.getAnnotations().iterator()).getOrDefault(PACKAGE + "Residual.Block", List.of()).stream()
            .findFirst().orElse(null)
        : null;
    if (blockAnnotation == null) {
      error(m.primary().annotation(), Diagnostics.RESIDUAL_NOT_BLOCK, m.name(), typeName);
      return null;
    }
    if (reading.contains(typeName)) {
      error(m.primary().annotation(), Diagnostics.RESIDUAL_CYCLE, m.name(), typeName);
      return null;
    }
    KSClassDeclaration block = (KSClassDeclaration) declared;
    KSFile file = block.getContainingFile();
    if (file != null) {
      blockFiles.add(file);
    }
    BlockParameters parameters = BlockParameters.declare(block.getSimpleName().asString(),
        blockAnnotation.strings("params"));
    for (BlockParameters.Problem problem : parameters.problems()) {
      error(at(blockAnnotation, "params"), Diagnostics.BLOCK_PARAMETER, "@Residual.Block " + block.getSimpleName().asString(),
          problem.message());
    }
    List<BlockParameters.Problem> with = parameters.checkWith(m.primary().strings("with"), outer);
    for (BlockParameters.Problem problem : with) {
      error(at(m.primary(), "with"), Diagnostics.BLOCK_PARAMETER, m.name(), problem.message());
    }
    if (!parameters.problems().isEmpty() || !with.isEmpty()) {
      return null;
    }
    Map<String, Integer> values;
    try {
      values = parameters.values(m.primary().strings("with"), outerValues);
    } catch (IllegalArgumentException | ArithmeticException e) {
      error(at(m.primary(), "with"), Diagnostics.BLOCK_PARAMETER, m.name(),
          e instanceof ArithmeticException ? "a value beyond a long" : e.getMessage());
      return null;
    }
    List<Member> members = members(block, block.getSimpleName().asString() + ".", null, parameters);
    if (members == null) {
      return null;
    }
    List<Member> bodyMembers = members.stream().filter(b -> !b.shortcut()).toList();
    if (bodyMembers.isEmpty()) {
      error(blockAnnotation.annotation(), Diagnostics.EMPTY_BLOCK, typeName);
      return null;
    }
    reading.add(typeName);
    List<Node> body;
    List<Node> shortcut;
    try {
      body = build(bodyMembers, reading, blockFiles, parameters, values);
      shortcut = build(members.stream().filter(Member::shortcut).toList(), reading, blockFiles, parameters, values);
    } finally {
      reading.remove(typeName);
    }
    if (body == null || shortcut == null) {
      return null;
    }
    try {
      return new Node(m.name(), m.primary(), new Layer.Residual(layers(body), layers(shortcut)),
          List.of(body, shortcut));
    } catch (IllegalArgumentException e) {
      error(m.primary().annotation(), Diagnostics.INVALID_LAYER, m.name(), e.getMessage());
      return null;
    }
  }

  /**
   * A {@code @Gate} member (its type, a {@code @Gate.Block}, computes the gate) or a {@code @Concat}
   * member (each type of {@code branches}, a {@code @Concat.Branch}, one branch), or null (reported).
   */
  private @Nullable Node channelBlock(Member m, Set<String> reading, Set<KSFile> blockFiles) {
    boolean gate = m.kind() == LayerKind.GATE;
    List<KSDeclaration> types = new ArrayList<>();
    if (gate) {
      KSTypeReference reference = m.declaration() instanceof KSPropertyDeclaration p ? p.getType()
          : ((KSFunctionDeclaration) m.declaration()).getReturnType();
      types.add(reference == null ? null : reference.resolve().getDeclaration());
    } else {
      for (Object value : m.primary().array("branches")) {
        types.add(value instanceof KSType t ? t.getDeclaration() : null);
      }
      try {
        new Layer.Concat(java.util.Collections.nCopies(types.size(), List.of())); // the record's rule on the count
      } catch (InvalidLayerException e) {
        error(at(m.primary(), "branches"), Diagnostics.INVALID_LAYER, m.name(), e.getMessage());
        return null;
      }
    }
    String marker = gate ? "Gate.Block" : "Concat.Branch";
    List<List<Node>> branches = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      KSDeclaration declared = types.get(i);
      String typeName = declared == null ? "?" : declared.getQualifiedName() == null
          ? declared.getSimpleName().asString() : declared.getQualifiedName().asString();
      KSNode at = gate ? m.primary().annotation() : at(m.primary(), "branches");
      boolean marked = declared instanceof KSClassDeclaration c
          && annotations(c.getAnnotations().iterator()).containsKey(PACKAGE + marker);
      if (!marked) {
        if (gate) {
          error(at, Diagnostics.GATE_NOT_BLOCK, m.name(), typeName);
        } else {
          error(at, Diagnostics.CONCAT_NOT_BRANCH, m.name(), i + 1, typeName);
        }
        return null;
      }
      if (reading.contains(typeName)) {
        error(at, Diagnostics.BLOCK_CYCLE, m.name(), (gate ? "gate block " : "concat branch ") + typeName);
        return null;
      }
      KSClassDeclaration block = (KSClassDeclaration) declared;
      if (block.getContainingFile() != null) {
        blockFiles.add(block.getContainingFile());
      }
      List<Member> members = members(block, block.getSimpleName().asString() + ".",
          gate ? "a @Gate.Block type" : "a @Concat.Branch type", BlockParameters.NONE);
      if (members == null) {
        return null;
      }
      reading.add(typeName);
      List<Node> branch;
      try {
        branch = build(members, reading, blockFiles, BlockParameters.NONE, Map.of());
      } finally {
        reading.remove(typeName);
      }
      if (branch == null) {
        return null;
      }
      branches.add(branch);
    }
    try {
      List<List<Layer>> layers = branches.stream().map(ToEnergySymbolProcessor::layers).toList();
      return new Node(m.name(), m.primary(), gate ? new Layer.Gate(layers.get(0)) : new Layer.Concat(layers), branches);
    } catch (IllegalArgumentException e) {
      error(m.primary().annotation(), Diagnostics.INVALID_LAYER, m.name(), e.getMessage());
      return null;
    }
  }

  private static List<Layer> layers(List<Node> nodes) {
    return nodes.stream().map(Node::layer).toList();
  }

  /** The layer of one annotation through the shared mapping, or null when its attributes break a rule (reported). */
  private @Nullable Layer layer(String member, LayerKind kind, KsAttributes a) {
    try {
      return LayerMapping.layer(kind, a);
    } catch (InvalidLayerException e) {
      for (InvalidLayerException.Problem problem : e.problems()) {
        String attribute = problem.attribute();
        KSNode at = at(a, LayerMapping.reportedAttribute(a, attribute));
        if (LayerMapping.writtenAsPair(a, attribute) && problem.rule() != InvalidLayerException.Rule.OTHER) {
          error(at, Diagnostics.INVALID_LAYER, member, LayerMapping.pairProblem(a, a.simpleName(), problem));
          continue;
        }
        switch (problem.rule()) {
          case POSITIVE, NOT_NEGATIVE -> {
            int written = a.intValue(attribute);
            // (a kernel's default 0 means "see kernelSize": with no kernelSize, 0 is the problem)
            boolean zeroMeansDefault = attribute.equals("stride") && a.defaultsToZero(attribute);
            if (written == 0 && zeroMeansDefault) {
              continue;
            }
            boolean negative = problem.rule() == InvalidLayerException.Rule.NOT_NEGATIVE
                || (written < 0 && zeroMeansDefault);
            error(at, negative ? Diagnostics.NEGATIVE_SIZE : Diagnostics.NON_POSITIVE_SIZE, member, a.simpleName(),
                attribute, written);
          }
          case DIVIDES -> error(at, Diagnostics.GROUPS_MISMATCH, member, a.simpleName(), a.intValue(attribute),
              "its " + a.intValue(problem.other()) + " " + problem.other());
          case OTHER -> error(at, Diagnostics.INVALID_LAYER, member, problem.message());
        }
      }
      return null;
    } catch (IllegalArgumentException e) {
      error(a.annotation(), Diagnostics.INVALID_LAYER, member, e.getMessage());
      return null;
    }
  }

  private void reportShape(String network, Node top, int index, @Nullable ShapeException problem, String message) {
    KSNode at = top.annotation().annotation();
    if (problem == null) {
      error(at, Diagnostics.SHAPE_MISMATCH, top.member(), message, index, network);
      return;
    }
    // follow the path into the residual blocks, naming each member on the way, as the javac processor
    Node failing = top;
    StringBuilder path = new StringBuilder();
    for (ShapeException.Step step : problem.path()) {
      failing = failing.branches().get(step.branch()).get(step.index());
      path.append(path.length() == 0 ? "" : " > ").append(failing.member());
    }
    String where = top.member() + (path.length() == 0 ? "" : " (" + path + ")");
    Shape in = problem.input();
    switch (problem.reason()) {
      case FLAT_INPUT_NEEDED -> error(at, Diagnostics.DENSE_NEEDS_FLATTEN, where, in, index, network);
      case GROUPS_DO_NOT_DIVIDE_CHANNELS -> error(at, Diagnostics.GROUPS_MISMATCH, where,
          failing.layer().kind().annotation().getSimpleName(), LayerMapping.groups(failing.layer()),
          "the " + in.channels() + " input channels it gets as layer " + index + " of network " + network);
      case WINDOW_DOES_NOT_FIT -> error(at, Diagnostics.KERNEL_TOO_LARGE, where, problem.problem(), index,
          network);
      case SPATIAL_INPUT_NEEDED, BRANCHES_DIFFER, TOO_MANY_FEATURES, CHANNELS_DO_NOT_DIVIDE,
          LAYOUT_NEEDED, FEATURES_NOT_DIVISIBLE, POSITION_OUT_OF_RANGE -> error(at,
          Diagnostics.SHAPE_MISMATCH,
          where, problem.problem(), index, network);
    }
  }

  private boolean validBudget(KsAttributes budget, String network, Set<String> known) {
    String profile = budget.stringValue("profile");
    boolean ok = known.contains(profile);
    if (!ok) {
      error(at(budget, "profile"), Diagnostics.UNKNOWN_PROFILE, "@EnergyBudget of network " + network, profile,
          String.join(", ", known));
    }
    double joules = budget.doubleValue("joules");
    if (!(joules > 0) || Double.isInfinite(joules)) {
      ok = false;
      error(at(budget, "joules"), Diagnostics.BUDGET_INVALID, "network " + network,
          "joules must be positive and finite, got " + joules);
    }
    int batch = budget.intValue("batch");
    if (batch <= 0) {
      ok = false;
      error(at(budget, "batch"), Diagnostics.BUDGET_INVALID, "network " + network, "batch must be positive, got " + batch);
    }
    long batches = budget.longValue("batches");
    if (batches < 0) {
      ok = false;
      error(at(budget, "batches"), Diagnostics.BUDGET_INVALID, "network " + network,
          "batches must not be negative (0 budgets one step), got " + batches);
    }
    for (String[] problem : BudgetValidator.generationProblems(budget)) {
      ok = false;
      error(at(budget, problem[0]), Diagnostics.BUDGET_INVALID, "network " + network, problem[1]);
    }
    return ok;
  }

  /** The input shape, or null when {@code @Network(input)} is invalid (reported). */
  private @Nullable Shape input(String network, KsAttributes annotation) {
    List<Object> dims = annotation.array("input");
    boolean ok = !dims.isEmpty() && dims.size() <= 3;
    int[] sizes = new int[dims.size()];
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = ((Number) dims.get(i)).intValue();
      ok &= sizes[i] > 0;
    }
    if (!ok) {
      error(at(annotation, "input"), Diagnostics.INVALID_INPUT, network,
          dims.stream().map(String::valueOf).collect(Collectors.joining(", ", "{", "}")));
      return null;
    }
    return switch (sizes.length) {
      case 1 -> Shape.flat(sizes[0]);
      case 2 -> Shape.sequence(sizes[0], sizes[1]);
      default -> Shape.of(sizes[0], sizes[1], sizes[2]);
    };
  }

  /** toenergy's annotations by qualified name (a repeated {@code @EnergyBudget}'s container opened). */
  private static Map<String, List<KsAttributes>> annotations(Iterator<KSAnnotation> annotations) {
    Map<String, List<KsAttributes>> found = new LinkedHashMap<>();
    while (annotations.hasNext()) {
      KSAnnotation annotation = annotations.next();
      KSDeclaration declaration = annotation.getAnnotationType().resolve().getDeclaration();
      KSName qualified = declaration.getQualifiedName();
      String name = qualified == null ? "" : qualified.asString();
      if (!name.startsWith(PACKAGE)) {
        continue;
      }
      if (name.equals(PACKAGE + "EnergyBudget.List")) {
        for (KSValueArgument argument : annotation.getArguments()) {
          if (argument.getValue() instanceof List<?> items) {
            for (Object item : items) {
              if (item instanceof KSAnnotation budget) {
                found.computeIfAbsent(PACKAGE + "EnergyBudget", k -> new ArrayList<>())
                    .add(new KsAttributes(budget, PACKAGE + "EnergyBudget"));
              }
            }
          }
        }
        continue;
      }
      found.computeIfAbsent(name, k -> new ArrayList<>()).add(new KsAttributes(annotation, name));
    }
    return found;
  }

  /** The argument the user wrote for {@code attribute}, or the annotation where it was left to its default. */
  private static KSNode at(KsAttributes annotation, String attribute) {
    for (KSValueArgument argument : annotation.annotation().getArguments()) {
      KSName name = argument.getName();
      if (name != null && name.asString().equals(attribute) && !argument.isSpread()
          && annotation.written(attribute)) {
        return argument;
      }
    }
    return annotation.annotation();
  }

  private void error(KSNode at, Diagnostics diagnostic, Object... args) {
    errors++;
    logger.error(diagnostic.format(args), located(at));
  }

  /**
   * {@code at}, or the nearest enclosing node with a place in a file: KSP gives some annotations
   * (one written with its qualified name, e.g.) no location, their declaration has one.
   */
  private static KSNode located(KSNode at) {
    for (KSNode node = at; node != null; node = node.getParent()) {
      if (node.getLocation() instanceof FileLocation) {
        return node;
      }
    }
    return at;
  }

  private static String qualifiedName(KSClassDeclaration type) {
    KSName name = type.getQualifiedName();
    return name == null ? type.getSimpleName().asString() : name.asString();
  }

  /** {@code FooEnergy} for a top-level {@code Foo}; {@code Outer_FooEnergy} for a nested one, as the javac processor. */
  static String generatedName(KSClassDeclaration type) {
    StringBuilder name = new StringBuilder(type.getSimpleName().asString());
    for (KSDeclaration outer = type.getParentDeclaration(); outer instanceof KSClassDeclaration t;
        outer = t.getParentDeclaration()) {
      name.insert(0, t.getSimpleName().asString() + "_");
    }
    return name + "Energy";
  }

  @Override
  public void finish() {}

  @Override
  public void onError() {}
}
