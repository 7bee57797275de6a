package io.github.toenergy.processor.model;

import io.github.toenergy.model.LayerKind;
/**
 * One layer annotation on one member. Validation marks the uses it rejects, so that the assembler
 * skips them and reports nothing twice.
 */
public final class LayerUse {
  private final LayerKind kind;
  private final AnnotationUse annotation;
  private boolean rejected;

  LayerUse(LayerKind kind, AnnotationUse annotation) {
    this.kind = kind;
    this.annotation = annotation;
  }

  public LayerKind kind() {
    return kind;
  }

  public AnnotationUse annotation() {
    return annotation;
  }

  /** The layer's position in its class; -1 keeps declaration order. */
  public int index() {
    return annotation.intValue("index");
  }

  /** Marks this use as invalid: a diagnostic was reported on it. */
  public void reject() {
    rejected = true;
  }

  public boolean rejected() {
    return rejected;
  }
}
