package io.github.toenergy.processor;

import io.github.toenergy.annotations.ActivationFunction;
import io.github.toenergy.annotations.UpsampleMode;
import io.github.toenergy.model.Format;
import io.github.toenergy.model.Layer;
import io.github.toenergy.model.Network;
import io.github.toenergy.model.Shape;
import io.github.toenergy.model.Size2d;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * Random annotated network classes for the processor fuzz test. A case is one source file with one
 * network class (top level, nested, generic, abstract, an interface or a record), members of every
 * style (fields, methods, Kotlin-style private fields with getters, odd types), layers in
 * declaration order or shuffled and pinned by {@code index}, residual blocks as nested or
 * top-level {@code @Residual.Block} types with body and {@code @Shortcut} members interleaved, and
 * budgets. A clean case is valid by construction and carries the runtime {@link Network} it
 * describes; a faulty case has one to three faults injected: invalid attribute values, sizes whose
 * counts overflow, misplaced or doubled annotations, index conflicts, cyclic blocks, ...
 */
final class FuzzedSources {
  static final String PACKAGE = "fuzz";
  /**
   * Network names ({@code @Network(name)}, as values, not as Java source) with what could break a
   * generated source: backslashes (javac reads a unicode escape even in a comment: {@code \}{@code
   * u002a/} ends one), comment ends, Javadoc tags, HTML, quotes, control and non-ASCII characters.
   */
  private static final List<String> NAMES = List.of("fuzzed_", "C:\\users\\lab_",
      "\\u002a/ class Injected {} /\\u002a_", "*/ @Deprecated /*_", "\\", "\\\\u0041_", "{@code x} <b>&amp;_",
      "tab\there_", "quote\"_", "\u00fcn\u00efc\u00f6de_", "line\nbreak_");
  private static final ActivationFunction[] ACTIVATIONS = ActivationFunction.values();

  /** One generated source file. */
  record Case(String qualifiedName, String source, List<String> generated, @Nullable Network network,
      List<String> faults, String profile) {
    boolean clean() {
      return network != null;
    }
  }

  /** An annotation being written: its simple name and attributes in order (values as Java source). */
  private static final class Ann {
    final String name;
    final Map<String, String> attributes = new LinkedHashMap<>();

    Ann(String name) {
      this.name = name;
    }

    Ann with(String key, Object value) {
      attributes.put(key, String.valueOf(value));
      return this;
    }

    String render() {
      if (attributes.isEmpty()) {
        return "@" + name;
      }
      if (attributes.size() == 1 && attributes.containsKey("value")) {
        return "@" + name + "(" + attributes.get("value") + ")";
      }
      List<String> parts = new ArrayList<>();
      attributes.forEach((k, v) -> parts.add(k + " = " + v));
      return "@" + name + "(" + String.join(", ", parts) + ")";
    }
  }

  /** A member carrying layer annotations. */
  private static final class Member {
    final List<Ann> annotations = new ArrayList<>();
    final String name;
    String style = "field"; // field, method, kotlin, static
    String type = "Object";

    Member(String name) {
      this.name = name;
    }
  }

  /** A class being written: a network or a residual block. */
  private static final class TypeSpec {
    final String name;
    final List<Ann> annotations = new ArrayList<>();
    final List<Member> members = new ArrayList<>();
    final List<TypeSpec> nested = new ArrayList<>();
    String kind = "class"; // class, abstract, interface, record, generic
    boolean isStatic;

    TypeSpec(String name) {
      this.name = name;
    }
  }

  private final Random r;
  private final String id;
  private final List<TypeSpec> topLevelBlocks = new ArrayList<>();
  private final List<String> faults = new ArrayList<>();
  private int blockCount;
  private int memberCount;
  private boolean odd; // something whose outcome the generator does not predict

  private FuzzedSources(Random r, String id) {
    this.r = r;
    this.id = id;
  }

  static Case generate(long seed, int number) {
    return new FuzzedSources(new Random(seed), String.format(Locale.ROOT, "%03d", number)).generate();
  }

  private Case generate() {
    boolean spatial = r.nextInt(4) != 0;
    Shape input = spatial ? Shape.of(1 + r.nextInt(4), 4 + r.nextInt(13), 4 + r.nextInt(13)) : Shape.flat(1 + r.nextInt(64));
    Format format = r.nextInt(4) == 0 ? Format.values()[r.nextInt(Format.values().length)] : Format.FP32;
    List<Layer> layers = new ArrayList<>();
    String networkName = "Net" + id;
    TypeSpec network = new TypeSpec(networkName);
    Ann net = new Ann("Network").with("input", spatial
        ? "{" + input.channels() + ", " + input.height() + ", " + input.width() + "}"
        : (r.nextBoolean() ? "{" + input.channels() + "}" : String.valueOf(input.channels())));
    if (format != Format.FP32) net.with("format", "NumberFormat." + format.name());
    String profile = List.of("test-cpu", "xeon-gold-5120", "lab-box").get(r.nextInt(3));
    if (r.nextInt(3) != 0) net.with("profiles", "{\"" + profile + "\"}"); // else every loaded profile
    if (r.nextInt(5) == 0) net.with("phase", "Phase.TRAINING");
    if (r.nextInt(3) == 0) net.with("name", javaString(NAMES.get(r.nextInt(NAMES.size())) + id));
    network.annotations.add(net);
    if (r.nextInt(4) == 0) {
      network.annotations.add(new Ann("EnergyBudget").with("joules", "1.0e9").with("profile", "\"" + profile + "\"")
          .with("batch", 1 + r.nextInt(8)));
    }
    network.kind = List.of("class", "class", "class", "abstract", "generic", "generic").get(r.nextInt(6));

    Shape shape = input;
    int count = 1 + r.nextInt(10);
    for (int i = 0; i < count; i++) {
      shape = addLayer(network, layers, shape, 0);
    }
    order(network);

    // the class is top level, or nested in an outer class
    boolean nestedNetwork = r.nextInt(5) == 0;
    String topName = nestedNetwork ? "Outer" + id : networkName;
    String generatedName = PACKAGE + "." + (nestedNetwork ? topName + "_" : "") + networkName + "Energy";
    Network expected = new Network(networkName, input, format, layers);

    injectFaults(network, spatial);
    if (r.nextInt(12) == 0) {
      network.kind = r.nextBoolean() ? "interface" : "record";
      odd = true;
    }
    String source = render(network, nestedNetwork ? topName : null);
    boolean clean = faults.isEmpty() && !odd;
    return new Case(PACKAGE + "." + topName, source, List.of(generatedName), clean ? expected : null,
        List.copyOf(faults), profile);
  }

  // ---- valid layers -----------------------------------------------------------------------

  /** Adds one layer that fits {@code shape} to {@code owner}, returning the shape after it. */
  private Shape addLayer(TypeSpec owner, List<Layer> layers, Shape shape, int depth) {
    int pick = r.nextInt(100);
    Member m = new Member(nextMemberName());
    owner.members.add(m);
    Layer layer;
    if (shape.spatial()) {
      if (pick < 30) {
        layer = conv(shape);
      } else if (pick < 40) {
        int k = 1 + r.nextInt(Math.min(3, Math.min(shape.height(), shape.width())));
        Size2d stride = r.nextBoolean() ? Size2d.square(k)
            : r.nextInt(3) == 0 ? new Size2d(1 + r.nextInt(2), 1 + r.nextInt(2)) : Size2d.square(1 + r.nextInt(2));
        boolean ceil = r.nextInt(3) == 0;
        layer = r.nextBoolean() ? new Layer.MaxPool2d(Size2d.square(k), stride, Size2d.square(0), ceil)
            : new Layer.AvgPool2d(Size2d.square(k), stride, Size2d.square(0), ceil);
      } else if (pick < 43) {
        layer = r.nextBoolean() ? new Layer.AdaptiveAvgPool2d(1 + r.nextInt(3))
            : new Layer.AdaptiveAvgPool2d(new Size2d(1 + r.nextInt(3), 1 + r.nextInt(3)));
      } else if (pick < 45 && shape.elements() < 4_096) {
        layer = r.nextBoolean() ? new Layer.Upsample(2, r.nextBoolean() ? UpsampleMode.NEAREST : UpsampleMode.BILINEAR)
            : new Layer.ConvTranspose2d(1 + r.nextInt(8), new Size2d(1 + r.nextInt(3), 1 + r.nextInt(3)),
                Size2d.square(2), Size2d.square(0), new Size2d(r.nextInt(2), 0), 1, 1, r.nextBoolean());
      } else if (pick < 55) {
        layer = new Layer.BatchNorm();
      } else if (pick < 65 && depth == 0) {
        return residual(owner, m, layers, shape, depth);
      } else if (pick < 75) {
        layer = new Layer.Flatten();
      } else if (pick < 85) {
        layer = new Layer.Dropout(r.nextBoolean() ? 0.5 : r.nextInt(90) / 100.0);
      } else {
        layer = new Layer.Activation(ACTIVATIONS[r.nextInt(ACTIVATIONS.length)]);
      }
    } else {
      if (pick < 45) {
        layer = new Layer.Dense(1 + r.nextInt(32), r.nextInt(4) != 0);
      } else if (pick < 60) {
        layer = new Layer.BatchNorm();
      } else if (pick < 70 && depth == 0) {
        return residual(owner, m, layers, shape, depth);
      } else if (pick < 80) {
        layer = new Layer.Dropout(0.5);
      } else {
        layer = new Layer.Activation(ACTIVATIONS[r.nextInt(ACTIVATIONS.length)]);
      }
    }
    m.annotations.add(annotationOf(layer));
    layers.add(layer);
    Shape out = layer.outputShape(shape);
    // an activation on the same member as a dense or conv layer runs right after it
    if ((layer instanceof Layer.Dense || layer instanceof Layer.Conv2d) && r.nextInt(3) == 0) {
      ActivationFunction f = ACTIVATIONS[r.nextInt(ACTIVATIONS.length)];
      m.annotations.add(new Ann("Activation").with("value", f.name()));
      layers.add(new Layer.Activation(f));
    }
    return out;
  }

  private Layer.Conv2d conv(Shape s) {
    int groups = s.channels() % 2 == 0 && r.nextInt(3) == 0 ? 2 : 1;
    int filters = groups * (1 + r.nextInt(8));
    int padding = r.nextInt(2);
    int kernel = 1 + r.nextInt(Math.min(3, Math.min(s.height(), s.width()) + 2 * padding));
    if (r.nextInt(4) == 0) { // Inception's 1 x k and k x 1, padded to keep the side
      int k = 1 + 2 * r.nextInt(Math.min(2, (Math.min(s.height(), s.width()) + 1) / 2));
      boolean row = r.nextBoolean();
      return new Layer.Conv2d(filters, row ? new Size2d(1, k) : new Size2d(k, 1), Size2d.square(1),
          row ? new Size2d(0, k / 2) : new Size2d(k / 2, 0), 1, groups, r.nextBoolean());
    }
    return new Layer.Conv2d(filters, kernel, 1 + r.nextInt(2), padding, 1, groups, r.nextBoolean());
  }

  /** A residual block member: a block type with a shape-keeping body, or a projection shortcut. */
  private Shape residual(TypeSpec owner, Member m, List<Layer> layers, Shape shape, int depth) {
    TypeSpec block = new TypeSpec("Block" + id + "_" + (++blockCount));
    block.annotations.add(new Ann("Residual.Block"));
    List<Layer> body = new ArrayList<>();
    List<Layer> shortcut = new ArrayList<>();
    if (shape.spatial() && r.nextBoolean()) {
      int f = 1 + r.nextInt(8);
      body.add(new Layer.Conv2d(f, 3, 2, 1, 1, 1, false));
      body.add(new Layer.BatchNorm());
      shortcut.add(new Layer.Conv2d(f, 1, 2, 0, 1, 1, false));
    } else if (shape.spatial()) {
      body.add(new Layer.Conv2d(shape.channels(), 3, 1, 1, 1, 1, r.nextBoolean()));
      body.add(new Layer.BatchNorm());
      if (r.nextBoolean()) body.add(new Layer.Activation(ActivationFunction.RELU));
    } else {
      body.add(new Layer.Dense(shape.channels(), true));
      body.add(new Layer.Activation(ACTIVATIONS[r.nextInt(ACTIVATIONS.length)]));
      if (r.nextBoolean()) {
        int units = 1 + r.nextInt(16);
        body.add(new Layer.Dense(units, false));
        shortcut.add(new Layer.Dense(units, true));
      }
    }
    List<Member> bodyMembers = new ArrayList<>();
    for (Layer l : body) {
      Member b = new Member(nextMemberName());
      b.annotations.add(annotationOf(l));
      bodyMembers.add(b);
    }
    List<Member> shortcutMembers = new ArrayList<>();
    for (Layer l : shortcut) {
      Member s = new Member(nextMemberName());
      s.annotations.add(annotationOf(l));
      s.annotations.add(new Ann("Shortcut"));
      if (r.nextBoolean()) Collections.reverse(s.annotations); // @Shortcut first or last
      shortcutMembers.add(s);
    }
    // interleave body and shortcut members, each keeping its own order
    int b = 0;
    int s = 0;
    while (b < bodyMembers.size() || s < shortcutMembers.size()) {
      boolean takeBody = s >= shortcutMembers.size() || (b < bodyMembers.size() && r.nextBoolean());
      block.members.add(takeBody ? bodyMembers.get(b++) : shortcutMembers.get(s++));
    }
    order(block);
    Layer.Residual residual = new Layer.Residual(body, shortcut);
    layers.add(residual);
    Shape out = residual.outputShape(shape);
    Ann use = new Ann("Residual");
    if (r.nextBoolean()) {
      ActivationFunction after = ACTIVATIONS[r.nextInt(ACTIVATIONS.length)];
      use.with("after", after.name());
      if (after != ActivationFunction.IDENTITY) layers.add(new Layer.Activation(after));
    }
    m.annotations.add(use);
    m.type = block.name;
    if (r.nextBoolean()) {
      block.isStatic = true;
      owner.nested.add(block);
    } else {
      topLevelBlocks.add(block);
    }
    return out;
  }

  /** A size as its number or, when not square, its {@code ...Size} array; nothing when it is {@code fallback}. */
  private static Ann size(Ann a, String attribute, Size2d size, @Nullable Size2d fallback) {
    if (size.equals(fallback)) return a;
    return size.isSquare() ? a.with(attribute, size.height())
        : a.with(attribute + "Size", "{" + size.height() + ", " + size.width() + "}");
  }

  private static Ann pool(Ann a, Size2d kernel, Size2d stride, boolean ceil) {
    size(a, "kernel", kernel, null);
    size(a, "stride", stride, kernel);
    return ceil ? a.with("ceil", true) : a;
  }

  private static Ann annotationOf(Layer layer) {
    if (layer instanceof Layer.Dense d) {
      Ann a = new Ann("Dense").with("units", d.units());
      return d.bias() ? a : a.with("bias", false);
    }
    if (layer instanceof Layer.Conv2d c) {
      Ann a = size(new Ann("Conv2d").with("filters", c.filters()), "kernel", c.kernel(), null);
      size(a, "stride", c.stride(), Size2d.square(1));
      size(a, "padding", c.padding(), Size2d.square(0));
      if (c.dilation() != 1) a.with("dilation", c.dilation());
      if (c.groups() != 1) a.with("groups", c.groups());
      if (!c.bias()) a.with("bias", false);
      return a;
    }
    if (layer instanceof Layer.ConvTranspose2d c) {
      Ann a = size(new Ann("ConvTranspose2d").with("filters", c.filters()), "kernel", c.kernel(), null);
      size(a, "stride", c.stride(), Size2d.square(1));
      size(a, "outputPadding", c.outputPadding(), Size2d.square(0));
      return c.bias() ? a : a.with("bias", false);
    }
    if (layer instanceof Layer.Upsample u) {
      Ann a = new Ann("Upsample").with("factor", u.factor());
      return u.mode() == UpsampleMode.NEAREST ? a : a.with("mode", "UpsampleMode." + u.mode());
    }
    if (layer instanceof Layer.MaxPool2d p) {
      return pool(new Ann("MaxPool2d"), p.kernel(), p.stride(), p.ceil());
    }
    if (layer instanceof Layer.AvgPool2d p) {
      return pool(new Ann("AvgPool2d"), p.kernel(), p.stride(), p.ceil());
    }
    if (layer instanceof Layer.AdaptiveAvgPool2d a) {
      return size(new Ann("AdaptiveAvgPool2d"), "output", a.output(), null);
    }
    if (layer instanceof Layer.BatchNorm) return new Ann("BatchNorm");
    if (layer instanceof Layer.Flatten) return new Ann("Flatten");
    if (layer instanceof Layer.Dropout d) {
      return d.rate() == 0.5 ? new Ann("Dropout") : new Ann("Dropout").with("rate", d.rate());
    }
    if (layer instanceof Layer.Activation a) return new Ann("Activation").with("value", a.function().name());
    throw new AssertionError(layer);
  }

  /**
   * Declaration order as written, or shuffled with every member's layer pinned by {@code index}
   * (distinct, gapped); members get random styles and types.
   */
  private void order(TypeSpec type) {
    if (type.members.size() > 1 && r.nextInt(3) == 0) {
      int index = r.nextInt(3);
      for (Member m : type.members) {
        m.annotations.get(primary(m)).with("index", index);
        index += 1 + r.nextInt(3);
      }
      Collections.shuffle(type.members, r);
    }
    for (Member m : type.members) {
      if (m.type.startsWith("Block")) {
        m.style = r.nextInt(3) == 0 ? "method" : "field";
        continue;
      }
      m.style = List.of("field", "field", "method", "kotlin", "kotlin").get(r.nextInt(5));
      m.type = List.of("Object", "Object", "int", "String", "java.util.List<String>", "Runnable", "double[]")
          .get(r.nextInt(7));
      if (type.kind.equals("generic") && r.nextInt(3) == 0) m.type = "T";
    }
  }

  /** The position of a member's layer annotation: the first that is not {@code @Shortcut}. */
  private static int primary(Member m) {
    for (int i = 0; i < m.annotations.size(); i++) {
      if (!m.annotations.get(i).name.equals("Shortcut")) {
        return i;
      }
    }
    return 0;
  }

  private String nextMemberName() {
    return "layer" + (++memberCount);
  }

  // ---- faults -----------------------------------------------------------------------------

  private void injectFaults(TypeSpec network, boolean spatial) {
    if (r.nextInt(5) < 2) {
      return; // clean
    }
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      fault(network, spatial);
    }
  }

  private void fault(TypeSpec network, boolean spatial) {
    List<Member> all = new ArrayList<>(network.members);
    for (TypeSpec t : network.nested) all.addAll(t.members);
    for (TypeSpec t : topLevelBlocks) all.addAll(t.members);
    Member m = all.get(r.nextInt(all.size()));
    Ann a = m.annotations.get(primary(m));
    String bad = List.of("0", "-1", "-2147483648", "2147483647", "65536").get(r.nextInt(5));
    switch (r.nextInt(16)) {
      case 0 -> {
        String key = switch (a.name) {
          case "Dense" -> "units";
          case "Conv2d" -> List.of("filters", "kernel", "stride", "dilation", "groups").get(r.nextInt(5));
          case "MaxPool2d", "AvgPool2d" -> List.of("kernel", "stride").get(r.nextInt(2));
          case "AdaptiveAvgPool2d" -> "output";
          default -> null;
        };
        if (key == null) {
          fault(network, spatial);
          return;
        }
        a.with(key, bad);
        faults.add(a.name + "." + key + "=" + bad);
      }
      case 1 -> {
        if (!List.of("Conv2d", "MaxPool2d", "AvgPool2d").contains(a.name)) {
          fault(network, spatial);
          return;
        }
        a.with("padding", List.of("-1", "2147483647", "9").get(r.nextInt(3)));
        faults.add(a.name + ".padding=" + a.attributes.get("padding"));
      }
      case 2 -> {
        String rate = List.of("1.0", "-0.5", "Double.NaN", "Double.POSITIVE_INFINITY", "2").get(r.nextInt(5));
        if (has(m, "Dropout")) {
          a.with("rate", rate);
          faults.add("@Dropout(rate=" + rate + ")");
        } else {
          m.annotations.add(0, new Ann("Dropout").with("rate", rate));
          faults.add("second annotation @Dropout(rate=" + rate + ")");
        }
      }
      case 3 -> {
        String input = List.of("{}", "{0}", "{3, 32}", "{-1, 8, 8}", "{1, 2, 3, 4}", "{65535, 65535, 65535}",
            "{2147483647, 2147483647, 2147483647}", "{1, 2147483647, 2147483647}").get(r.nextInt(8));
        network.annotations.get(0).with("input", input);
        faults.add("input=" + input);
      }
      case 4 -> {
        network.annotations.get(0).with("profiles", "{\"no-such-profile\"}");
        faults.add("unknown profile");
      }
      case 5 -> {
        Ann budget = new Ann("EnergyBudget")
            .with("joules", List.of("-1", "0", "Double.NaN", "1e-30", "Double.POSITIVE_INFINITY").get(r.nextInt(5)))
            .with("profile", r.nextBoolean() ? "\"test-cpu\"" : "\"nope\"")
            .with("batch", List.of("0", "-3", "2147483647", "1").get(r.nextInt(4)));
        if (r.nextBoolean()) budget.with("batches", List.of("-1", "9223372036854775807L", "1000").get(r.nextInt(3)));
        if (r.nextBoolean()) budget.with("phase", "Phase.TRAINING");
        if (r.nextBoolean()) budget.with("upperBound", true);
        network.annotations.add(budget);
        faults.add("budget " + budget.render());
      }
      case 6 -> {
        a.with("index", List.of("-5", "0", "3").get(r.nextInt(3))); // partial or conflicting indexes
        faults.add("index=" + a.attributes.get("index"));
      }
      case 7 -> {
        if (has(m, "Shortcut")) {
          fault(network, spatial);
          return;
        }
        m.annotations.add(new Ann("Shortcut"));
        faults.add("@Shortcut on " + m.name);
      }
      case 8 -> {
        if (has(m, spatial ? "Dense" : "Conv2d")) {
          fault(network, spatial);
          return;
        }
        m.annotations.add(new Ann(spatial ? "Dense" : "Conv2d").with(spatial ? "units" : "filters", 4)
            .with(spatial ? "bias" : "kernel", spatial ? "true" : "1"));
        faults.add("two layer annotations on " + m.name);
      }
      case 9 -> {
        // a dense layer straight after the spatial input: no flatten
        Member d = new Member("dense" + (++memberCount));
        d.annotations.add(new Ann("Dense").with("units", 3));
        network.members.add(0, d);
        faults.add("dense first");
      }
      case 10 -> {
        // a residual member whose type is no @Residual.Block, or a block that contains itself
        Member res = new Member("res" + (++memberCount));
        res.annotations.add(new Ann("Residual"));
        if (r.nextBoolean()) {
          res.type = "String";
          faults.add("residual of a non-block type");
        } else {
          TypeSpec loop = new TypeSpec("Loop" + id + "_" + (++blockCount));
          loop.isStatic = true;
          loop.annotations.add(new Ann("Residual.Block"));
          Member inner = new Member("again");
          inner.annotations.add(new Ann("Residual"));
          inner.type = loop.name;
          loop.members.add(inner);
          network.nested.add(loop);
          res.type = loop.name;
          faults.add("cyclic block");
        }
        network.members.add(r.nextInt(network.members.size() + 1), res);
      }
      case 11 -> {
        TypeSpec empty = new TypeSpec("Empty" + id + "_" + (++blockCount));
        empty.isStatic = true;
        empty.annotations.add(new Ann("Residual.Block"));
        network.nested.add(empty);
        Member res = new Member("empty" + (++memberCount));
        res.annotations.add(new Ann("Residual"));
        res.type = empty.name;
        network.members.add(res);
        faults.add("empty block");
      }
      case 12 -> {
        // a layer annotation on a class that is neither a network nor a block
        TypeSpec plain = new TypeSpec("Plain" + id + "_" + (++blockCount));
        plain.isStatic = true;
        Member p = new Member("stray");
        p.annotations.add(new Ann("Dense").with("units", 2));
        plain.members.add(p);
        network.nested.add(plain);
        faults.add("layer outside a network");
      }
      case 13 -> {
        // kernel larger than anything: 4096
        Member c = new Member("wide" + (++memberCount));
        c.annotations.add(new Ann(spatial ? "Conv2d" : "Dense").with(spatial ? "filters" : "units", 2)
            .with(spatial ? "kernel" : "bias", spatial ? "4096" : "true"));
        network.members.add(r.nextInt(network.members.size() + 1), c);
        faults.add("a layer that may not fit");
      }
      case 14 -> {
        // a huge but valid layer whose counts overflow a long with a huge budget batch
        Member c = new Member("huge" + (++memberCount));
        c.annotations.add(spatial ? new Ann("Conv2d").with("filters", 1 << 20).with("kernel", 1)
            : new Ann("Dense").with("units", 1 << 30));
        network.members.add(c);
        network.annotations.add(new Ann("EnergyBudget").with("joules", 1).with("profile", "\"test-cpu\"")
            .with("batch", Integer.MAX_VALUE).with("batches", Long.MAX_VALUE + "L"));
        faults.add("huge layer and batch");
      }
      default -> {
        network.annotations.get(0).with("input", "{1, 1, 1}");
        faults.add("1x1x1 input");
      }
    }
  }

  private static boolean has(Member m, String annotation) {
    return m.annotations.stream().anyMatch(a -> a.name.equals(annotation));
  }

  // ---- rendering ----------------------------------------------------------------------------

  /** {@code value} as a Java string literal. */
  static String javaString(String value) {
    StringBuilder s = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '\\' -> s.append("\\\\");
        case '"' -> s.append("\\\"");
        case '\n' -> s.append("\\n");
        case '\t' -> s.append("\\t");
        default -> s.append(c < 0x20 || c > 0x7e ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return s.append('"').toString();
  }

  private String render(TypeSpec network, @Nullable String outer) {
    StringBuilder s = new StringBuilder();
    s.append("package ").append(PACKAGE).append(";\n\n");
    s.append("import io.github.toenergy.annotations.*;\n");
    s.append("import static io.github.toenergy.annotations.ActivationFunction.*;\n\n");
    if (outer != null) {
      s.append("public class ").append(outer).append(" {\n");
      network.isStatic = true;
      renderType(s, network, "  ", true);
      s.append("}\n");
    } else {
      renderType(s, network, "", true);
    }
    for (TypeSpec block : topLevelBlocks) {
      s.append('\n');
      renderType(s, block, "", false);
    }
    return s.toString();
  }

  private void renderType(StringBuilder s, TypeSpec t, String indent, boolean isPublic) {
    for (Ann a : t.annotations) s.append(indent).append(a.render()).append('\n');
    String modifiers = (isPublic ? "public " : "") + (t.isStatic ? "static " : "");
    String inner = indent + "  ";
    switch (t.kind) {
      case "interface" -> {
        s.append(indent).append(modifiers).append("interface ").append(t.name).append(" {\n");
        for (Member m : t.members) {
          annotations(s, m, inner);
          s.append(inner).append(m.type.equals("T") ? "Object" : m.type).append(' ').append(m.name).append("();\n");
        }
      }
      case "record" -> {
        s.append(indent).append(modifiers).append("record ").append(t.name).append("(");
        List<String> components = new ArrayList<>();
        for (Member m : t.members) {
          StringBuilder c = new StringBuilder();
          for (Ann a : m.annotations) c.append(a.render()).append(' ');
          components.add(c + (m.type.equals("T") ? "Object" : m.type) + " " + m.name);
        }
        s.append(String.join(", ", components)).append(") {\n");
      }
      default -> {
        String typeParams = t.kind.equals("generic") ? "<T extends Comparable<T>>" : "";
        s.append(indent).append(modifiers).append(t.kind.equals("abstract") ? "abstract " : "").append("class ")
            .append(t.name).append(typeParams).append(" {\n");
        for (Member m : t.members) {
          renderMember(s, m, inner, t.kind.equals("abstract"));
        }
      }
    }
    for (TypeSpec n : t.nested) {
      renderType(s, n, inner, false);
    }
    s.append(indent).append("}\n");
  }

  private static void annotations(StringBuilder s, Member m, String indent) {
    s.append(indent);
    for (Ann a : m.annotations) s.append(a.render()).append(' ');
    s.append('\n');
  }

  private void renderMember(StringBuilder s, Member m, String indent, boolean isAbstract) {
    String type = m.type;
    switch (m.style) {
      case "method" -> {
        annotations(s, m, indent);
        if (isAbstract && r.nextBoolean()) {
          s.append(indent).append("abstract ").append(type).append(' ').append(m.name).append("();\n");
        } else {
          s.append(indent).append(type).append(' ').append(m.name).append("() { return ").append(zero(type))
              .append("; }\n");
        }
      }
      case "kotlin" -> {
        // what kapt shows for `val layer1: Any = ...`: a private final field and a public getter
        annotations(s, m, indent);
        s.append(indent).append("private final ").append(type).append(' ').append(m.name).append(" = ")
            .append(zero(type)).append(";\n");
        String getter = "get" + Character.toUpperCase(m.name.charAt(0)) + m.name.substring(1);
        s.append(indent).append("public final ").append(type).append(' ').append(getter).append("() { return ")
            .append(m.name).append("; }\n");
      }
      default -> {
        annotations(s, m, indent);
        s.append(indent).append(type).append(' ').append(m.name).append(";\n");
      }
    }
  }

  private static String zero(String type) {
    return switch (type) {
      case "int" -> "0";
      default -> "null";
    };
  }
}
