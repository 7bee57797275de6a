package io.github.toenergy.profile;

import io.github.toenergy.cost.ArithmeticModel;
import io.github.toenergy.cost.CmosArithmeticModel;
import io.github.toenergy.cost.CountTable;
import io.github.toenergy.cost.Op;
import io.github.toenergy.energy.EnergyModel;
import io.github.toenergy.energy.Estimate;
import io.github.toenergy.energy.Estimator;
import io.github.toenergy.energy.Feature;
import io.github.toenergy.energy.Workload;
import io.github.toenergy.model.Format;
import io.github.toenergy.model.Network;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A hardware profile: the arithmetic model, the fitted energy model and where its coefficients come
 * from. Immutable and thread-safe. The file format is described in docs/calibration.md.
 */
public final class Profile {
  /** The key of the per-core cache size ({@link ArithmeticModel#onChipBytes()}), where the profile states one. */
  public static final String ON_CHIP_BYTES = "arithmetic.onChipBytes";

  private final String id;
  private final String description;
  private final String hardware;
  private final String phases;
  private final Format format;
  private final boolean calibrated;
  private final ArithmeticModel arithmetic;
  private final Map<String, String> arithmeticSettings;
  private final EnergyModel model;
  private final Map<String, String> provenance;

  /**
   * @param arithmeticSettings the {@code arithmetic.*} keys that built {@code arithmetic}, kept to write it back
   * @param provenance free-form {@code provenance.*} and {@code fit.*} entries, in order
   */
  public Profile(String id, String description, String hardware, String phases, Format format, boolean calibrated,
      ArithmeticModel arithmetic, Map<String, String> arithmeticSettings, EnergyModel model,
      Map<String, String> provenance) {
    this.id = id;
    this.description = description;
    this.hardware = hardware;
    this.phases = phases;
    this.format = format;
    this.calibrated = calibrated;
    this.arithmetic = arithmetic;
    this.arithmeticSettings = Map.copyOf(arithmeticSettings);
    this.model = model;
    this.provenance = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
  }

  public String id() {
    return id;
  }

  public String description() {
    return description;
  }

  public String hardware() {
    return hardware;
  }

  /** The phases the profile was measured for, e.g. {@code inference} or {@code inference,training}. */
  public String phases() {
    return phases;
  }

  public Format format() {
    return format;
  }

  /** False for a placeholder whose coefficients were not fitted to measurements. */
  public boolean calibrated() {
    return calibrated;
  }

  public ArithmeticModel arithmetic() {
    return arithmetic;
  }

  public EnergyModel model() {
    return model;
  }

  /** {@code provenance.*} and {@code fit.*} entries: source, licence, method, rows, fit quality. */
  public Map<String, String> provenance() {
    return provenance;
  }

  /**
   * An estimator of {@code network} on this profile; build once, estimate many times. Each phase
   * is counted when it is first estimated.
   */
  public Estimator estimator(Network network) {
    return Estimator.counting(id, calibrated, model, arithmetic, network);
  }

  /**
   * An estimator of a network counted before, e.g. the table compiled into a generated class: this
   * profile's coefficients applied to its rows, nothing parsed or counted.
   */
  public Estimator estimator(CountTable table) {
    return Estimator.of(id, calibrated, model, arithmetic, table);
  }

  /** Estimates {@code workload} of {@code network} on this profile. */
  public Estimate estimate(Network network, Workload workload) {
    return estimator(network).estimate(workload);
  }

  // ---- file format -------------------------------------------------------------------------

  /**
   * Reads a profile from its properties.
   *
   * @param source file or resource name used in error messages
   * @throws ProfileException naming the key that is missing or malformed
   */
  public static Profile fromProperties(Properties p, String source) {
    Reader r = new Reader(p, source);
    String id = r.string("id");
    if (!id.matches("[a-z0-9][a-z0-9-]*")) {
      throw new ProfileException(source, "id", "'" + id + "' must be lower-case letters, digits and dashes");
    }
    Format format = r.parse("format", Format::parse);
    Map<String, String> arithmeticSettings = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith("arithmetic")) arithmeticSettings.put(key, p.getProperty(key).trim());
    }
    ArithmeticModel arithmetic = arithmetic(r, arithmeticSettings, format);
    List<Feature> features = r.parse("model.features", text -> Arrays.stream(text.split(","))
        .map(String::trim).map(Feature::byKey).collect(Collectors.toList()));
    EnergyModel.Form form = r.parse("model.form", EnergyModel.Form::byKey);
    int n = form == EnergyModel.Form.LINEAR ? features.size() : features.size() + 1;
    double[] coefficients = r.numbers("model.coefficients", n);
    double[] flatCovariance = r.numbers("model.covariance", n * n);
    double[][] covariance = new double[n][n];
    for (int i = 0; i < n; i++) {
      covariance[i] = Arrays.copyOfRange(flatCovariance, i * n, (i + 1) * n);
    }
    if (form == EnergyModel.Form.LOG_LOG && features.stream().anyMatch(f -> f == Feature.RUN || f == Feature.STEPS || f.runOnly())) {
      throw new ProfileException(source, "model.features", "a log-log model takes per-step features only, not run or steps");
    }
    if (features.contains(Feature.TOS_SPILLED) && arithmetic.onChipBytes() == 0) {
      throw new ProfileException(source, "model.features", Feature.TOS_SPILLED.key()
          + " needs the cache size: set " + ON_CHIP_BYTES + " (bytes of L2 per core)");
    }
    double residualVariance = r.numbers("model.residualVariance", 1)[0];
    if (residualVariance < 0) {
      throw new ProfileException(source, "model.residualVariance", "must not be negative, got " + residualVariance);
    }
    int dof = r.requiredInt("model.degreesOfFreedom", 1);
    // the additive interval's t quantile is stored by the fit: the runtime has no statistics library
    double tQuantile = p.getProperty("model.tQuantile") == null ? Double.NaN : r.numbers("model.tQuantile", 1)[0];
    double[] range = r.numbers("model.tosRange", 2);
    if (range[0] > range[1]) {
      throw new ProfileException(source, "model.tosRange", "the minimum " + range[0] + " is above the maximum " + range[1]);
    }
    // optional: profiles written before interval calibration have none and keep their intervals
    double intervalScale = p.getProperty("model.intervalScale") == null ? 1.0 : r.numbers("model.intervalScale", 1)[0];
    if (!(intervalScale > 0)) {
      throw new ProfileException(source, "model.intervalScale", "must be positive, got " + intervalScale);
    }
    // optional: model.interval=multiplicative takes model.intervalLow/High; absent or additive keeps the old intervals
    String interval = p.getProperty("model.interval") == null ? "additive" : r.string("model.interval");
    if (!interval.equals("additive") && !interval.equals("multiplicative")) {
      throw new ProfileException(source, "model.interval", "unknown interval '" + interval
          + "', expected additive or multiplicative");
    }
    double[] factors = null;
    if (interval.equals("multiplicative")) {
      factors = new double[] {r.numbers("model.intervalLow", 1)[0], r.numbers("model.intervalHigh", 1)[0]};
      if (!(factors[0] >= 1) || !(factors[1] >= 1)) {
        throw new ProfileException(source, factors[0] >= 1 ? "model.intervalHigh" : "model.intervalLow",
            "must be a factor >= 1, got " + (factors[0] >= 1 ? factors[1] : factors[0]));
      }
    }
    if (factors == null && !(tQuantile > 0)) {
      throw new ProfileException(source, "model.tQuantile", p.getProperty("model.tQuantile") == null
          ? "missing: an additive interval needs the t quantile of the fit (refit the profile with toenergy calibrate)"
          : "must be positive, got " + tQuantile);
    }
    EnergyModel model;
    try {
      model = new EnergyModel(form, features, coefficients, covariance, residualVariance, dof, tQuantile,
          range[0], range[1], intervalScale);
      if (factors != null) model = model.withMultiplicativeInterval(factors[0], factors[1]);
    } catch (IllegalArgumentException e) {
      throw new ProfileException(source, "model", e.getMessage());
    }
    Map<String, String> provenance = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith("provenance.") || key.startsWith("fit.")) provenance.put(key, p.getProperty(key).trim());
    }
    return new Profile(id, r.string("description"), r.string("hardware"), r.string("phases"), format,
        r.parse("calibrated", Reader::bool), arithmetic, arithmeticSettings, model, provenance);
  }

  private static ArithmeticModel arithmetic(Reader r, Map<String, String> settings, Format format) {
    ArithmeticModel circuits = circuits(r, settings, format);
    if (!settings.containsKey(ON_CHIP_BYTES)) {
      return circuits;
    }
    long bytes = r.parse(ON_CHIP_BYTES, Long::parseLong);
    if (bytes <= 0) {
      throw new ProfileException(r.source, ON_CHIP_BYTES,
          "must be a positive number of bytes, got " + bytes);
    }
    return circuits.withOnChipBytes(bytes);
  }

  private static ArithmeticModel circuits(Reader r, Map<String, String> settings, Format format) {
    String kind = r.string("arithmetic");
    if (kind.equals("toml-45nm")) {
      return ArithmeticModel.toml45nm();
    }
    if (!kind.equals(CmosArithmeticModel.ID)) {
      throw new ProfileException(r.source, "arithmetic", "unknown arithmetic model '" + kind + "', expected cmos or toml-45nm");
    }
    CmosArithmeticModel model = CmosArithmeticModel.of(
        r.optionalInt("arithmetic.divideIterations", CmosArithmeticModel.DEFAULT_DIVIDE_ITERATIONS, 0),
        r.optionalInt("arithmetic.sqrtIterations", CmosArithmeticModel.DEFAULT_SQRT_ITERATIONS, 0),
        r.optionalInt("arithmetic.expTerms", CmosArithmeticModel.DEFAULT_EXP_TERMS, 1));
    for (Map.Entry<String, String> e : settings.entrySet()) {
      if (e.getKey().startsWith("arithmetic.override.")) {
        String opName = e.getKey().substring("arithmetic.override.".length());
        Op op = r.parse(e.getKey(), text -> Op.valueOf(opName.toUpperCase(Locale.ROOT)));
        long tos = r.parse(e.getKey(), Long::parseLong);
        try {
          model = model.withOverride(op, format, tos);
        } catch (IllegalArgumentException ex) {
          throw new ProfileException(r.source, e.getKey(), ex.getMessage());
        } catch (ArithmeticException ex) {
          throw new ProfileException(r.source, e.getKey(),
              tos + " TOs make the operations composed from " + op + " exceed 2^63-1");
        }
      }
    }
    return model;
  }

  /** The properties this profile is written as; {@code fromProperties(toProperties())} is equal. */
  public Map<String, String> toProperties() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("id", id);
    out.put("description", description);
    out.put("hardware", hardware);
    out.put("phases", phases);
    out.put("format", format.name().toLowerCase(Locale.ROOT));
    out.put("calibrated", Boolean.toString(calibrated));
    out.put("arithmetic", arithmetic.id());
    arithmeticSettings.forEach((k, v) -> {
      if (!k.equals("arithmetic")) out.put(k, v);
    });
    out.put("model.form", model.form().key());
    out.put("model.features", model.features().stream().map(Feature::key).collect(Collectors.joining(",")));
    out.put("model.coefficients", join(model.coefficients()));
    out.put("model.covariance", join(Arrays.stream(model.covariance()).flatMapToDouble(Arrays::stream).toArray()));
    out.put("model.residualVariance", number(model.residualVariance()));
    out.put("model.degreesOfFreedom", Integer.toString(model.degreesOfFreedom()));
    if (!Double.isNaN(model.tQuantile())) {
      out.put("model.tQuantile", number(model.tQuantile()));
    }
    if (model.intervalScale() != 1.0) {
      out.put("model.intervalScale", number(model.intervalScale()));
    }
    if (model.multiplicativeInterval()) {
      out.put("model.interval", "multiplicative");
      out.put("model.intervalLow", number(model.intervalLow()));
      out.put("model.intervalHigh", number(model.intervalHigh()));
    }
    out.put("model.tosRange", number(model.minTosPerStep()) + "," + number(model.maxTosPerStep()));
    out.putAll(provenance);
    return out;
  }

  /** Writes this profile as UTF-8 properties, keys in a fixed order so that refits diff cleanly. */
  public void write(Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("# toenergy hardware profile '" + id + "'. Generated by the project's own fit; do not edit by hand.\n");
      for (Map.Entry<String, String> e : toProperties().entrySet()) {
        w.write(escape(e.getKey(), true) + "=" + escape(e.getValue(), false) + "\n");
      }
    }
  }

  private static String escape(String text, boolean key) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        case '=', ':', '#', '!' -> s.append(key ? "\\" + c : String.valueOf(c));
        case ' ' -> s.append(key || i == 0 ? "\\ " : " ");
        default -> s.append(c);
      }
    }
    return s.toString();
  }

  private static String join(double[] values) {
    return Arrays.stream(values).mapToObj(Profile::number).collect(Collectors.joining(","));
  }

  /** Shortest text that reads back as the same double. */
  static String number(double v) {
    return Double.toString(v);
  }

  @Override
  public String toString() {
    return id + " (" + hardware + ")";
  }

  /** Reads typed values, turning every problem into a {@link ProfileException} naming the key. */
  private static final class Reader {
    private final Properties p;
    private final String source;

    Reader(Properties p, String source) {
      this.p = p;
      this.source = source;
    }

    String string(String key) {
      String value = p.getProperty(key);
      if (value == null || value.isBlank()) {
        throw new ProfileException(source, key, "missing");
      }
      return value.trim();
    }

    <T> T parse(String key, java.util.function.Function<String, T> parser) {
      String value = string(key);
      try {
        return parser.apply(value);
      } catch (RuntimeException e) {
        throw new ProfileException(source, key, "cannot read '" + value + "'"
            + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      }
    }

    /** An int of at least {@code min}, or {@code fallback} when the key is absent. */
    int optionalInt(String key, int fallback, int min) {
      return p.getProperty(key) == null ? fallback : requiredInt(key, min);
    }

    /** An int of at least {@code min}. */
    int requiredInt(String key, int min) {
      int value = parse(key, Integer::parseInt);
      if (value < min) {
        throw new ProfileException(source, key, "must be at least " + min + ", got " + value);
      }
      return value;
    }

    double[] numbers(String key, int expected) {
      String[] parts = string(key).split(",");
      if (parts.length != expected) {
        throw new ProfileException(source, key, "expected " + expected + " number" + (expected == 1 ? "" : "s")
            + " for the model's features, got " + parts.length);
      }
      double[] values = new double[expected];
      for (int i = 0; i < expected; i++) {
        String part = parts[i].trim();
        try {
          values[i] = Double.parseDouble(part);
        } catch (NumberFormatException e) {
          throw new ProfileException(source, key, "value " + (i + 1) + " '" + part + "' is not a number");
        }
        if (!Double.isFinite(values[i])) {
          throw new ProfileException(source, key, "value " + (i + 1) + " '" + part + "' is not finite");
        }
      }
      return values;
    }

    static boolean bool(String text) {
      return switch (text) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new IllegalArgumentException("expected true or false");
      };
    }
  }
}
