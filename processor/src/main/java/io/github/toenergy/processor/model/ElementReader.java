package io.github.toenergy.processor.model;

import io.github.toenergy.annotations.Concat;
import io.github.toenergy.annotations.EnergyBudget;
import io.github.toenergy.annotations.Gate;
import io.github.toenergy.annotations.Network;
import io.github.toenergy.annotations.Residual;
import io.github.toenergy.annotations.Shortcut;
import io.github.toenergy.model.LayerKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import org.jspecify.annotations.Nullable;

/**
 * Reads annotated classes as written, judging nothing: members in declaration order, their layer
 * annotations, and the block types that {@code @Residual}, {@code @Gate} and {@code @Concat} members
 * read (each read once per round, however many networks use it).
 */
public final class ElementReader {
  static final String NETWORK = Network.class.getCanonicalName();
  static final String BUDGET = EnergyBudget.class.getCanonicalName();
  static final String BUDGET_LIST = EnergyBudget.List.class.getCanonicalName();
  static final String BLOCK = Residual.Block.class.getCanonicalName();
  static final String SHORTCUT = Shortcut.class.getCanonicalName();
  static final String GATE_BLOCK = Gate.Block.class.getCanonicalName();
  static final String CONCAT_BRANCH = Concat.Branch.class.getCanonicalName();

  private final Elements elements;
  private final Map<String, BlockType> blocks = new HashMap<>();
  private final Set<String> reading = new LinkedHashSet<>();

  public ElementReader(Elements elements) {
    this.elements = elements;
  }

  /** Whether {@code type} carries {@code @Network}. */
  public static boolean isNetwork(Element type) {
    return has(type, NETWORK);
  }

  /** Whether {@code type} is a block type: {@code @Residual.Block}, {@code @Gate.Block} or {@code @Concat.Branch}. */
  public static boolean isBlock(Element type) {
    return has(type, BLOCK) || has(type, GATE_BLOCK) || has(type, CONCAT_BRANCH);
  }

  private static boolean has(Element element, String annotation) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (AnnotationUse.qualifiedName(mirror).equals(annotation)) {
        return true;
      }
    }
    return false;
  }

  /** Reads a class annotated {@code @Network}. */
  public NetworkType readNetwork(TypeElement type) {
    AnnotationUse network = AnnotationUse.find(type, NETWORK, elements);
    if (network == null) {
      throw new IllegalArgumentException(type + " is not annotated @Network");
    }
    String name = network.stringValue("name");
    if (name.isEmpty()) {
      name = type.getSimpleName().toString();
    }
    reading.add(type.getQualifiedName().toString());
    try {
      List<LayerMember> members = readMembers(type, "");
      return new NetworkType(type, network, name, members,
          AnnotationUse.findRepeated(type, BUDGET, BUDGET_LIST, elements));
    } finally {
      reading.remove(type.getQualifiedName().toString());
    }
  }

  /** The {@code @EnergyBudget}s on {@code element}, repeated ones included. */
  public List<AnnotationUse> budgets(Element element) {
    return AnnotationUse.findRepeated(element, BUDGET, BUDGET_LIST, elements);
  }

  /**
   * Whether some {@code @Residual} member of {@code type}, or of the blocks it reads, has a type
   * javac has not resolved yet (one another processor generates in a later round).
   */
  public boolean hasUnresolvedBlocks(TypeElement type) {
    return hasUnresolvedBlocks(type, new HashSet<>());
  }

  private boolean hasUnresolvedBlocks(TypeElement type, Set<String> seen) {
    if (!seen.add(type.getQualifiedName().toString())) {
      return false;
    }
    for (Element e : type.getEnclosedElements()) {
      List<TypeMirror> blockTypes = new ArrayList<>();
      if (AnnotationUse.find(e, LayerKind.RESIDUAL.annotation().getCanonicalName(), elements) != null
          || AnnotationUse.find(e, LayerKind.GATE.annotation().getCanonicalName(), elements) != null) {
        blockTypes.add(memberType(e));
      }
      AnnotationUse concat = AnnotationUse.find(e, LayerKind.CONCAT.annotation().getCanonicalName(), elements);
      if (concat != null) {
        for (AnnotationValue value : concat.array("branches")) {
          blockTypes.add(value.getValue() instanceof TypeMirror t ? t : null);
        }
      }
      for (TypeMirror t : blockTypes) {
        if (t == null || t.getKind() == TypeKind.ERROR) {
          return true;
        }
        if (t.getKind() == TypeKind.DECLARED
            && hasUnresolvedBlocks((TypeElement) ((DeclaredType) t).asElement(), seen)) {
          return true;
        }
      }
    }
    return false;
  }

  private BlockType readBlock(TypeElement type, AnnotationUse annotation) {
    String key = type.getQualifiedName().toString();
    BlockType block = blocks.get(key);
    if (block != null) {
      return block;
    }
    block = new BlockType(type, annotation);
    blocks.put(key, block);
    reading.add(key);
    try {
      block.members().addAll(readMembers(type, type.getSimpleName() + "."));
    } finally {
      reading.remove(key);
    }
    return block;
  }

  private List<LayerMember> readMembers(TypeElement type, String prefix) {
    Set<Element> recordAccessors = recordAccessors(type);
    List<LayerMember> members = new ArrayList<>();
    for (Element e : type.getEnclosedElements()) {
      if (!isMemberKind(e.getKind()) || recordAccessors.contains(e)) {
        continue;
      }
      LayerMember member = readMember(e, prefix);
      if (member != null) {
        members.add(member);
      }
    }
    return members;
  }

  private @Nullable LayerMember readMember(Element e, String prefix) {
    List<LayerUse> uses = new ArrayList<>();
    for (AnnotationMirror mirror : e.getAnnotationMirrors()) {
      LayerKind kind = LayerKind.byAnnotation(AnnotationUse.qualifiedName(mirror));
      if (kind != null) {
        uses.add(new LayerUse(kind, new AnnotationUse(mirror, elements)));
      }
    }
    AnnotationUse shortcut = AnnotationUse.find(e, SHORTCUT, elements);
    if (uses.isEmpty() && shortcut == null) {
      return null;
    }
    LayerUse primary = null;
    for (LayerUse use : uses) {
      if (use.kind() != LayerKind.ACTIVATION) {
        primary = use;
        break;
      }
    }
    if (primary == null && !uses.isEmpty()) {
      primary = uses.get(0);
    }
    LayerUse activation = null;
    if (primary != null && primary.kind().takesActivation()) {
      for (LayerUse use : uses) {
        if (use.kind() == LayerKind.ACTIVATION) {
          activation = use;
          break;
        }
      }
    }
    List<LayerUse> extra = new ArrayList<>();
    for (LayerUse use : uses) {
      if (use != primary && use != activation) {
        extra.add(use);
      }
    }
    TypeMirror type = memberType(e);
    BlockType block = null;
    boolean cycle = false;
    List<LayerMember.BranchType> branches = new ArrayList<>();
    if (primary != null && (primary.kind() == LayerKind.RESIDUAL || primary.kind() == LayerKind.GATE)) {
      LayerMember.BranchType read = branchType(null, type,
          primary.kind() == LayerKind.RESIDUAL ? BLOCK : GATE_BLOCK);
      block = read.block();
      cycle = read.cycle();
    } else if (primary != null && primary.kind() == LayerKind.CONCAT) {
      for (AnnotationValue value : primary.annotation().array("branches")) {
        branches.add(branchType(value, value.getValue() instanceof TypeMirror t ? t : null, CONCAT_BRANCH));
      }
    }
    String name = prefix + e.getSimpleName() + (e.getKind() == ElementKind.METHOD ? "()" : "");
    return new LayerMember(e, name, primary, activation, extra, shortcut, type, block, cycle, branches);
  }

  /**
   * The block that {@code type} declares when it carries {@code marker} ({@code @Residual.Block},
   * {@code @Gate.Block} or {@code @Concat.Branch}); no block when it does not, a cycle when it is
   * one of the blocks being read.
   */
  private LayerMember.BranchType branchType(@Nullable AnnotationValue value, @Nullable TypeMirror type, String marker) {
    if (type == null || type.getKind() != TypeKind.DECLARED) {
      return new LayerMember.BranchType(value, type, null, false);
    }
    TypeElement blockType = (TypeElement) ((DeclaredType) type).asElement();
    AnnotationUse blockAnnotation = AnnotationUse.find(blockType, marker, elements);
    if (blockAnnotation == null) {
      return new LayerMember.BranchType(value, type, null, false);
    }
    if (reading.contains(blockType.getQualifiedName().toString())) {
      return new LayerMember.BranchType(value, type, null, true);
    }
    return new LayerMember.BranchType(value, type, readBlock(blockType, blockAnnotation), false);
  }

  /** The type a member stands for: a field's type, a method's return type, a nested type itself. */
  private static @Nullable TypeMirror memberType(Element e) {
    if (e.getKind() == ElementKind.METHOD) {
      return ((ExecutableElement) e).getReturnType();
    }
    return e.asType();
  }

  private static boolean isMemberKind(ElementKind kind) {
    return kind == ElementKind.FIELD || kind == ElementKind.METHOD || kind.isClass() || kind.isInterface();
  }

  /**
   * A record component's annotation lands on both its field and its accessor; the field is the
   * member, so the implicit accessors are skipped.
   */
  private static Set<Element> recordAccessors(TypeElement type) {
    if (type.getKind() != ElementKind.RECORD) {
      return Set.of();
    }
    Set<Element> accessors = new HashSet<>();
    for (RecordComponentElement component : type.getRecordComponents()) {
      if (component.getAccessor() != null) {
        accessors.add(component.getAccessor());
      }
    }
    return accessors;
  }
}
