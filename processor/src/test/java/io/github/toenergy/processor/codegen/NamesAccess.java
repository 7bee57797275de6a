package io.github.toenergy.processor.codegen;

import java.util.Set;

/** Test access to the package-private {@link Names}. */
public final class NamesAccess {
  private NamesAccess() {}

  public static String profileClass(String id, Set<String> taken) {
    return Names.profileClass(id, taken);
  }
}
