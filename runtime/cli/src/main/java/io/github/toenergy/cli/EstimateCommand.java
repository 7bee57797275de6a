package io.github.toenergy.cli;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.catalogue.Catalogue;
import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.energy.Estimate;
import io.github.toenergy.energy.Workload;
import io.github.toenergy.model.Format;
import io.github.toenergy.model.LayerKind;
import io.github.toenergy.model.Network;
import io.github.toenergy.model.Shape;
import io.github.toenergy.notation.NotationException;
import io.github.toenergy.notation.NotationLimits;
import io.github.toenergy.profile.Profile;
import io.github.toenergy.text.InputText;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code estimate}: predicts the energy of one network on one profile. */
@Command(name = "estimate", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
    description = {"Predicts the joules of a network on a profile, per layer, with the 90%% prediction interval.",
        "NETWORK is the network in text notation (quote it for the shell), @FILE to read it from a file "
            + "(at most " + EstimateCommand.MAX_FILE_BYTES + " bytes, UTF-8), or a catalogue name such as "
            + "torchvision/resnet50 (see 'toenergy networks')."},
    footerHeading = "%n", footer = Main.EXIT_STATUS)
final class EstimateCommand implements Callable<Integer> {
  /**
   * The largest network file read, in bytes: the notation's own limit in characters (notation is
   * ASCII, one byte a character). ResNet-152 in notation is about 15 KB; the limit stops
   * {@code @/dev/zero} or a runaway file before it is read into the heap.
   */
  static final int MAX_FILE_BYTES = NotationLimits.MAX_CHARACTERS;

  @Spec CommandSpec spec;

  @Option(names = "--profile", required = true, paramLabel = "ID",
      description = "The profile to predict on (see 'toenergy profiles').")
  String profileId;

  @Option(names = "--batch", paramLabel = "N", defaultValue = "1", converter = Converters.PositiveInt.class,
      description = "Samples per batch (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--phase", paramLabel = "PHASE", defaultValue = "inference",
      converter = Converters.PhaseName.class, completionCandidates = Converters.Phases.class,
      description = "inference (one forward pass), training (one optimizer step: forward, backward, update), "
          + "or a decoder's generation: prefill (the prompt at once) or decode (one token per sequence per step, "
          + "reading the key/value cache); default: ${DEFAULT-VALUE}.")
  Phase phase;

  @Option(names = "--prompt", paramLabel = "P", converter = Converters.PositiveInt.class,
      description = "Prefill and decode: prompt positions per sequence (default: the network's own sequence "
          + "length, the L of its input(L) or input(L,D)).")
  @Nullable Integer prompt;

  @Option(names = "--tokens", paramLabel = "T", converter = Converters.PositiveInt.class,
      description = "Decode: tokens generated per sequence (the mean per request); required with --phase decode.")
  @Nullable Integer tokens;

  @Option(names = "--gpus", paramLabel = "G", converter = Converters.PositiveInt.class,
      description = "Prefill and decode: GPUs of the replica (default: 1).")
  @Nullable Integer gpus;

  @Option(names = "--precision", paramLabel = "F", converter = Converters.PrecisionName.class,
      completionCandidates = Converters.Precisions.class,
      description = "Prefill and decode: number format of weights, activations and key/value cache, one of "
          + "${COMPLETION-CANDIDATES} (default: the network's).")
  @Nullable Format precision;

  @Option(names = "--batches", paramLabel = "N", converter = Converters.PositiveLong.class,
      description = "A whole run of N batches, plus the per-run overhead the profile models; without it, one batch.")
  long batches;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      converter = Converters.OutputFormatName.class, completionCandidates = Converters.Styles.class,
      description = "table (for people), json or csv (for programs); default: ${DEFAULT-VALUE}.")
  EstimateFormats.Style format;

  @Mixin ProfilePathOption profilePath;

  @Parameters(arity = "1..*", paramLabel = "NETWORK",
      description = "Notation text, e.g. 'input(784) dense(128) relu dense(10) softmax', @FILE, "
          + "or a catalogue name, e.g. torchvision/resnet50.")
  List<String> network = new ArrayList<>();

  @Override
  public Integer call() {
    Profile profile = profilePath.load().profile(profileId);
    Network net = network(String.join(" ", network));
    Estimate estimate = profile.estimate(net, workload(net));
    NetworkCost cost = NetworkCost.of(net, Phase.INFERENCE); // parameters are the same in every phase
    long parameters = cost.parameters();
    // a token's share of the parameters, shown only where a mixture of experts makes it a share
    OptionalLong activeParameters = cost.layers().stream().anyMatch(l -> l.kind() == LayerKind.MIXTURE_OF_EXPERTS)
        ? OptionalLong.of(cost.activeParameters()) : OptionalLong.empty();
    String text = switch (format) {
      case TABLE -> EstimateFormats.table(net, profile, estimate, parameters, activeParameters);
      case JSON -> EstimateFormats.json(net, estimate, parameters, activeParameters) + "\n";
      case CSV -> EstimateFormats.csv(estimate);
    };
    spec.commandLine().getOut().print(text);
    return Main.OK;
  }

  /** The workload the flags describe; a generation flag outside generation is an error naming it. */
  private Workload workload(Network net) {
    if (!phase.generation()) {
      String stray = prompt != null ? "--prompt" : tokens != null ? "--tokens" : gpus != null ? "--gpus"
          : precision != null ? "--precision" : null;
      if (stray != null) {
        throw new UsageException(stray + " applies to --phase prefill or decode, not " + phaseName(phase));
      }
      return new Workload(phase, batch, batches);
    }
    if (batches != 0) {
      throw new UsageException("--batches applies to inference and training; a " + phaseName(phase)
          + " estimate is one batch of --batch sequences");
    }
    if (phase == Phase.PREFILL && tokens != null) {
      throw new UsageException("--tokens applies to --phase decode; prefill runs the --prompt positions only");
    }
    if (phase == Phase.DECODE && tokens == null) {
      throw new UsageException("--phase decode needs --tokens T, the tokens generated per sequence");
    }
    Shape input = net.input();
    int length = prompt != null ? prompt : input.sequence() ? input.length() : input.channels();
    Workload w = phase == Phase.DECODE ? Workload.decode(batch, length, tokens) : Workload.prefill(batch, length);
    w = w.withGpus(gpus == null ? 1 : gpus);
    return precision == null ? w : w.withPrecision(precision);
  }

  /**
   * A catalogue network by name ({@code torchvision/resnet50}), or parses notation text or {@code @FILE};
   * a notation error shows the text with a caret under the column.
   */
  static Network network(String text) {
    if (Catalogue.isName(text)) {
      return Catalogue.shipped().get(text);
    }
    if (!text.startsWith("@")) {
      try {
        return Network.parse("network", text);
      } catch (NotationException e) {
        throw new UsageException("network notation, " + e.getMessage(), Messages.caret(text, e.column()));
      }
    }
    String fileName = text.substring(1);
    Path file;
    try {
      file = Path.of(fileName);
    } catch (InvalidPathException e) {
      throw new UsageException("network file '" + InputText.excerpt(fileName) + "' is not a path: " + e.getReason());
    }
    String where = InputText.excerpt(fileName);
    String notation;
    try {
      notation = InputText.read(file, MAX_FILE_BYTES);
    } catch (IOException e) {
      throw new UsageException("cannot read network file '" + where + "': it " + e.getMessage());
    }
    String base = file.getFileName() == null ? "network" : file.getFileName().toString();
    String name = base.contains(".") ? base.substring(0, base.lastIndexOf('.')) : base;
    try {
      return Network.parse(name, notation);
    } catch (NotationException e) {
      int offset = Math.min(e.column() - 1, notation.length());
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < offset; i++) {
        if (notation.charAt(i) == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      throw new UsageException(where + ":" + line + ":" + (offset - lineStart + 1) + ": " + e.problem(),
          Messages.caret(notation, e.column()));
    }
  }

  static String phaseName(Phase phase) {
    return phase.name().toLowerCase(Locale.ROOT);
  }

  static String workload(Workload w) {
    return switch (w.phase()) {
      case INFERENCE, TRAINING -> phaseName(w.phase()) + ", batch " + w.batch() + (w.isRun()
          ? ", whole run of " + w.batches() + " batches"
          : ", one " + (w.phase() == Phase.INFERENCE ? "forward pass" : "optimizer step"));
      case PREFILL, DECODE -> phaseName(w.phase()) + ", batch " + w.batch() + " sequences, prompt " + w.prompt()
          + (w.phase() == Phase.DECODE ? ", " + w.tokens() + " tokens generated per sequence" : "")
          + ", " + w.gpus() + (w.gpus() == 1 ? " GPU" : " GPUs")
          + (w.precision() == null ? "" : ", " + w.precision().name().toLowerCase(Locale.ROOT));
    };
  }
}
