package io.github.toenergy.processor.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The values a use of a block gets: defaults, expressions and their limits, worked by hand. */
class BlockParametersValuesTest {

  @Test
  void defaultsMayUseOtherParametersInAnyOrder() {
    BlockParameters p = BlockParameters.declare("Inverted", List.of("hidden = channels * 6", "channels", "stride = 1"));
    assertEquals(List.of(), p.problems());
    assertEquals(Map.of("channels", 24, "hidden", 144, "stride", 1), p.values(List.of("channels = 24"), Map.of()));
    // a given value wins over the default
    assertEquals(Map.of("channels", 24, "hidden", 100, "stride", 2),
        p.values(List.of("channels = 24", "hidden = 100", "stride = 2"), Map.of()));
  }

  /** 2 + 3 * (4 - 1) = 11; -w + 3 * w = 2w; products bind tighter than sums. */
  @Test
  void expressionsFollowTheUsualPrecedence() {
    BlockParameters p = BlockParameters.declare("B", List.of("w"));
    assertEquals(Map.of("filters", 11, "groups", 16, "kernel", 7),
        BlockParameters.bound(List.of("filters = 2 + 3 * (4 - 1)", "groups = -w + 3 * w", "kernel = 1 + 2 * 3"),
            p.values(List.of("w = 8"), Map.of())));
    // in a block used inside another, a value is an expression of the outer block's parameters
    assertEquals(Map.of("w", 256), p.values(List.of("w = width * 2"), Map.of("width", 128)));
  }

  @Test
  void aValueBeyondAnIntIsAnError() {
    BlockParameters p = BlockParameters.declare("B", List.of("w"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> p.values(List.of("w = 65536 * 65536"), Map.of()));
    assertEquals("'w = 65536 * 65536' gives 4294967296, beyond an int", e.getMessage());
  }

  @Test
  void problemsNameTheEntry() {
    assertEquals(List.of(new BlockParameters.Problem(1, "parameter 'w' is declared twice")),
        BlockParameters.declare("B", List.of("w", "w = 3")).problems());
    assertEquals(List.of(new BlockParameters.Problem(0, "'2w' is not of the form name or name = default")),
        BlockParameters.declare("B", List.of("2w")).problems());
    assertEquals(List.of(new BlockParameters.Problem(0, "the default of a depends on itself: a = a + 1")),
        BlockParameters.declare("B", List.of("a = a + 1")).problems());
    BlockParameters p = BlockParameters.declare("B", List.of("w"));
    assertEquals(List.of(new BlockParameters.Problem(1, "filters is bound twice")),
        p.checkBind(List.of("filters = w", "filters = w"), Set.of("filters"), "Conv2d"));
    assertEquals(List.of(new BlockParameters.Problem(0, "in 'filters = w +* 2': '*' at position 4 is not a whole number or a name")),
        p.checkBind(List.of("filters = w +* 2"), Set.of("filters"), "Conv2d"));
  }
}
