package io.github.toenergy.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** The "did you mean" of a typo: which known names are close to what was typed. */
public final class Suggestions {
  private Suggestions() {}

  /**
   * The candidates within two edits of {@code typed} (three for words longer than 8), or that start
   * with it or it with them ({@code --batchsize}: {@code --batch}), closest first.
   */
  public static List<String> similar(String typed, Collection<String> candidates) {
    if (typed.length() > 100) {
      return List.of();
    }
    int allowed = typed.length() > 8 ? 3 : 2;
    List<String> close = new ArrayList<>();
    for (String c : candidates) {
      if (!close.contains(c) && (distance(typed, c) <= allowed || (typed.length() >= 3 && c.startsWith(typed))
          || (c.length() > 3 && typed.startsWith(c)))) {
        close.add(c);
      }
    }
    // ties broken by swapped neighbours counting as one edit ('rleu': relu before elu and glu); the sort is
    // stable, so remaining ties keep the candidates' order
    close.sort(Comparator.comparingInt((String c) -> distance(typed, c)).thenComparingInt(c -> distance(typed, c, true)));
    return close;
  }

  /** Levenshtein distance: insertions, deletions and substitutions. */
  static int distance(String a, String b) {
    return distance(a, b, false);
  }

  /** Levenshtein distance, with {@code transpositions} a swap of two neighbours as one edit (optimal string alignment). */
  static int distance(String a, String b, boolean transpositions) {
    int[] beforePrevious = new int[b.length() + 1];
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
        if (transpositions && i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          current[j] = Math.min(current[j], beforePrevious[j - 2] + 1);
        }
      }
      int[] swap = beforePrevious;
      beforePrevious = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
