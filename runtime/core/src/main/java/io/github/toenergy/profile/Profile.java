package io.github.toenergy.profile;

import io.github.toenergy.annotations.Phase;
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
import io.github.toenergy.text.InputText;
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

  /**
   * The phases of {@link #phases()} that a {@link Workload} can have: an estimate of any other phase is
   * flagged {@link Estimate#outsideFittedPhase() out of range}.
   */
  public java.util.Set<Phase> measuredPhases() {
    java.util.Set<Phase> measured = java.util.EnumSet.noneOf(Phase.class);
    List<String> names = List.of(phases.split(","));
    for (Phase phase : Phase.values()) {
      if (names.contains(phase.name().toLowerCase(Locale.ROOT))) measured.add(phase);
    }
    return measured;
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
    return Estimator.counting(id, calibrated, measuredPhases(), model, arithmetic, network);
  }

  /**
   * An estimator of a network counted before, e.g. the table compiled into a generated class: this
   * profile's coefficients applied to its rows, nothing parsed or counted.
   */
  public Estimator estimator(CountTable table) {
    return Estimator.of(id, calibrated, measuredPhases(), model, arithmetic, table);
  }

  /** Estimates {@code workload} of {@code network} on this profile. */
  public Estimate estimate(Network network, Workload workload) {
    return estimator(network).estimate(workload);
  }

  // ---- file format -------------------------------------------------------------------------

  /** The keys a profile may have besides the free-form {@code provenance.*} and {@code fit.*} ones. */
  private static final java.util.Set<String> KEYS = java.util.Set.of("id", "description", "hardware", "phases",
      "format", "calibrated", "arithmetic", "arithmetic.divideIterations", "arithmetic.sqrtIterations",
      "arithmetic.expTerms", ON_CHIP_BYTES, "model.form", "model.features", "model.coefficients", "model.covariance",
      "model.residualVariance", "model.degreesOfFreedom", "model.tQuantile", "model.tosRange", "model.intervalScale",
      "model.interval", "model.intervalLow", "model.intervalHigh");
  /** The prefix of the per-operation TO overrides of the cmos arithmetic model. */
  private static final String OVERRIDE = "arithmetic.override.";
  /**
   * The range of the two-sided 90% Student-t quantile {@code t(0.95; dof)}: 1.6449 as dof grows (the normal
   * quantile), 6.3138 at dof = 1 (any table of Student's t), widened by rounding.
   */
  private static final double T_MIN = 1.6448;
  private static final double T_MAX = 6.3139;

  /**
   * Reads a profile from its properties, checking what they mean, not only their syntax: every key is
   * known (or free-form {@code provenance.*} / {@code fit.*}); every text is one line; linear
   * coefficients are not negative and not all 0; the covariance is a covariance (symmetric, variances not
   * negative, correlations within [-1, 1]); the t quantile is one of a 90% interval; the TO range is not
   * negative; interval settings belong to the interval form chosen; features are not repeated; the
   * arithmetic settings belong to the arithmetic model chosen.
   *
   * @param source file or resource name used in error messages
   * @throws ProfileException naming the key that is missing, malformed or meaningless
   */
  public static Profile fromProperties(Properties p, String source) {
    Reader r = new Reader(p, source);
    for (String key : new java.util.TreeSet<>(p.stringPropertyNames())) {
      if (!KEYS.contains(key) && !key.startsWith(OVERRIDE) && !key.startsWith("provenance.")
          && !key.startsWith("fit.")) {
        throw new ProfileException(source, InputText.excerpt(key), "unknown key");
      }
      try {
        checkText(key, key);
        checkText(key, p.getProperty(key).trim());
      } catch (IllegalArgumentException e) {
        throw new ProfileException(source, InputText.excerpt(key), e.getMessage());
      }
    }
    String id = r.string("id");
    if (!id.matches("[a-z0-9][a-z0-9-]*")) {
      throw new ProfileException(source, "id", "'" + id + "' must be lower-case letters, digits and dashes");
    }
    String phases = r.string("phases");
    if (!phases.matches("[a-z]+(,[a-z]+)*")) {
      throw new ProfileException(source, "phases", "'" + InputText.excerpt(phases)
          + "' must be phases such as inference or inference,training");
    }
    Format format = r.parse("format", Format::parse);
    Map<String, String> arithmeticSettings = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith("arithmetic")) arithmeticSettings.put(key, p.getProperty(key).trim());
    }
    ArithmeticModel arithmetic = arithmetic(r, arithmeticSettings, format);
    List<Feature> features = r.parse("model.features", text -> Arrays.stream(text.split(","))
        .map(String::trim).map(Feature::byKey).collect(Collectors.toList()));
    if (features.size() != features.stream().distinct().count()) {
      throw new ProfileException(source, "model.features", "a feature is listed twice in '"
          + p.getProperty("model.features").trim() + "'");
    }
    EnergyModel.Form form = r.parse("model.form", EnergyModel.Form::byKey);
    int n = form == EnergyModel.Form.LINEAR ? features.size() : features.size() + 1;
    double[] coefficients = r.numbers("model.coefficients", n);
    if (form == EnergyModel.Form.LINEAR) {
      // a negative price makes some workloads cost 0 J (predictions are clamped at 0), and a fit never
      // writes one (non-negative least squares); all 0 would price everything at 0 J
      for (int i = 0; i < n; i++) {
        if (coefficients[i] < 0) {
          throw new ProfileException(source, "model.coefficients", "value " + (i + 1) + " (" + features.get(i).key()
              + ") is negative, " + coefficients[i]);
        }
      }
      if (Arrays.stream(coefficients).allMatch(c -> c == 0)) {
        throw new ProfileException(source, "model.coefficients", "every price is 0");
      }
    }
    double[] flatCovariance = r.numbers("model.covariance", n * n);
    double[][] covariance = new double[n][n];
    for (int i = 0; i < n; i++) {
      covariance[i] = Arrays.copyOfRange(flatCovariance, i * n, (i + 1) * n);
    }
    checkCovariance(source, covariance);
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
    if (!Double.isNaN(tQuantile) && (tQuantile < T_MIN || tQuantile > T_MAX)) {
      throw new ProfileException(source, "model.tQuantile", "must be the 90% Student-t quantile t(0.95; dof),"
          + " between " + T_MIN + " and " + T_MAX + ", got " + tQuantile);
    }
    double[] range = r.numbers("model.tosRange", 2);
    if (range[0] < 0) {
      throw new ProfileException(source, "model.tosRange", "the minimum " + range[0] + " is negative");
    }
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
      if (p.getProperty("model.intervalScale") != null) {
        throw new ProfileException(source, "model.intervalScale", "scales the additive interval only");
      }
    } else {
      for (String key : new String[] {"model.intervalLow", "model.intervalHigh"}) {
        if (p.getProperty(key) != null) {
          throw new ProfileException(source, key, "belongs to a multiplicative interval (model.interval="
              + interval + ")");
        }
      }
    }
    if (factors == null && Double.isNaN(tQuantile)) {
      throw new ProfileException(source, "model.tQuantile",
          "missing: an additive interval needs the t quantile of the fit (refit the profile with toenergy calibrate)");
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
    return new Profile(id, r.string("description"), r.string("hardware"), phases, format,
        r.parse("calibrated", Reader::bool), arithmetic, arithmeticSettings, model, provenance);
  }

  /**
   * A covariance matrix: symmetric (up to the rounding of a fit), variances on the diagonal not negative
   * (a negative one would collapse an interval to a point) and every correlation within [-1, 1].
   */
  private static void checkCovariance(String source, double[][] c) {
    int n = c.length;
    for (int i = 0; i < n; i++) {
      if (c[i][i] < 0) {
        throw new ProfileException(source, "model.covariance", "the variance of coefficient " + (i + 1)
            + " (value " + (i * n + i + 1) + ") is negative, " + c[i][i]);
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        double bound = Math.sqrt(c[i][i] * c[j][j]);
        if (Math.abs(c[i][j] - c[j][i]) > 1e-6 * bound) {
          throw new ProfileException(source, "model.covariance", "is not symmetric: values " + (i * n + j + 1)
              + " and " + (j * n + i + 1) + " differ");
        }
        if (Math.abs(c[i][j]) > bound * (1 + 1e-9)) {
          throw new ProfileException(source, "model.covariance", "value " + (i * n + j + 1) + ", " + c[i][j]
              + ", is a correlation beyond [-1, 1]");
        }
      }
    }
  }

  private static ArithmeticModel arithmetic(Reader r, Map<String, String> settings, Format format) {
    ArithmeticModel circuits = circuits(r, settings, format);
    if (!settings.containsKey(ON_CHIP_BYTES)) {
      return circuits;
    }
    long bytes = r.parse(ON_CHIP_BYTES, Reader::wholeNumber);
    if (bytes <= 0) {
      throw new ProfileException(r.source, ON_CHIP_BYTES,
          "must be a positive number of bytes, got " + bytes);
    }
    return circuits.withOnChipBytes(bytes);
  }

  private static ArithmeticModel circuits(Reader r, Map<String, String> settings, Format format) {
    String kind = r.string("arithmetic");
    if (kind.equals("toml-45nm")) {
      for (String key : settings.keySet()) {
        if (!key.equals("arithmetic") && !key.equals(ON_CHIP_BYTES)) {
          throw new ProfileException(r.source, key, "toml-45nm takes no " + key);
        }
      }
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
        long tos = r.parse(e.getKey(), Reader::wholeNumber);
        if (tos == 0) {
          throw new ProfileException(r.source, e.getKey(), "0 TOs: every circuit switches some transistors");
        }
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

  /**
   * Checks a text that goes into a profile (a key or a value): one line without control characters (tab,
   * line breaks, C0 and C1 controls) and without leading or trailing spaces, so that it is written and
   * read back unchanged (the reader trims values). The calibrate command checks {@code --hardware} with
   * it before fitting, and toenergy-calibrate's {@code ProfileWriter} every text before it writes.
   *
   * @param key the key the text belongs to, named in the message
   * @throws IllegalArgumentException naming the key, the character and where it is
   */
  public static void checkText(String key, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c)) {
        throw new IllegalArgumentException(InputText.excerpt(key) + ": control character "
            + InputText.excerpt(String.valueOf(c)) + " at index " + i + " in '" + InputText.excerpt(text)
            + "' (a profile value is one line of text)");
      }
    }
    if (!text.equals(text.trim()) || !text.equals(text.strip())) { // trim: what the reader does; strip: U+2028 too
      throw new IllegalArgumentException(InputText.excerpt(key) + ": '" + InputText.excerpt(text)
          + "' has leading or trailing spaces, which a profile does not keep");
    }
  }

  /** The {@code arithmetic.*} keys that built {@link #arithmetic()}, by key: what a writer writes back. */
  public Map<String, String> arithmeticSettings() {
    return java.util.Collections.unmodifiableMap(new TreeMap<>(arithmeticSettings));
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
      int value = parse(key, text -> Math.toIntExact(wholeNumber(text)));
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

    /** A whole number in ASCII digits, optionally negative ({@code ٣} is not 3, {@code +3} is not a number). */
    static long wholeNumber(String text) {
      if (!InputText.isAsciiDigits(text.startsWith("-") ? text.substring(1) : text)) {
        throw new IllegalArgumentException("expected a whole number in ASCII digits");
      }
      return Long.parseLong(text);
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
