package io.github.toenergy.processor.ksp;

import com.google.devtools.ksp.symbol.KSAnnotation;
import com.google.devtools.ksp.symbol.KSClassDeclaration;
import com.google.devtools.ksp.symbol.KSDeclaration;
import com.google.devtools.ksp.symbol.KSName;
import com.google.devtools.ksp.symbol.KSType;
import com.google.devtools.ksp.symbol.KSValueArgument;
import io.github.toenergy.processor.model.AttributeValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The attribute values of one {@link KSAnnotation}, defaults included, as the shared model stage
 * reads them ({@link AttributeValues}).
 */
final class KsAttributes implements AttributeValues {
  private final KSAnnotation annotation;
  private final String qualifiedName;
  private final Map<String, @Nullable Object> values = new LinkedHashMap<>();
  private final Map<String, @Nullable Object> defaults = new LinkedHashMap<>();

  KsAttributes(KSAnnotation annotation, String qualifiedName) {
    this.annotation = annotation;
    this.qualifiedName = qualifiedName;
    for (KSValueArgument argument : annotation.getDefaultArguments()) {
      put(defaults, argument);
    }
    values.putAll(defaults);
    for (KSValueArgument argument : annotation.getArguments()) {
      put(values, argument);
    }
  }

  private static void put(Map<String, @Nullable Object> map, KSValueArgument argument) {
    KSName name = argument.getName();
    if (name != null && argument.getValue() != null) {
      map.put(name.asString(), argument.getValue());
    }
  }

  /** Whether the user wrote {@code attribute} (KSP2 lists defaults among the arguments: a value unlike the default). */
  boolean written(String attribute) {
    return values.containsKey(attribute)
        && (!defaults.containsKey(attribute) || !String.valueOf(values.get(attribute)).equals(String.valueOf(defaults.get(attribute))));
  }

  /** Whether the default of {@code attribute} is 0 (a pool's stride: "the kernel"). */
  boolean defaultsToZero(String attribute) {
    return defaults.get(attribute) instanceof Number n && n.doubleValue() == 0;
  }

  KSAnnotation annotation() {
    return annotation;
  }

  String qualifiedName() {
    return qualifiedName;
  }

  String simpleName() {
    return qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
  }

  private Object value(String attribute) {
    Object value = values.get(attribute);
    if (value == null) {
      throw new IllegalArgumentException("@" + simpleName() + " has no value for " + attribute);
    }
    return value;
  }

  @Override
  public int intValue(String attribute) {
    return ((Number) value(attribute)).intValue();
  }

  @Override
  public long longValue(String attribute) {
    return ((Number) value(attribute)).longValue();
  }

  @Override
  public double doubleValue(String attribute) {
    return ((Number) value(attribute)).doubleValue();
  }

  @Override
  public boolean booleanValue(String attribute) {
    return (Boolean) value(attribute);
  }

  @Override
  public String stringValue(String attribute) {
    return (String) value(attribute);
  }

  /** KSP gives an enum entry as its declaration (KSP2) or as a type whose declaration it is. */
  @Override
  public String enumValue(String attribute) {
    Object value = value(attribute);
    KSDeclaration entry = value instanceof KSType type ? type.getDeclaration()
        : value instanceof KSClassDeclaration declaration ? declaration : null;
    if (entry == null) {
      String text = String.valueOf(value);
      return text.substring(text.lastIndexOf('.') + 1);
    }
    return entry.getSimpleName().asString();
  }

  @Override
  public int[] intArray(String attribute) {
    return array(attribute).stream().mapToInt(v -> ((Number) v).intValue()).toArray();
  }

  @Override
  public boolean has(String attribute) {
    return values.containsKey(attribute);
  }

  @Override
  public boolean isDefault(String attribute) {
    return defaults.containsKey(attribute)
        && String.valueOf(values.get(attribute)).equals(String.valueOf(defaults.get(attribute)));
  }

  /** The elements of an array attribute (a single value counts as one). */
  List<Object> array(String attribute) {
    Object value = value(attribute);
    List<Object> list = new ArrayList<>();
    if (value instanceof List<?> items) {
      list.addAll(items);
    } else if (value instanceof int[] ints) {
      for (int i : ints) {
        list.add(i);
      }
    } else if (value instanceof Object[] items) {
      list.addAll(List.of(items));
    } else {
      list.add(value);
    }
    return list;
  }
}
