package io.github.toenergy.processor.model;

/**
 * The attribute values of one annotation use, defaults included, as the model stage reads them:
 * what {@link LayerMapping} and the budget check need, independent of the compiler front end
 * (javac's {@link AnnotationUse}, or the KSP processor's reading of a {@code KSAnnotation}).
 */
public interface AttributeValues {
  int intValue(String attribute);

  long longValue(String attribute);

  double doubleValue(String attribute);

  boolean booleanValue(String attribute);

  String stringValue(String attribute);

  /** The name of the enum constant of {@code attribute}, e.g. {@code RELU}. */
  String enumValue(String attribute);

  /** The elements of an int array attribute, e.g. {@code kernelSize = {1, 7}}. */
  int[] intArray(String attribute);

  /** Whether the annotation type has {@code attribute}. */
  boolean has(String attribute);

  /** Whether {@code attribute} has its default value (written or not: KSP cannot tell the two apart). */
  boolean isDefault(String attribute);
}
