package io.github.toenergy.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** {@code --key value} options and positional words of one sub-command, checked against what it accepts. */
final class Arguments {
  private final Map<String, List<String>> options = new LinkedHashMap<>();
  private final List<String> positional = new ArrayList<>();

  private Arguments() {}

  /**
   * @param accepted option names without the dashes
   * @throws UsageException on an unknown option or an option without its value
   */
  static Arguments parse(String command, List<String> args, Set<String> accepted) {
    Arguments a = new Arguments();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.startsWith("--")) {
        String name = arg.substring(2);
        String value = null;
        int eq = name.indexOf('=');
        if (eq >= 0) {
          value = name.substring(eq + 1);
          name = name.substring(0, eq);
        }
        if (!accepted.contains(name)) {
          throw new UsageException("unknown option '--" + name + "' for '" + command + "'; expected one of "
              + String.join(", ", accepted.stream().sorted().map(o -> "--" + o).toList()));
        }
        if (value == null) {
          if (i + 1 >= args.size()) {
            throw new UsageException("option '--" + name + "' needs a value");
          }
          value = args.get(++i);
        }
        a.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      } else {
        a.positional.add(arg);
      }
    }
    return a;
  }

  @Nullable String option(String name) {
    List<String> values = options.get(name);
    return values == null ? null : values.get(values.size() - 1);
  }

  String required(String name) {
    String value = option(name);
    if (value == null) {
      throw new UsageException("missing required option '--" + name + "'");
    }
    return value;
  }

  List<String> all(String name) {
    return options.getOrDefault(name, List.of());
  }

  long positiveLong(String name, long fallback) {
    String value = option(name);
    if (value == null) {
      return fallback;
    }
    try {
      long n = Long.parseLong(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("option '--" + name + "' must be a positive whole number, got '" + value + "'");
  }

  List<String> positional() {
    return positional;
  }
}
