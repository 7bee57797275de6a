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
  void aSwapComesBeforeOtherTiesWhichKeepTheCandidatesOrder() {
    // all three are two Levenshtein edits away; relu is one swap away, elu and glu tie and keep their order
    assertEquals(List.of("relu", "glu", "elu"), Suggestions.similar("rleu", List.of("glu", "elu", "relu", "columns")));
    assertEquals(List.of("relu", "elu", "glu"), Suggestions.similar("rleu", List.of("columns", "elu", "glu", "relu")));
  }
}
