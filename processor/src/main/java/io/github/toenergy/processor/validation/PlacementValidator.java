package io.github.toenergy.processor.validation;

import io.github.toenergy.annotations.EnergyBudget;
import io.github.toenergy.annotations.Shortcut;
import io.github.toenergy.model.LayerKind;
import io.github.toenergy.processor.model.AnnotationUse;
import io.github.toenergy.processor.model.ElementReader;
import java.lang.annotation.Annotation;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Finds annotations that nothing would read: a layer annotation on a member of a class that is
 * neither a {@code @Network} nor a {@code @Residual.Block}, {@code @Shortcut} outside both, and an
 * {@code @EnergyBudget} on a class without {@code @Network}. Silently ignoring them would let a
 * typo drop a layer from the count.
 */
public final class PlacementValidator {
  private final Reporter reporter;
  private final ElementReader reader;

  public PlacementValidator(Reporter reporter, ElementReader reader) {
    this.reporter = reporter;
    this.reader = reader;
  }

  /** Checks the annotations of this round's root elements. */
  public void validate(RoundEnvironment round, Elements elements) {
    for (LayerKind kind : LayerKind.values()) {
      checkLayers(round, kind.annotation(), kind.annotation().getSimpleName());
    }
    for (Element element : round.getElementsAnnotatedWith(Shortcut.class)) {
      Element owner = element.getEnclosingElement();
      if (!ElementReader.isNetwork(owner) && !ElementReader.isBlock(owner)) { // those are judged with their class
        reporter.error(Diagnostics.MISPLACED_SHORTCUT, element, mirror(element, Shortcut.class), null,
            element.getSimpleName(), "is only read on a member of a @Residual.Block type, and " + name(owner)
                + " is not one");
      }
    }
    Set<Element> budgeted = new LinkedHashSet<>(round.getElementsAnnotatedWith(EnergyBudget.class));
    budgeted.addAll(round.getElementsAnnotatedWith(EnergyBudget.List.class));
    for (Element element : budgeted) {
      checkBudget(element);
    }
  }

  private void checkLayers(RoundEnvironment round, Class<? extends Annotation> annotation, String simpleName) {
    for (Element element : round.getElementsAnnotatedWith(annotation)) {
      Element owner = element.getEnclosingElement();
      if (owner instanceof TypeElement && (ElementReader.isNetwork(owner) || ElementReader.isBlock(owner))) {
        continue; // read (and judged) with its network or block
      }
      reporter.error(Diagnostics.LAYER_OUTSIDE_NETWORK, element, mirror(element, annotation), null,
          element.getSimpleName(), simpleName, name(owner));
    }
  }

  private static String name(Element owner) {
    return owner instanceof TypeElement type ? type.getQualifiedName().toString()
        : owner instanceof PackageElement p ? "package " + p.getQualifiedName() : String.valueOf(owner);
  }

  private void checkBudget(Element element) {
    if (ElementReader.isNetwork(element)) {
      return;
    }
    List<AnnotationUse> budgets = reader.budgets(element);
    for (AnnotationUse budget : budgets) {
      reporter.error(Diagnostics.BUDGET_INVALID, element, budget, null, element.getSimpleName(),
          "it needs @Network on the same class, and " + element.getSimpleName() + " has none");
    }
  }

  private static AnnotationMirror mirror(Element element, Class<? extends Annotation> annotation) {
    String name = annotation.getCanonicalName();
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(name)) {
        return mirror;
      }
    }
    throw new IllegalStateException(element + " is not annotated @" + annotation.getSimpleName());
  }
}
