package io.github.toenergy.cli;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.calibrate.Calibrator;
import io.github.toenergy.calibrate.Candidate;
import io.github.toenergy.calibrate.Measurement;
import io.github.toenergy.calibrate.MeasurementCsv;
import io.github.toenergy.calibrate.ProfileFit;
import io.github.toenergy.calibrate.ProfileOutput;
import io.github.toenergy.cost.ArithmeticModel;
import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.energy.Feature;
import io.github.toenergy.model.Format;
import io.github.toenergy.profile.Profile;
import io.github.toenergy.profile.Profiles;
import io.github.toenergy.text.InputText;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code calibrate --measurements FILE.csv --id ID --out FILE.properties [--hardware TEXT] [--format
 * fp32] [--cache-bytes N]}: fits a profile for the user's own hardware from measured joules (CSV format in
 * {@link MeasurementCsv} and docs/calibration.md), prints the fit report and writes the profile.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
    description = {"Fits a profile for your own hardware from measured joules, prints the fit report and writes "
        + "the profile, which --profile-path (here) and -Atoenergy.profilePath (in the annotation processor) load.",
        "CSV columns: network,phase,batch,batches,joules (the network in text notation)."},
    footerHeading = "%n", footer = Main.EXIT_STATUS)
final class CalibrateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--measurements", required = true, paramLabel = "FILE.csv", description = "The measurements.")
  String measurementsFile;

  @Option(names = "--id", required = true, paramLabel = "ID",
      description = "The new profile's id: lower-case letters, digits and dashes.")
  String id;

  @Option(names = "--out", required = true, paramLabel = "FILE.properties",
      description = "Where to write the profile; its folder must exist.")
  String out;

  @Option(names = "--hardware", paramLabel = "TEXT", description = "What was measured, shown by 'profiles'.")
  @Nullable String hardwareText;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "fp32",
      description = "The number format the measured networks computed in (default: ${DEFAULT-VALUE}).")
  String formatName;

  @Option(names = "--cache-bytes", paramLabel = "N", converter = Converters.PositiveLong.class,
      description = "The L2 cache of one core, from the data sheet (e.g. 1048576): adds the kinds-cache candidate.")
  @Nullable Long cacheBytes;

  @Override
  public Integer call() {
    run(spec.commandLine().getOut());
    return Main.OK;
  }

  private void run(PrintWriter out) {
    Path csv = path("--measurements", measurementsFile);
    Path target = path("--out", this.out);
    if (!id.matches("[a-z0-9][a-z0-9-]*")) {
      throw new UsageException("option '--id' must be lower-case letters, digits and dashes, got '"
          + InputText.excerpt(id) + "'");
    }
    if (Profiles.shipped().contains(id)) {
      throw new UsageException("option '--id': '" + id + "' is a shipped profile; choose another id for your hardware");
    }
    Format format;
    try {
      format = Format.parse(formatName);
    } catch (IllegalArgumentException e) {
      throw new UsageException("option '--format': " + e.getMessage());
    }
    // the L2 cache of one core, from the data sheet: it adds the kinds-cache candidate
    ArithmeticModel arithmetic = cacheBytes == null ? ArithmeticModel.cmos()
        : ArithmeticModel.cmos().withOnChipBytes(cacheBytes);
    String hardware = hardwareText == null ? "unspecified (calibrated by the user)" : hardwareText;
    if (!Files.isRegularFile(csv)) {
      throw new UsageException("option '--measurements': no such file '" + InputText.excerpt(csv.toString()) + "'");
    }
    Path parent = target.toAbsolutePath().getParent();
    // issue 15: checked before fitting; never the measurements; a refit replaces only a profile, atomically
    ProfileOutput output;
    try {
      output = ProfileOutput.check(target, ProfileOutput.Existing.REPLACE_PROFILE, List.of(csv));
      Profile.checkText("'--hardware'", hardware);
    } catch (IllegalArgumentException e) {
      throw new UsageException("option " + (e instanceof ProfileOutput.ProfileOutputException ? "'--out': " : "")
          + e.getMessage());
    }
    String source = InputText.excerpt(csv.getFileName().toString(), Integer.MAX_VALUE).strip();

    List<Measurement> measurements = MeasurementCsv.read(csv, format, arithmetic);
    List<Feature> overhead = overhead(measurements);
    Calibrator calibrator = new Calibrator(arithmetic, Calibrator.DEFAULT_FOLDS, Calibrator.DEFAULT_SEED);
    Calibrator.Report report = calibrator.calibrate(measurements,
        Candidate.standard(overhead, arithmetic), Calibrator.Criterion.CROSS_VALIDATION);
    out.print(ProfileFit.text(report));

    Map<String, String> provenance = new TreeMap<>();
    provenance.put("provenance.source", source);
    provenance.put("provenance.method", "toenergy calibrate from the user's measurements (CSV "
        + String.join(",", MeasurementCsv.COLUMNS) + ")");
    provenance.put("provenance.rowsUsed", Integer.toString(measurements.size()));
    provenance.put("provenance.rowsDropped", "0");
    Profile profile = ProfileFit.profile(report, id, "Calibrated with toenergy calibrate from "
            + source + " (" + measurements.size() + " measurements)", hardware, phases(measurements),
        format, arithmetic, provenance);
    output.write(profile);
    out.println();
    out.println((output.replaces() ? "replaced the profile " : "wrote ") + target
        + (target.getFileName().toString().equals(id + ".properties") ? ""
        : " (name it " + id + ".properties to keep profile folders tidy)"));
    out.println("use it: toenergy estimate --profile-path " + (parent == null ? "." : parent) + " --profile " + id
        + " NETWORK   (or -Atoenergy.profilePath=" + (parent == null ? "." : parent) + " at compile time)");
  }

  /**
   * The fixed terms every candidate gets: a per-step constant always; a per-layer one when the
   * networks differ in layer count (otherwise it would equal the per-step one); a per-run one when
   * some measurements are whole runs.
   */
  static List<Feature> overhead(List<Measurement> measurements) {
    List<Feature> features = new ArrayList<>(List.of(Feature.STEPS));
    Set<Integer> layerCounts = new HashSet<>();
    Set<Object> seen = new HashSet<>();
    boolean runs = false;
    for (Measurement m : measurements) {
      if (seen.add(m.network())) {
        layerCounts.add(NetworkCost.of(m.network(), Phase.INFERENCE).layers().size());
      }
      runs |= m.isRun();
    }
    if (layerCounts.size() > 1) features.add(Feature.LAYERS);
    if (runs) features.add(Feature.RUN);
    return features;
  }

  private static Path path(String option, String text) {
    try {
      return Path.of(text);
    } catch (InvalidPathException e) {
      throw new UsageException("option '" + option + "': '" + InputText.excerpt(text) + "' is not a path: "
          + e.getReason());
    }
  }

  private static String phases(List<Measurement> measurements) {
    boolean inference = measurements.stream().anyMatch(m -> m.phase() == Phase.INFERENCE);
    boolean training = measurements.stream().anyMatch(m -> m.phase() == Phase.TRAINING);
    return inference && training ? "inference,training" : inference ? "inference" : "training";
  }
}
