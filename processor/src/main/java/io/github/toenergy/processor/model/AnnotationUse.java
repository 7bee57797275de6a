package io.github.toenergy.processor.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;
import org.jspecify.annotations.Nullable;

/**
 * One annotation on one element, read through its {@link AnnotationMirror} so that every problem
 * can point at the annotation and at the attribute value the user wrote.
 */
public final class AnnotationUse implements AttributeValues {
  private final AnnotationMirror mirror;
  private final Map<? extends ExecutableElement, ? extends AnnotationValue> explicit;
  private final Map<? extends ExecutableElement, ? extends AnnotationValue> withDefaults;
  private final @Nullable AnnotationMirror container;
  private final @Nullable AnnotationValue inContainer;
  private final int ordinal;

  AnnotationUse(AnnotationMirror mirror, Elements elements) {
    this(mirror, elements, null, null, 0);
  }

  private AnnotationUse(AnnotationMirror mirror, Elements elements, @Nullable AnnotationMirror container,
      @Nullable AnnotationValue inContainer, int ordinal) {
    this.mirror = mirror;
    this.explicit = mirror.getElementValues();
    this.withDefaults = elements.getElementValuesWithDefaults(mirror);
    this.container = container;
    this.inContainer = inContainer;
    this.ordinal = ordinal;
  }

  /** The annotation of type {@code qualifiedName} on {@code element}, or null. */
  static @Nullable AnnotationUse find(Element element, String qualifiedName, Elements elements) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (qualifiedName(mirror).equals(qualifiedName)) {
        return new AnnotationUse(mirror, elements);
      }
    }
    return null;
  }

  /**
   * Every annotation of a repeatable type on {@code element}: the direct ones and those inside the
   * container javac builds when it is repeated.
   */
  static List<AnnotationUse> findRepeated(Element element, String qualifiedName, String containerName,
      Elements elements) {
    List<AnnotationUse> uses = new ArrayList<>();
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      String name = qualifiedName(mirror);
      if (name.equals(qualifiedName)) {
        uses.add(new AnnotationUse(mirror, elements));
      } else if (name.equals(containerName)) {
        AnnotationUse container = new AnnotationUse(mirror, elements);
        int ordinal = 0;
        for (AnnotationValue inner : container.array("value")) {
          uses.add(new AnnotationUse((AnnotationMirror) inner.getValue(), elements, mirror, inner, ordinal++));
        }
      }
    }
    return uses;
  }

  static String qualifiedName(AnnotationMirror mirror) {
    return ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
  }

  public AnnotationMirror mirror() {
    return mirror;
  }

  /**
   * For a repeated annotation: the container holding it ({@code @EnergyBudget.List}), which javac
   * builds itself when the annotation is written more than once; null for a direct annotation.
   */
  public @Nullable AnnotationMirror container() {
    return container;
  }

  /** For a repeated annotation: this annotation as a value of its container's array. */
  public @Nullable AnnotationValue inContainer() {
    return inContainer;
  }

  /** For a repeated annotation: its position among the repeated ones, 0-based. */
  public int ordinal() {
    return ordinal;
  }

  /** The annotation's simple name as written in messages, e.g. {@code Conv2d} or {@code Residual.Block}. */
  public String simpleName() {
    Element type = mirror.getAnnotationType().asElement();
    Element outer = type.getEnclosingElement();
    String simple = type.getSimpleName().toString();
    return outer instanceof TypeElement ? outer.getSimpleName() + "." + simple : simple;
  }

  /** The value the user wrote for {@code attribute}, or null when it takes its default. */
  public @Nullable AnnotationValue explicit(String attribute) {
    return lookup(explicit, attribute);
  }

  /** The value of {@code attribute}, the default included. */
  public AnnotationValue value(String attribute) {
    AnnotationValue value = lookup(withDefaults, attribute);
    if (value == null) {
      throw new IllegalArgumentException("@" + simpleName() + " has no attribute " + attribute);
    }
    return value;
  }

  /** Whether {@code attribute}'s default is the number 0 (for pool stride: "the kernel size"). */
  public boolean defaultsToZero(String attribute) {
    for (ExecutableElement method : withDefaults.keySet()) {
      if (method.getSimpleName().contentEquals(attribute)) {
        AnnotationValue fallback = method.getDefaultValue();
        return fallback != null && fallback.getValue() instanceof Number n && n.doubleValue() == 0;
      }
    }
    return false;
  }

  @Override
  public int intValue(String attribute) {
    return ((Number) value(attribute).getValue()).intValue();
  }

  @Override
  public long longValue(String attribute) {
    return ((Number) value(attribute).getValue()).longValue();
  }

  @Override
  public double doubleValue(String attribute) {
    return ((Number) value(attribute).getValue()).doubleValue();
  }

  @Override
  public boolean booleanValue(String attribute) {
    return (Boolean) value(attribute).getValue();
  }

  @Override
  public String stringValue(String attribute) {
    return (String) value(attribute).getValue();
  }

  /** The name of the enum constant of {@code attribute}, e.g. {@code RELU}. */
  @Override
  public String enumValue(String attribute) {
    return ((VariableElement) value(attribute).getValue()).getSimpleName().toString();
  }

  @Override
  public int[] intArray(String attribute) {
    return array(attribute).stream().mapToInt(v -> ((Number) v.getValue()).intValue()).toArray();
  }

  @Override
  public boolean has(String attribute) {
    return lookup(withDefaults, attribute) != null;
  }

  @Override
  public boolean isDefault(String attribute) {
    for (ExecutableElement method : withDefaults.keySet()) {
      if (method.getSimpleName().contentEquals(attribute)) {
        AnnotationValue fallback = method.getDefaultValue();
        return fallback != null && fallback.getValue().equals(value(attribute).getValue());
      }
    }
    return false;
  }

  /** The elements of an array attribute (a single value written without braces counts as one). */
  public List<AnnotationValue> array(String attribute) {
    Object value = value(attribute).getValue();
    if (value instanceof List<?> list) {
      List<AnnotationValue> values = new ArrayList<>(list.size());
      for (Object item : list) {
        values.add((AnnotationValue) item);
      }
      return values;
    }
    return List.of(value(attribute));
  }

  private static @Nullable AnnotationValue lookup(Map<? extends ExecutableElement, ? extends AnnotationValue> values,
      String attribute) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : values.entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(attribute)) {
        return e.getValue();
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return mirror.toString();
  }
}
