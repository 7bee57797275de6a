package io.github.toenergy.processor.model;

import java.util.Map;
import java.util.Set;

/**
 * A layer annotation's attributes with those a {@code @Bind} takes from the block's parameters
 * replaced by their values for one use of the block.
 */
public final class BoundAttributes implements AttributeValues {
  private final AttributeValues written;
  private final Map<String, Integer> bound;

  public BoundAttributes(AttributeValues written, Map<String, Integer> bound) {
    this.written = written;
    this.bound = Map.copyOf(bound);
  }

  @Override
  public int intValue(String attribute) {
    Integer value = bound.get(attribute);
    return value != null ? value : written.intValue(attribute);
  }

  @Override
  public long longValue(String attribute) {
    return written.longValue(attribute);
  }

  @Override
  public double doubleValue(String attribute) {
    return written.doubleValue(attribute);
  }

  @Override
  public boolean booleanValue(String attribute) {
    return written.booleanValue(attribute);
  }

  @Override
  public String stringValue(String attribute) {
    return written.stringValue(attribute);
  }

  @Override
  public String enumValue(String attribute) {
    return written.enumValue(attribute);
  }

  @Override
  public Set<String> intAttributes() {
    return written.intAttributes();
  }

  @Override
  public int[] intArray(String attribute) {
    return written.intArray(attribute);
  }

  @Override
  public boolean has(String attribute) {
    return written.has(attribute);
  }

  /** A bound attribute is given a value by the use, never its default. */
  @Override
  public boolean isDefault(String attribute) {
    return !bound.containsKey(attribute) && written.isDefault(attribute);
  }
}
