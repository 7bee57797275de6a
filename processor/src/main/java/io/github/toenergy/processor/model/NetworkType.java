package io.github.toenergy.processor.model;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.TypeElement;

/** A class annotated {@code @Network}, as written: its attributes, layer members and budgets. */
public final class NetworkType {
  private final TypeElement type;
  private final AnnotationUse network;
  private final String name;
  private final List<LayerMember> members;
  private final List<AnnotationUse> budgets;

  NetworkType(TypeElement type, AnnotationUse network, String name, List<LayerMember> members,
      List<AnnotationUse> budgets) {
    this.type = type;
    this.network = network;
    this.name = name;
    this.members = List.copyOf(members);
    this.budgets = List.copyOf(budgets);
  }

  public TypeElement type() {
    return type;
  }

  /** The {@code @Network} annotation. */
  public AnnotationUse network() {
    return network;
  }

  /** {@code @Network(name)}, or the class's simple name. */
  public String name() {
    return name;
  }

  /** Every layer member, in declaration order. */
  public List<LayerMember> members() {
    return members;
  }

  /** Every {@code @EnergyBudget}, repeated ones included. */
  public List<AnnotationUse> budgets() {
    return budgets;
  }

  /**
   * The block types the network reads ({@code @Residual.Block}, {@code @Gate.Block},
   * {@code @Concat.Branch}), directly or through other blocks, each once.
   */
  public List<TypeElement> blockTypes() {
    Set<TypeElement> found = new LinkedHashSet<>();
    collectBlocks(members, found);
    return List.copyOf(found);
  }

  private static void collectBlocks(List<LayerMember> members, Set<TypeElement> found) {
    for (LayerMember member : members) {
      List<BlockType> blocks = new java.util.ArrayList<>();
      if (member.block() != null) {
        blocks.add(member.block());
      }
      for (LayerMember.BranchType branch : member.branches()) {
        if (branch.block() != null) {
          blocks.add(branch.block());
        }
      }
      for (BlockType block : blocks) {
        if (found.add(block.type())) {
          collectBlocks(block.members(), found);
        }
      }
    }
  }
}
