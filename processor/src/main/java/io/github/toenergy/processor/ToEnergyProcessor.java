package io.github.toenergy.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.sun.source.util.Trees;
import io.github.toenergy.annotations.Network;
import io.github.toenergy.annotations.Phase;
import io.github.toenergy.model.Format;
import io.github.toenergy.model.Shape;
import io.github.toenergy.notation.NotationLimits;
import io.github.toenergy.processor.codegen.EnergySourceWriter;
import io.github.toenergy.processor.model.AnnotationUse;
import io.github.toenergy.processor.model.ElementReader;
import io.github.toenergy.processor.model.LayerNode;
import io.github.toenergy.processor.model.NetworkAssembler;
import io.github.toenergy.processor.model.NetworkModel;
import io.github.toenergy.processor.model.NetworkType;
import io.github.toenergy.processor.validation.BudgetValidator;
import io.github.toenergy.processor.validation.Diagnostics;
import io.github.toenergy.processor.validation.HiddenClassValidator;
import io.github.toenergy.processor.validation.NetworkValidator;
import io.github.toenergy.processor.validation.PlacementValidator;
import io.github.toenergy.processor.validation.Reporter;
import io.github.toenergy.processor.validation.ShapeValidator;
import io.github.toenergy.profile.Profile;
import io.github.toenergy.profile.ProfileException;
import io.github.toenergy.profile.Profiles;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.JavaFileObject;
import org.jspecify.annotations.Nullable;

/**
 * The toenergy annotation processor. For each {@code @Network} class {@code Foo} it reads the
 * layer annotations into the runtime's {@link io.github.toenergy.model.Network} ({@code model}),
 * reports every problem on the exact element, annotation and value ({@code validation}), writes
 * {@code FooEnergy} beside it ({@code codegen}) and checks its {@code @EnergyBudget}s.
 *
 * <p>Counting is the runtime's: the processor never counts anything itself. Profiles are loaded
 * once per processor instance, from the processor path (the runtime jar's shipped profiles and any
 * profile jar) and the folders of {@code -Atoenergy.profilePath}. An unexpected failure becomes one
 * {@code internal-error} naming the network; javac never shows a stack trace from here.
 */
@AutoService(Processor.class)
public final class ToEnergyProcessor extends AbstractProcessor {

  /** Loads the profiles; a seam so that tests can make loading fail unexpectedly. */
  interface ProfileLoader {
    Profiles load(ClassLoader loader, List<Path> folders);
  }

  private static final ProfileLoader DEFAULT_LOADER = Options::profiles;

  private static final String GENERATED = "javax.annotation.processing.Generated";
  private static final String NAME = ToEnergyProcessor.class.getCanonicalName();

  private final ProfileLoader profileLoader;
  private Reporter reporter;
  private @Nullable HiddenClassValidator hiddenClasses;
  private Options options;
  private @Nullable ClassName generatedAnnotation;
  private @Nullable Profiles profiles;
  private boolean profilesFailed;
  /** Networks whose residual block types javac has not resolved yet; retried next round. */
  private final Set<String> deferred = new LinkedHashSet<>();
  /** The estimators written so far (qualified name), with the network class each belongs to. */
  private final Map<String, String> written = new LinkedHashMap<>();

  /** The processor javac finds through {@code META-INF/services}. */
  public ToEnergyProcessor() {
    this(DEFAULT_LOADER);
  }

  ToEnergyProcessor(ProfileLoader profileLoader) {
    this.profileLoader = profileLoader;
  }

  @Override
  public synchronized void init(ProcessingEnvironment environment) {
    super.init(environment);
    reporter = new Reporter(environment);
    Trees trees = reporter.trees();
    hiddenClasses = trees == null ? null : new HiddenClassValidator(reporter, trees, environment.getElementUtils());
    options = Options.parse(environment.getOptions(), reporter::error);
    TypeElement generated = environment.getElementUtils().getTypeElement("javax.annotation.processing.Generated");
    generatedAnnotation = generated == null ? null : ClassName.get(generated);
  }

  /**
   * The toenergy annotations, and {@code @Generated}: under {@code -Xlint:processing} (part of
   * {@code -Xlint:all}) javac warns about every annotation no processor claims, which would include
   * the {@code @Generated} of the sources written here; it is claimed only in rounds where every
   * use of it is on a source this processor wrote.
   */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("io.github.toenergy.annotations.*", GENERATED);
  }

  @Override
  public Set<String> getSupportedOptions() {
    return Set.of(Options.PROFILE_PATH, Options.BUDGET);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (round.processingOver()) {
      // a network still deferred names a type that never appeared: javac reports that itself
      return false;
    }
    processRound(round);
    return claims(annotations, round);
  }

  /**
   * Whether to claim this round's annotations: always the toenergy ones (nothing else reads them),
   * {@code @Generated} only when every element carrying it was generated here.
   */
  private static boolean claims(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    for (TypeElement annotation : annotations) {
      if (!annotation.getQualifiedName().contentEquals(GENERATED)) {
        continue;
      }
      for (Element element : round.getElementsAnnotatedWith(annotation)) {
        if (!generatedHere(element)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean generatedHere(Element element) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(GENERATED)) {
        for (AnnotationValue value : mirror.getElementValues().values()) {
          if (String.valueOf(value.getValue()).contains(NAME)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private void processRound(RoundEnvironment round) {
    Elements elements = processingEnv.getElementUtils();
    ElementReader reader = new ElementReader(elements);
    List<TypeElement> networks = new ArrayList<>();
    for (String name : deferred) {
      TypeElement type = elements.getTypeElement(name);
      if (type != null) {
        networks.add(type);
      }
    }
    deferred.clear();
    for (Element element : round.getElementsAnnotatedWith(Network.class)) {
      if (element instanceof TypeElement type) {
        networks.add(type);
      }
    }
    try {
      new PlacementValidator(reporter, reader).validate(round, elements);
      if (hiddenClasses != null) {
        hiddenClasses.validate(round);
      }
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      reporter.error(Diagnostics.INTERNAL_ERROR, "(annotation placement check)", describe(e));
    }
    RoundState state = new RoundState(reader);
    for (TypeElement type : networks) {
      try {
        if (reader.hasUnresolvedBlocks(type)) {
          deferred.add(type.getQualifiedName().toString());
        } else {
          processNetwork(type, state);
        }
      } catch (RuntimeException | LinkageError | StackOverflowError e) {
        reporter.error(Diagnostics.INTERNAL_ERROR, type, (AnnotationMirror) null, null, type.getQualifiedName(), describe(e));
      }
    }
  }

  /** What one round shares between its networks: block types read once, and checked once. */
  private final class RoundState {
    final ElementReader reader;
    @Nullable NetworkValidator validator;

    RoundState(ElementReader reader) {
      this.reader = reader;
    }

    NetworkValidator validator(Profiles loaded) {
      if (validator == null) {
        Set<String> ids = new LinkedHashSet<>();
        for (Profile profile : loaded.profiles()) {
          ids.add(profile.id());
        }
        validator = new NetworkValidator(reporter, ids);
      }
      return validator;
    }
  }

  private void processNetwork(TypeElement type, RoundState state) {
    NetworkType network = state.reader.readNetwork(type);
    Profiles loaded = profiles(network);
    if (loaded == null) {
      return;
    }
    int errorsBefore = reporter.errors();
    List<AnnotationUse> budgets = state.validator(loaded).validate(network);
    List<LayerNode> nodes = new NetworkAssembler(reporter).assemble(network);
    Shape input = input(network.network());
    if (input == null || nodes.isEmpty()) {
      return; // reported by the validator
    }
    AnnotationUse annotation = network.network();
    io.github.toenergy.model.Network built = new ShapeValidator(reporter)
        .build(network, input, Format.valueOf(annotation.enumValue("format")), nodes);
    if (built == null || reporter.errors() > errorsBefore) {
      return;
    }
    String beyond = NotationLimits.exceeded(built);
    if (beyond != null) {
      reporter.error(Diagnostics.NOTATION_LIMIT, type, annotation.mirror(), null, network.name(), beyond);
      return;
    }
    NetworkModel model;
    try {
      List<TypeElement> origins = new ArrayList<>();
      origins.add(type);
      origins.addAll(network.blockTypes());
      model = NetworkModel.create(origins, elements().getPackageOf(type).getQualifiedName().toString(),
          generatedName(type), built, Phase.valueOf(annotation.enumValue("phase")), selected(annotation, loaded));
    } catch (ArithmeticException e) { // CountOverflowException, or a row of the report table
      reporter.error(Diagnostics.COUNT_OVERFLOW, type, annotation.mirror(), null, network.name(),
          Diagnostics.overflowDetail(network.name(), String.valueOf(e.getMessage())));
      return;
    }
    new BudgetValidator(reporter, loaded, options.budgetWarn()).check(type, network.name(), model, budgets);
    String owner = written.putIfAbsent(qualifiedName(model), type.getQualifiedName().toString());
    if (owner != null) {
      reporter.error(Diagnostics.NAME_CLASH, type, annotation.mirror(), null, type.getQualifiedName(),
          qualifiedName(model), owner);
      return;
    }
    try {
      JavaFile file = new EnergySourceWriter(NAME, generatedAnnotation).write(model);
      JavaFileObject source = processingEnv.getFiler().createSourceFile(qualifiedName(model),
          model.origins().toArray(Element[]::new));
      try (Writer writer = source.openWriter()) {
        writer.write(EnergySourceWriter.text(file));
      }
    } catch (IOException e) {
      reporter.error(Diagnostics.WRITE_FAILED, type, annotation.mirror(), null,
          qualifiedName(model), network.name(), e.getMessage());
    }
  }

  private static String qualifiedName(NetworkModel model) {
    return model.packageName().isEmpty() ? model.generatedName() : model.packageName() + "." + model.generatedName();
  }

  /** The profiles, loaded on first need; a failure is reported once, on the network that needed them. */
  private @Nullable Profiles profiles(NetworkType network) {
    if (profiles == null && !profilesFailed) {
      try {
        profiles = profileLoader.load(ToEnergyProcessor.class.getClassLoader(), options.profilePath());
      } catch (ProfileException e) {
        profilesFailed = true;
        reporter.error(Diagnostics.PROFILE_INVALID, network.type(), network.network().mirror(), null, network.name(),
            e.getMessage());
      }
    }
    return profiles;
  }

  /** The profiles that get an estimator: {@code @Network(profiles)} in order, or every loaded one. */
  private static List<Profile> selected(AnnotationUse network, Profiles loaded) {
    Map<String, Profile> selected = new LinkedHashMap<>();
    List<AnnotationValue> ids = network.array("profiles");
    if (ids.isEmpty()) {
      for (Profile profile : loaded.profiles()) {
        selected.put(profile.id(), profile);
      }
    }
    for (AnnotationValue value : ids) {
      String id = (String) value.getValue();
      if (loaded.contains(id)) {
        selected.putIfAbsent(id, loaded.profile(id));
      }
    }
    return List.copyOf(selected.values());
  }

  /** The input shape, or null when {@code @Network(input)} is invalid (the validator reported it). */
  private static @Nullable Shape input(AnnotationUse network) {
    List<AnnotationValue> dims = network.array("input");
    int[] sizes = new int[dims.size()];
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = ((Number) dims.get(i).getValue()).intValue();
      if (sizes[i] <= 0) {
        return null;
      }
    }
    return switch (sizes.length) {
      case 1 -> Shape.flat(sizes[0]);
      case 2 -> Shape.sequence(sizes[0], sizes[1]);
      case 3 -> Shape.of(sizes[0], sizes[1], sizes[2]);
      default -> null;
    };
  }

  /** {@code FooEnergy} for a top-level {@code Foo}; {@code Outer_FooEnergy} for a nested one (no clashes). */
  static String generatedName(TypeElement type) {
    StringBuilder name = new StringBuilder(type.getSimpleName());
    for (Element outer = type.getEnclosingElement(); outer instanceof TypeElement t; outer = t.getEnclosingElement()) {
      name.insert(0, t.getSimpleName() + "_");
    }
    return name + "Energy";
  }

  private Elements elements() {
    return processingEnv.getElementUtils();
  }

  /** An exception in one line: its class and message, never its stack. */
  private static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message.lines().findFirst().orElse(""));
  }
}
