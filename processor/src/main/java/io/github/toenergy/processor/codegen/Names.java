package io.github.toenergy.processor.codegen;

import java.util.Set;
import javax.lang.model.SourceVersion;

/** Java names for what the generated source declares. */
final class Names {
  private Names() {}

  /**
   * The entry of a profile: {@code xeon-gold-5120} gives {@code XeonGold5120}; an id that
   * would not start a Java name, or that would clash with {@code taken}, gets a {@code Profile}
   * prefix or suffix.
   */
  static String profileClass(String id, Set<String> taken) {
    StringBuilder name = new StringBuilder();
    boolean upper = true;
    for (char c : id.toCharArray()) {
      if (!Character.isLetterOrDigit(c)) {
        upper = true;
        continue;
      }
      name.append(upper ? Character.toUpperCase(c) : c);
      upper = false;
    }
    String base = name.length() == 0 || !Character.isJavaIdentifierStart(name.charAt(0)) ? "Profile" + name : name.toString();
    String candidate = base;
    if (taken.contains(candidate) || !SourceVersion.isName(candidate)) {
      candidate = base + "Profile";
    }
    for (int n = 2; taken.contains(candidate); n++) {
      candidate = base + "Profile" + n;
    }
    return candidate;
  }
}
