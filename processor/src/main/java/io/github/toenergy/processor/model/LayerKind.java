package io.github.toenergy.processor.model;

import io.github.toenergy.annotations.Activation;
import io.github.toenergy.annotations.AdaptiveAvgPool2d;
import io.github.toenergy.annotations.AvgPool2d;
import io.github.toenergy.annotations.BatchNorm;
import io.github.toenergy.annotations.Conv2d;
import io.github.toenergy.annotations.Dense;
import io.github.toenergy.annotations.Dropout;
import io.github.toenergy.annotations.Flatten;
import io.github.toenergy.annotations.MaxPool2d;
import io.github.toenergy.annotations.Residual;
import java.lang.annotation.Annotation;
import org.jspecify.annotations.Nullable;

/** The annotations that make a member a layer. */
public enum LayerKind {
  DENSE(Dense.class),
  CONV2D(Conv2d.class),
  MAX_POOL2D(MaxPool2d.class),
  AVG_POOL2D(AvgPool2d.class),
  ADAPTIVE_AVG_POOL2D(AdaptiveAvgPool2d.class),
  BATCH_NORM(BatchNorm.class),
  FLATTEN(Flatten.class),
  DROPOUT(Dropout.class),
  ACTIVATION(Activation.class),
  RESIDUAL(Residual.class);

  private static final LayerKind[] KINDS = values();

  private final Class<? extends Annotation> annotation;
  private final String qualifiedName;

  LayerKind(Class<? extends Annotation> annotation) {
    this.annotation = annotation;
    this.qualifiedName = annotation.getCanonicalName();
  }

  public Class<? extends Annotation> annotation() {
    return annotation;
  }

  public String qualifiedName() {
    return qualifiedName;
  }

  /** The annotation's simple name, e.g. {@code Conv2d}. */
  public String simpleName() {
    return annotation.getSimpleName();
  }

  /** Whether an {@code @Activation} on the same member applies after this layer. */
  public boolean takesActivation() {
    return this == DENSE || this == CONV2D;
  }

  /** The kind of the annotation named {@code qualifiedName}, or null when it is no layer annotation. */
  public static @Nullable LayerKind of(String qualifiedName) {
    for (LayerKind kind : KINDS) {
      if (kind.qualifiedName.equals(qualifiedName)) {
        return kind;
      }
    }
    return null;
  }
}
