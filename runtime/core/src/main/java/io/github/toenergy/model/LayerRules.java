package io.github.toenergy.model;

import io.github.toenergy.model.InvalidLayerException.Problem;
import io.github.toenergy.model.InvalidLayerException.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the broken rules of one layer's attributes, so that a constructor reports all of them
 * at once ({@link InvalidLayerException}) rather than the first.
 */
final class LayerRules {
  private final LayerKind kind;
  private final List<Problem> problems = new ArrayList<>();

  LayerRules(LayerKind kind) {
    this.kind = kind;
  }

  LayerRules positive(String attribute, int value) {
    return positive(attribute, attribute, value);
  }

  /** As {@link #positive(String, int)}, with {@code name} for the attribute in the message. */
  LayerRules positive(String attribute, String name, int value) {
    if (value <= 0) {
      problems.add(new Problem(attribute, Rule.POSITIVE, "", name + " must be positive, got " + value));
    }
    return this;
  }

  /** Both sides of {@code value} must be positive; the message writes it as the notation does. */
  LayerRules positive(String attribute, Size2d value) {
    return positive(attribute, attribute, value);
  }

  LayerRules positive(String attribute, String name, Size2d value) {
    if (value.height() <= 0 || value.width() <= 0) {
      problems.add(new Problem(attribute, Rule.POSITIVE, "", name + " must be positive, got " + value));
    }
    return this;
  }

  LayerRules notNegative(String attribute, Size2d value) {
    if (value.height() < 0 || value.width() < 0) {
      problems.add(new Problem(attribute, Rule.NOT_NEGATIVE, "", attribute + " must not be negative, got " + value));
    }
    return this;
  }

  LayerRules notNegative(String attribute, int value) {
    if (value < 0) {
      problems.add(new Problem(attribute, Rule.NOT_NEGATIVE, "", attribute + " must not be negative, got " + value));
    }
    return this;
  }

  /** {@code attribute} must divide {@code other}; checked only when the sizes themselves are valid. */
  LayerRules divides(String attribute, int value, String other, int otherValue) {
    if (problems.isEmpty() && otherValue % value != 0) {
      problems.add(new Problem(attribute, Rule.DIVIDES, other,
          attribute + " " + value + " do not divide " + other + " " + otherValue));
    }
    return this;
  }

  /** A rule of its own, checked only when the sizes themselves are valid. */
  LayerRules require(boolean holds, String attribute, String message) {
    if (problems.isEmpty() && !holds) {
      problems.add(new Problem(attribute, Rule.OTHER, "", message));
    }
    return this;
  }

  /** @throws InvalidLayerException with every problem found */
  void check() {
    if (!problems.isEmpty()) {
      throw new InvalidLayerException(kind, problems);
    }
  }
}
