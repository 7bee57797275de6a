package io.github.toenergy.processor.codegen;

import java.util.Set;
import javax.lang.model.SourceVersion;

/** Java names for what the generated source declares. */
final class Names {
  private Names() {}

  /** {@code residual_3/conv2d_1} and {@code MACS} give {@code RESIDUAL_3_CONV2D_1_MACS}. */
  static String layerConstant(String layer, String quantity) {
    StringBuilder name = new StringBuilder(layer.length() + quantity.length() + 1);
    boolean separated = false;
    for (int i = 0; i < layer.length(); i++) {
      char c = layer.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        name.append(Character.toUpperCase(c));
        separated = false;
      } else if (!separated) {
        name.append('_');
        separated = true;
      }
    }
    return name.append('_').append(quantity).toString();
  }

  /**
   * The nested class of a profile: {@code xeon-gold-5120} gives {@code XeonGold5120}; an id that
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
