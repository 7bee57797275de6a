package io.github.toenergy.processor.model;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.TypeElement;

/** A type annotated {@code @Residual.Block}: its layer members form a body and a shortcut. */
public final class BlockType {
  private final TypeElement type;
  private final AnnotationUse annotation;
  private final List<LayerMember> members = new ArrayList<>();
  private final BlockParameters parameters;

  BlockType(TypeElement type, AnnotationUse annotation) {
    this.type = type;
    this.annotation = annotation;
    // only @Residual.Block declares params (a @Gate.Block or @Concat.Branch takes none)
    this.parameters = annotation.has("params")
        ? BlockParameters.declare(type.getSimpleName().toString(), annotation.strings("params")) : BlockParameters.NONE;
  }

  /** Its {@code params}, read once; none for a type that is not a {@code @Residual.Block}. */
  public BlockParameters parameters() {
    return parameters;
  }

  public TypeElement type() {
    return type;
  }

  /** The {@code @Residual.Block} annotation. */
  public AnnotationUse annotation() {
    return annotation;
  }

  /** Every layer member, in declaration order. */
  public List<LayerMember> members() {
    return members;
  }

  /** Members of the body: those without {@code @Shortcut}. */
  public List<LayerMember> body() {
    return members.stream().filter(m -> m.shortcut() == null).toList();
  }

  /** Members of the projection shortcut: those with {@code @Shortcut}. */
  public List<LayerMember> shortcut() {
    return members.stream().filter(m -> m.shortcut() != null).toList();
  }

  public String simpleName() {
    return type.getSimpleName().toString();
  }
}
