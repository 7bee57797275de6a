package io.github.toenergy.processor.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The parameters of one {@code @Residual.Block} type ({@code params = {"width", "stride = 1"}}),
 * and how a use's {@code @Residual(with = ...)} and a layer's {@code @Bind(...)} refer to them:
 * parsed, checked and evaluated here, once, for both the javac and the KSP front end. An entry is
 * {@code name} or {@code name = expression}; an expression is whole numbers, names, {@code + - *}
 * and parentheses, evaluated exactly ({@code long}, then checked to fit an {@code int}).
 *
 * <p>Checks that need no values (syntax, unknown names, missing values, cycles among defaults) are
 * {@link Problem}s found before anything is built; the values themselves differ from use to use
 * and are computed when the network is assembled ({@link #values}, {@link #bound}).
 */
public final class BlockParameters {
  /** No parameters: a network class, or a block type that declares none. */
  public static final BlockParameters NONE = new BlockParameters("", List.of(), List.of());

  /**
   * One problem, in element {@code element} (0-based) of the array attribute it was found in.
   *
   * @param message what is wrong, naming the entry as written
   */
  public record Problem(int element, String message) {}

  /** One entry as written: {@code name} alone (expression null) or {@code name = expression}. */
  private record Entry(int element, String text, String name, @Nullable String expression) {}

  private final String owner;
  private final List<Entry> declared;
  private final List<Problem> problems;

  private BlockParameters(String owner, List<Entry> declared, List<Problem> problems) {
    this.owner = owner;
    this.declared = List.copyOf(declared);
    this.problems = List.copyOf(problems);
  }

  /**
   * Reads {@code params} of block type {@code owner}: each a name, or a name with a default that may
   * use the parameters declared in the same list (not in a cycle).
   */
  public static BlockParameters declare(String owner, List<String> params) {
    List<Problem> problems = new ArrayList<>();
    List<Entry> entries = entries(params, false, problems);
    Map<String, Entry> byName = new LinkedHashMap<>();
    for (Entry e : entries) {
      if (byName.putIfAbsent(e.name(), e) != null) {
        problems.add(new Problem(e.element(), "parameter '" + e.name() + "' is declared twice"));
      }
    }
    for (Entry e : byName.values()) {
      if (e.expression() != null) {
        for (String name : names(e.expression())) {
          if (!byName.containsKey(name)) {
            problems.add(new Problem(e.element(), "the default of " + e.name() + " names '" + name
                + "', which is no parameter of " + owner + " (its parameters: " + String.join(", ", byName.keySet())
                + ")"));
          }
        }
      }
    }
    if (problems.isEmpty()) {
      Entry cycle = cycle(byName);
      if (cycle != null) {
        problems.add(new Problem(cycle.element(), "the default of " + cycle.name() + " depends on itself: "
            + cyclePath(cycle, byName)));
      }
    }
    return new BlockParameters(owner, List.copyOf(byName.values()), problems);
  }

  /** Problems of the declaration; a block with any is not built. */
  public List<Problem> problems() {
    return problems;
  }

  /** The parameters' names, in declaration order. */
  public Set<String> names() {
    Set<String> names = new LinkedHashSet<>();
    declared.forEach(e -> names.add(e.name()));
    return names;
  }

  /** Whether the block declares no parameter. */
  public boolean isEmpty() {
    return declared.isEmpty();
  }

  /**
   * Checks a use's {@code with} entries against these parameters: each names a parameter once, its
   * expression names only parameters of {@code outer} (the class holding the use), and every
   * parameter without a default gets a value.
   */
  public List<Problem> checkWith(List<String> with, BlockParameters outer) {
    List<Problem> found = new ArrayList<>();
    Set<String> given = new LinkedHashSet<>();
    for (Entry e : entries(with, true, found)) {
      if (!names().contains(e.name())) {
        found.add(new Problem(e.element(), "'" + e.name() + "' is no parameter of " + owner + describe(names())));
      } else if (!given.add(e.name())) {
        found.add(new Problem(e.element(), e.name() + " is given twice"));
      }
      checkNames(e, outer, found);
    }
    for (Entry p : declared) {
      if (p.expression() == null && !given.contains(p.name())) {
        found.add(new Problem(-1, owner + " needs a value for its parameter " + p.name() + ": with = \"" + p.name()
            + " = ...\""));
      }
    }
    return found;
  }

  /**
   * Checks a layer's {@code @Bind} entries: each binds one of {@code bindable} (the layer
   * annotation's whole-number attributes) once, to an expression of these parameters.
   */
  public List<Problem> checkBind(List<String> bind, Set<String> bindable, String annotation) {
    List<Problem> found = new ArrayList<>();
    Set<String> bound = new LinkedHashSet<>();
    for (Entry e : entries(bind, true, found)) {
      if (!bindable.contains(e.name())) {
        found.add(new Problem(e.element(), "'" + e.name() + "' is no whole-number attribute of @" + annotation
            + " (bindable: " + String.join(", ", bindable) + ")"));
      } else if (!bound.add(e.name())) {
        found.add(new Problem(e.element(), e.name() + " is bound twice"));
      }
      checkNames(e, this, found);
    }
    return found;
  }

  private static void checkNames(Entry e, BlockParameters scope, List<Problem> found) {
    for (String name : names(e.expression())) {
      if (!scope.names().contains(name)) {
        found.add(new Problem(e.element(), "in '" + e.text() + "', '" + name + "' is "
            + (scope.isEmpty() && scope.owner.isEmpty() ? "not a whole number (a network has no parameters to name)"
                : "neither a whole number nor a parameter of " + scope.owner + describe(scope.names()))));
      }
    }
  }

  private static String describe(Set<String> names) {
    return names.isEmpty() ? ", which declares none" : " (its parameters: " + String.join(", ", names) + ")";
  }

  /**
   * The parameters' values for one use whose {@code with} (checked) is evaluated with the values of
   * the class holding the use ({@code outer}).
   *
   * @throws IllegalArgumentException when a value does not fit an int
   */
  public Map<String, Integer> values(List<String> with, Map<String, Integer> outer) {
    Map<String, Integer> values = new LinkedHashMap<>();
    for (Entry e : entries(with, true, new ArrayList<>())) {
      values.put(e.name(), evaluate(e, outer));
    }
    Map<String, Entry> byName = new HashMap<>();
    declared.forEach(p -> byName.put(p.name(), p));
    for (Entry p : declared) {
      resolve(p, byName, values);
    }
    return values;
  }

  private static int resolve(Entry p, Map<String, Entry> byName, Map<String, Integer> values) {
    Integer known = values.get(p.name());
    if (known != null) {
      return known;
    }
    Map<String, Integer> inputs = new HashMap<>();
    for (String name : names(p.expression())) { // the declaration has no cycle: checked before
      inputs.put(name, resolve(byName.get(name), byName, values));
    }
    int value = evaluate(p, inputs);
    values.put(p.name(), value);
    return value;
  }

  /**
   * The attribute values a checked {@code @Bind} gives with the block's {@code values}.
   *
   * @throws IllegalArgumentException when a value does not fit an int
   */
  public static Map<String, Integer> bound(List<String> bind, Map<String, Integer> values) {
    Map<String, Integer> bound = new LinkedHashMap<>();
    for (Entry e : entries(bind, true, new ArrayList<>())) {
      bound.put(e.name(), evaluate(e, values));
    }
    return bound;
  }

  /** The attribute names a checked {@code @Bind} binds. */
  public static Set<String> boundNames(List<String> bind) {
    Set<String> names = new LinkedHashSet<>();
    for (Entry e : entries(bind, true, new ArrayList<>())) {
      names.add(e.name());
    }
    return names;
  }

  // ---- entries and expressions ------------------------------------------------------------------

  private static List<Entry> entries(List<String> items, boolean expressionRequired, List<Problem> problems) {
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String item = items.get(i);
      int eq = item.indexOf('=');
      String name = (eq < 0 ? item : item.substring(0, eq)).strip();
      String expression = eq < 0 ? null : item.substring(eq + 1).strip();
      String form = expressionRequired ? "name = value" : "name or name = default";
      if (!isName(name) || (expression == null && expressionRequired)) {
        problems.add(new Problem(i, "'" + item + "' is not of the form " + form));
        continue;
      }
      if (expression != null) {
        try {
          names(expression);
        } catch (IllegalArgumentException e) {
          problems.add(new Problem(i, "in '" + item + "': " + e.getMessage()));
          continue;
        }
      }
      entries.add(new Entry(i, item, name, expression));
    }
    return entries;
  }

  private static boolean isName(String text) {
    if (text.isEmpty() || !Character.isJavaIdentifierStart(text.charAt(0))) {
      return false;
    }
    return text.chars().allMatch(Character::isJavaIdentifierPart);
  }

  /** The names {@code expression} uses. @throws IllegalArgumentException naming a syntax error */
  static Set<String> names(@Nullable String expression) {
    Set<String> names = new LinkedHashSet<>();
    if (expression != null) {
      new Expression(expression, null, names).parse();
    }
    return names;
  }

  private static int evaluate(Entry e, Map<String, Integer> values) {
    long value = new Expression(e.expression(), values, new LinkedHashSet<>()).parse();
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("'" + e.text() + "' gives " + value + ", beyond an int");
    }
    return (int) value;
  }

  /** {@code expr := term (("+"|"-") term)*, term := unary ("*" unary)*, unary := "-"? (int | name | "(" expr ")")}. */
  private static final class Expression {
    private final String text;
    private final @Nullable Map<String, Integer> values;
    private final Set<String> names;
    private int pos;

    Expression(String text, @Nullable Map<String, Integer> values, Set<String> names) {
      this.text = text;
      this.values = values;
      this.names = names;
    }

    long parse() {
      long value = sum();
      skipSpace();
      if (pos < text.length()) {
        throw new IllegalArgumentException("unexpected '" + text.charAt(pos) + "' at position " + (pos + 1)
            + " (an expression is whole numbers, parameter names, + - * and parentheses)");
      }
      return value;
    }

    private long sum() {
      long value = product();
      while (true) {
        skipSpace();
        if (peek('+')) {
          value = Math.addExact(value, product());
        } else if (peek('-')) {
          value = Math.subtractExact(value, product());
        } else {
          return value;
        }
      }
    }

    private long product() {
      long value = unary();
      while (true) {
        skipSpace();
        if (peek('*')) {
          value = Math.multiplyExact(value, unary());
        } else {
          return value;
        }
      }
    }

    private long unary() {
      skipSpace();
      if (peek('-')) {
        return Math.negateExact(unary());
      }
      if (peek('(')) {
        long value = sum();
        skipSpace();
        if (!peek(')')) {
          throw new IllegalArgumentException("')' expected at position " + (pos + 1));
        }
        return value;
      }
      int start = pos;
      if (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
          pos++;
        }
        if (pos - start > 10) {
          throw new IllegalArgumentException("'" + text.substring(start, pos) + "' is beyond an int");
        }
        return Long.parseLong(text.substring(start, pos));
      }
      if (pos < text.length() && Character.isJavaIdentifierStart(text.charAt(pos))) {
        while (pos < text.length() && Character.isJavaIdentifierPart(text.charAt(pos))) {
          pos++;
        }
        String name = text.substring(start, pos);
        names.add(name);
        return values == null ? 1 : values.getOrDefault(name, 0);
      }
      throw new IllegalArgumentException(pos < text.length()
          ? "'" + text.charAt(pos) + "' at position " + (pos + 1) + " is not a whole number or a name"
          : "a whole number or a name expected at the end");
    }

    private boolean peek(char c) {
      if (pos < text.length() && text.charAt(pos) == c) {
        pos++;
        return true;
      }
      return false;
    }

    private void skipSpace() {
      while (pos < text.length() && text.charAt(pos) == ' ') {
        pos++;
      }
    }
  }

  // ---- cycles among defaults ---------------------------------------------------------------------

  /** The first parameter (in declaration order) whose default depends on itself, or null. */
  private static @Nullable Entry cycle(Map<String, Entry> byName) {
    for (Entry e : byName.values()) {
      for (String name : names(e.expression())) {
        if (reaches(byName.get(name), e.name(), byName, new LinkedHashSet<>())) {
          return e;
        }
      }
    }
    return null;
  }

  /** {@code a = b + 1, b = a * 2}: the entries of the cycle through {@code start}, as written. */
  private static String cyclePath(Entry start, Map<String, Entry> byName) {
    List<String> path = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    Entry e = start;
    while (e != null && seen.add(e.name())) {
      path.add(e.text().strip());
      Entry next = null;
      for (String name : names(e.expression())) {
        if (reaches(byName.get(name), start.name(), byName, new LinkedHashSet<>())) {
          next = byName.get(name);
          break;
        }
      }
      e = next;
    }
    return String.join(", ", path);
  }

  private static boolean reaches(Entry from, String target, Map<String, Entry> byName, Set<String> seen) {
    if (from.name().equals(target)) {
      return true;
    }
    if (!seen.add(from.name())) {
      return false;
    }
    for (String name : names(from.expression())) {
      if (reaches(byName.get(name), target, byName, seen)) {
        return true;
      }
    }
    return false;
  }
}
