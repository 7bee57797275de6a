package io.github.toenergy.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  @Test
  void swappedNeighboursAreOneEditOnlyToBreakTies() {
    // 'rleu' -> 'relu': two substitutions (Levenshtein), or one swap of the neighbours l and e
    assertEquals(2, Suggestions.distance("rleu", "relu"));
    assertEquals(1, Suggestions.distance("rleu", "relu", true));
    assertEquals(2, Suggestions.distance("rleu", "elu", true)); // r to e, delete the second e: no swap helps
  }

  @Test
  void theOrderDoesNotDependOnTheCandidatesOrder() {
    // all three are two Levenshtein edits away; relu is one swap away, elu and glu tie and go by name
    List<String> expected = List.of("relu", "elu", "glu");
    assertEquals(expected, Suggestions.similar("rleu", List.of("glu", "elu", "relu", "columns")));
    assertEquals(expected, Suggestions.similar("rleu", List.of("columns", "relu", "glu", "elu")));
  }
}
