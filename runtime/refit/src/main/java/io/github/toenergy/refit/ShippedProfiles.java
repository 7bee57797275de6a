package io.github.toenergy.refit;

import io.github.toenergy.calibrate.Calibrator;
import io.github.toenergy.calibrate.Candidate;
import io.github.toenergy.calibrate.Dataset;
import io.github.toenergy.calibrate.Measurement;
import io.github.toenergy.calibrate.ProfileFit;
import io.github.toenergy.calibrate.ProfileWriter;
import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.ArithmeticModel;
import io.github.toenergy.energy.Feature;
import io.github.toenergy.model.Format;
import io.github.toenergy.profile.Profile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Fits the seven shipped profiles from the repository's copy of the measurements and writes them,
 * with docs/accuracy.md and its plots. Deterministic: fixed folds and seed, keys in a fixed order.
 *
 * <pre>
 * mvn -B -q -pl runtime/refit -am -Pfit-profiles process-classes
 * </pre>
 *
 * runs {@link #main} with the arguments {@code src/test/resources/measurements
 * src/main/resources/META-INF/toenergy/profiles ../docs} (relative to {@code runtime/}).
 */
public final class ShippedProfiles {
  private ShippedProfiles() {}

  /**
   * How one shipped profile is fitted.
   *
   * @param folder the measurement folder under the measurements root
   * @param loader reads the folder into measurements
   * @param overhead fixed terms every linear candidate gets
   * @param wholeNetworks network names whose held-out predictions docs/accuracy.md tabulates
   * @param provenance {@code provenance.*} entries besides the row counts
   */
  public record Spec(String id, String description, String hardware, String phases, String folder,
      BiFunction<Path, String, Dataset> loader, List<Feature> overhead, Set<String> wholeNetworks,
      Map<String, String> provenance, long onChipBytes) {

    /** The arithmetic model the profile is fitted with: the default, with the CPU's L2 per core where known. */
    public ArithmeticModel arithmetic() {
      return onChipBytes > 0 ? ArithmeticModel.cmos().withOnChipBytes(onChipBytes) : ArithmeticModel.cmos();
    }

    /** Loads this profile's measurements from {@code root} (the measurements folder). */
    public Dataset load(Path root) {
      return loader.apply(root.resolve(folder), id);
    }
  }

  // Per-core L2 caches from the vendors' data sheets: what one core's working set can hold (tos_spilled).
  // The GPUs get none: no GPU's cache is modelled.
  /** Xeon Gold 5120 (Skylake-SP): 1 MiB L2 per core (Intel ARK; Skylake-SP core). */
  static final long XEON_L2_BYTES = 1L << 20;
  /** Raptor Lake P-core (Raptor Cove): 2 MiB L2 per core (the host's exact model is not recorded). */
  static final long RAPTOR_COVE_L2_BYTES = 2L << 20;
  /** Broadwell-EP (Xeon E5 v4): 256 KiB L2 per core. */
  static final long BROADWELL_L2_BYTES = 256L << 10;

  private static final String XEON_LIMITS = "Isolated activation layers are priced badly (ReLU about 8x under,"
      + " softmax about 2x under): they were measured out of place on 2-D tensors of up to 10 GB, whose freshly"
      + " allocated outputs cost far more per element than the in-place ReLUs inside AlexNet and VGG-11, which the"
      + " model follows instead; the held-out error over all single layers is therefore tens of percent, while whole"
      + " CNNs, dominated by convolutions and linear layers, are within a few percent (docs/accuracy.md). The cache"
      + " term assumes the data sheet's 1 MiB L2 per core. RAPL measures the whole package of a shared node (about"
      + " 75 W x run time), so energy here is mostly static power times time. Inference only: do not use for"
      + " training";

  private static final String WILLOWEC_COMMON = " The two measurement methods of the host disagree by about two"
      + " orders of magnitude on the energy of the same work: the whole-process MLP runs (perf) cost about 100x more"
      + " per operation than the per-batch pyRAPL measurements of single layers and real CNNs (docs/accuracy.md"
      + " fits each alone). One price per operation cannot serve both, so the model may have run-only terms (run,"
      + " run_steps, run_tos, run_bytes: zero for a single step; those the fit prices at 0 are left out): a whole training run (estimate --batches N) is"
      + " priced by the work terms plus these, fitted to the MLP processes; a single step or forward pass (no"
      + " --batches) by the work terms alone, fitted to the per-batch measurements. The run terms are fitted to"
      + " ReLU MLPs only, so a whole run of a CNN is an extrapolation."
      + " Training steps of the real CNNs cost more than the model's forward + backward + update counts predict."
      + " Single-layer measurements of a few ms are dominated by framework overhead";

  /** The GPU profiles' limitations (docs/accuracy.md has their errors per network left out). */
  private static final String GPU_LIMITS_NETWORKS = "Each network's energy is predicted from the other networks'"
      + " within the errors docs/accuracy.md reports per network left out; some networks are approximations"
      + " (ShuffleNet-v2, NCF) or rest on an assumed length (Sentiment140's padded tweets, LibriSpeech's mean"
      + " utterance): see assumptions and docs/zeus-workloads.md. GPU board energy only (no CPU, DRAM or host);"
      + " default power limit only; Adam's and AdamW's moment updates are costed as SGD's";

  /** The nine shipped profiles, in index order. */
  public static List<Spec> specs() {
    List<Spec> specs = new ArrayList<>();
    Map<String, String> xeon = new LinkedHashMap<>();
    xeon.put("provenance.source", "https://github.com/JohannesGetzner/dl-energy-estimator (J. Getzner, B. Charpentier,"
        + " S. Guennemann, Tackling Climate Change with ML workshop at ICLR 2023, arXiv:2304.00897)");
    xeon.put("provenance.commit", "574b4ddb1efe57e3a5fd399ede96e3d2dd5dc6b9 (the copied files are byte-identical at"
        + " HEAD 2279b0a5617facd9e34e1215c2605039c706d7cc)");
    xeon.put("provenance.license", "MIT as of commit 574b4dd (Copyright (c) 2022 JohannesGetzner); see"
        + " runtime/refit/src/test/resources/measurements/xeon-gold-5120/LICENSE.txt");
    xeon.put("provenance.method", "Intel RAPL CPU package energy through codecarbon 2.1.3: a module run again and"
        + " again for 30 s (eval, no_grad, fp32, PyTorch with torchvision 0.13.1) on 2 logical CPUs of a shared"
        + " Xeon Gold 5120 node; energy per forward pass = window energy / passes");
    xeon.put("provenance.files", "xeon-gold-5120/cleaned/{conv2d,linear,maxpool2d,relu,sigmoid,tanh,softmax}.csv,"
        + " xeon-gold-5120/raw/architectures/0{0,1,2}_architectures*-raw.csv");
    xeon.put("provenance.limitations", XEON_LIMITS);
    specs.add(new Spec("xeon-gold-5120", "Intel Xeon Gold 5120 CPU, fp32 inference in PyTorch, fitted to RAPL"
            + " measurements of random single layers and of AlexNet and VGG-11 (Getzner et al. 2023)",
        "Intel Xeon Gold 5120 CPU @ 2.20GHz (2 logical CPUs of a shared node), fp32", "inference",
        "xeon-gold-5120", (dir, id) -> XeonGold5120Data.load(dir), List.of(Feature.LAYERS),
        Set.of("alexnet", "vgg11"), xeon, XEON_L2_BYTES));

    for (String host : List.of("raptorlake", "broadwell-ep")) {
      Map<String, String> w = new LinkedHashMap<>();
      w.put("provenance.source", "https://github.com/willowec/characterizing-pytorch-power (W. Cunningham, 2025,"
          + " a course project modelled on NeuralPower)");
      w.put("provenance.commit", "4067417d41f23a685329988b9bc1dc85f2265e4c");
      w.put("provenance.license", "MIT, Copyright (c) 2025 Willow Cunningham; see"
          + " runtime/refit/src/test/resources/measurements/willowec/LICENSE.txt");
      w.put("provenance.method", "Intel RAPL package energy, CPU-only fp32 PyTorch: pyRAPL around each batch's"
          + " forward and backward + SGD step (layer sweeps; ResNet-18 and MobileNetV3-small at 3x64x64, batch"
          + " 512), and perf stat energy-pkg of whole Python training processes (ReLU MLPs on random data,"
          + " Adadelta)");
      w.put("provenance.files", "willowec/layer_sweeps/" + host + "-*/{linear,conv,pool}.csv, willowec/"
          + "mlp_cnn_process_sweeps/" + host + "_linear.csv, willowec/real_nets/" + host
          + "_{resnet18,mobilenet_v3_small}.json");
      w.put("provenance.limitations", host.equals("raptorlake")
          ? "The exact CPU model is not recorded (a Raptor Lake 13th/14th-generation Core). Its whole-process MLP"
              + " runs vary up to 7x between repeats of one configuration and jump about 5x once the MLP is 96 or"
              + " more wide (a threading regime that no op count predicts)." + WILLOWEC_COMMON
          : "The exact CPU model and socket count are not recorded (a Broadwell-EP Xeon E5 v4 server); pyRAPL"
              + " stores the mean per socket, so per-batch energies may be the package total divided by the"
              + " sockets. The ResNet-18 file has a negative forward energy (a RAPL wrap) and is dropped:"
              + " MobileNetV3-small, measured for one epoch, is the only real CNN." + WILLOWEC_COMMON);
      String name = host.equals("raptorlake") ? "Intel Raptor Lake (13th/14th-gen Core) CPU"
          : "Intel Xeon E5 v4 (Broadwell-EP) server CPU";
      specs.add(new Spec(host, name + ", fp32 PyTorch inference and training, fitted to RAPL measurements of"
              + " random layers, whole MLP training processes and two real CNNs (host '" + host + "' of willowec)",
          name + " (host '" + host + "'), fp32", "inference,training", "willowec", WillowecData::load,
          List.of(Feature.LAYERS, Feature.STEPS, Feature.RUN, Feature.RUN_STEPS),
          Set.of("resnet18+linear10", "mobilenet_v3_small+linear10"), w,
          host.equals("raptorlake") ? RAPTOR_COVE_L2_BYTES : BROADWELL_L2_BYTES));
    }

    List<ZeusWorkloads.Workload> zeusNetworks = ZeusWorkloads.all();
    String zeusDescription = zeusNetworks.stream().map(ShippedProfiles::zeusName).collect(Collectors.joining(", "));
    // a step's fixed cost and one per layer and step: kernel launches, which make a step of ShuffleNet-v2 (hundreds
    // of small layers) cost about ten times one of NCF (nine) at the smallest batches
    List<Feature> zeusOverhead = List.of(Feature.LAYERS, Feature.STEPS);
    Map<String, String> gpus = new TreeMap<>(Map.of("v100", "NVIDIA Tesla V100", "a40", "NVIDIA A40",
        "rtx6000", "NVIDIA Quadro RTX 6000", "p100", "NVIDIA Tesla P100"));
    for (String gpu : List.of("v100", "a40", "rtx6000", "p100")) {
      Map<String, String> z = new LinkedHashMap<>();
      z.put("provenance.source", "https://github.com/ml-energy/zeus examples/research_reproducibility/zeus_nsdi23/"
          + "trace (J. You, J.-W. Chung, M. Chowdhury, Zeus, USENIX NSDI 2023)");
      z.put("provenance.commit", "75a8b9398034eb9baf74ca0a830c2c31bcce52cd (the trace files last changed in 43297f6)");
      z.put("provenance.license", "Apache-2.0; see runtime/refit/src/test/resources/measurements/zeus-gpu-training/"
          + "LICENSE.txt");
      z.put("provenance.method", "NVML GPU board power: energy of one training epoch = time_per_epoch x"
          + " average_power, at the GPU's default (highest) power limit, one epoch per batch size");
      z.put("provenance.files", "zeus-gpu-training/summary_power_" + gpu + ".csv");
      z.put("provenance.limitations", GPU_LIMITS_NETWORKS);
      specs.add(new Spec(gpu, gpus.get(gpu) + " GPU, fp32 training, fitted to Zeus' per-epoch NVML energy of "
              + zeusDescription + " at the default power limit",
          gpus.get(gpu) + " GPU, fp32", "training", "zeus-gpu-training", ZeusData::load, zeusOverhead,
          zeusNetworks.stream().map(ZeusWorkloads.Workload::name).collect(Collectors.toSet()), z, 0));
    }

    Map<String, String> gpuNames = Map.of("h100", "NVIDIA H100", "b200", "NVIDIA B200");
    for (MlEnergyData.Gpu gpu : MlEnergyData.Gpu.values()) {
      String id = gpu.profileId();
      Map<String, String> m = new LinkedHashMap<>();
      m.put("provenance.source", "https://github.com/ml-energy/leaderboard public/data/models (The ML.ENERGY"
          + " Benchmark v3; J.-W. Chung et al., NeurIPS 2025 Datasets and Benchmarks)");
      m.put("provenance.commit", "0cd52dab897c5d91a45f4d413038f3b8b4251b0f (2026-02-27)");
      m.put("provenance.license", "Apache-2.0; see runtime/refit/src/test/resources/measurements/mlenergy-llm/"
          + "LICENSE.txt");
      m.put("provenance.method", "vLLM serving open LLMs at batch caps 8-4,096 (tasks gpqa, lm-arena-chat,"
          + " sourcegraph-fim), steady state; GPU energy from NVML summed over the replica's GPUs, divided by the"
          + " generated tokens");
      m.put("provenance.files", "mlenergy-llm/llm_runs.tsv");
      m.put("provenance.limitations", LLM_LIMITS);
      specs.add(new Spec(id, gpuNames.get(id) + " GPU, LLM serving (vLLM) per generated token in bf16, FP8 or"
              + " MXFP4 weights, fitted to The ML.ENERGY Benchmark v3",
          gpuNames.get(id) + " GPU, LLM decode (vLLM)", "decode", LLM_FOLDER, MlEnergyData::decode, List.of(),
          Set.of(), m, 0));
    }
    return specs;
  }

  /** The folder of the LLM serving runs. */
  static final String LLM_FOLDER = "mlenergy-llm";

  private static final String LLM_LIMITS = "Decode only: the measured joules per token include prompt processing"
      + " (a median 0.6% of the energy in GPQA, 9% in chat, 33% in code fill-in), which the coefficients absorb;"
      + " prompt lengths are not in the data and are assumed per task. Routing is assumed uniform over the experts."
      + " vLLM's kernels, not the model, decide some costs: Qwen3-Coder-480B-FP8 on B200 costs 2-6x its bf16 build."
      + " GPU energy only (no CPU, DRAM or host)";

  /** Whether {@code spec} is fitted to the LLM serving runs. */
  static boolean isLlm(Spec spec) {
    return spec.folder().equals(LLM_FOLDER);
  }

  /**
   * The LLM serving candidates, all per generated token at the served batch: the MACs control, and the decode
   * model with its features justified in docs/accuracy.md (TOs in the weights' format, weights read per step
   * with routed experts, key/value cache, GPUs x steps, a per-token constant), and the same with every expert
   * read and without the cache, to show what those add.
   */
  static List<Candidate> llmCandidates() {
    List<Candidate> list = new ArrayList<>();
    list.add(Candidate.linear(Candidate.MACS, "MACs only (the FLOPs proxy)", List.of(), Feature.MACS).asControl());
    list.add(Candidate.linear("decode", "TOs + weight bytes read per step, routed experts only + key/value cache"
        + " bytes + GPUs x steps + tokens", List.of(), Feature.TOS, Feature.ROUTED_WEIGHT_BYTES, Feature.KV_BYTES,
        Feature.GPU_STEPS, Feature.TOKENS));
    list.add(Candidate.linear("decode-ep", "as decode + the GPUs of a mixture of experts beyond the first x steps"
        + " (expert parallelism)", List.of(), Feature.TOS, Feature.ROUTED_WEIGHT_BYTES, Feature.KV_BYTES,
        Feature.GPU_STEPS, Feature.TOKENS, Feature.EXPERT_GPU_STEPS));
    list.add(Candidate.linear("decode-all-experts", "as decode, reading every expert every step", List.of(),
        Feature.TOS, Feature.WEIGHT_BYTES, Feature.KV_BYTES, Feature.GPU_STEPS, Feature.TOKENS));
    list.add(Candidate.linear("decode-no-cache", "as decode, without the key/value cache", List.of(), Feature.TOS,
        Feature.ROUTED_WEIGHT_BYTES, Feature.GPU_STEPS, Feature.TOKENS));
    return list;
  }

  /**
   * The kind of each measurement, for the balanced selection and the per-kind errors: a single-layer
   * type (and phase), a network's layers measured alone, a whole network (and phase), MLP runs, or
   * a network's epochs.
   */
  static Function<Measurement, String> kinds(List<Measurement> measurements) {
    boolean bothPhases = measurements.stream().map(Measurement::phase).distinct().count() > 1;
    return m -> kind(m, bothPhases);
  }

  static String kind(Measurement m, boolean bothPhases) {
    String n = m.network().name();
    String phase = bothPhases ? (m.phase() == Phase.INFERENCE ? ", inference" : ", training step") : "";
    if (n.startsWith("mlp-")) return "MLP training runs (whole processes)";
    if (n.contains("/")) return n.substring(0, n.indexOf('/')) + " layers measured alone";
    if (m.isRun()) return n + " epochs";
    return switch (n) {
      case "conv2d", "conv", "linear", "maxpool2d", "pool", "relu", "sigmoid", "tanh", "softmax" ->
          "single " + n + " layers" + phase;
      default -> n + " (whole network" + phase + ")";
    };
  }

  /** Whether measurements of {@code kind} are whole networks or whole runs (what the selection judges). */
  /** Whether {@code m} is a whole-process MLP training run (the willowec hosts), which the report tables apart. */
  static boolean isRun(Measurement m) {
    return m.network().name().startsWith("mlp-");
  }

  /** A Zeus workload as the profile's description names it: network (dataset). */
  private static String zeusName(ZeusWorkloads.Workload w) {
    return w.name() + " (" + w.dataset() + ")";
  }

  /** Whether the profile is fitted to Zeus epochs. */
  static boolean isZeus(Spec spec) {
    return spec.folder().startsWith("zeus");
  }

  /**
   * Whether the profile has only epochs of two networks (the Zeus GPUs while the other networks' notation does
   * not parse): no network can then be held out of a fit that separates TOs from bytes.
   */
  static boolean epochsOfTwoNetworks(Spec spec, List<Measurement> measurements) {
    return isZeus(spec) && measurements.stream().map(Measurement::group).distinct().count() < 3;
  }

  /**
   * The whole networks of the 5% goal of issue 4 (whole-network inference on the Xeon), by network name, with
   * the names the report shows; empty for the other profiles.
   */
  static Map<String, String> fivePercentGoal(Spec spec) {
    return spec.id().equals("xeon-gold-5120") ? linked("alexnet", "AlexNet", "vgg11", "VGG-11") : Map.of();
  }

  private static Map<String, String> linked(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) map.put(keysAndValues[i], keysAndValues[i + 1]);
    return map;
  }

  static boolean isWhole(String kind) {
    return kind.contains("(whole network") || kind.contains("(whole processes)");
  }

  /**
   * The candidates of {@code spec}: the standard ones; on the GPUs, where every measurement is an epoch of one
   * of five networks, the TO groups that some networks lack are controls (fitted and reported, never shipped),
   * and a fixed cost per epoch is one more candidate.
   */
  static List<Candidate> candidates(Spec spec, Calibrator calibrator) {
    if (isLlm(spec)) return llmCandidates();
    List<Candidate> standard = Candidate.standard(spec.overhead(), calibrator.arithmetic());
    if (!isZeus(spec)) return standard;
    List<Candidate> out = new ArrayList<>();
    for (Candidate c : standard) {
      // max pooling is in ResNet-50 alone, compares almost only in the CNNs' ReLUs: a price of its own is fitted
      // to those networks' residuals (on the V100 it prices ResNet-50's one max pool above all its convolutions)
      out.add(c.name().equals("split") || c.name().equals("kinds") ? c.asControl() : c);
      if (c.name().equals("tos-bytes")) {
        List<Feature> overhead = new ArrayList<>(spec.overhead());
        overhead.add(Feature.RUN);
        // what an epoch costs beyond its steps: NCF draws its 4 negatives per rating before each epoch, and the
        // GPU idles while the loader starts and the last batch drains
        out.add(Candidate.linear(GPU_EPOCH_CANDIDATE, "TOs + bytes moved + " + spec.overhead().stream()
            .map(Feature::key).collect(Collectors.joining(" + ")) + " + a fixed cost per epoch (run)", overhead,
            Feature.TOS, Feature.BYTES));
      }
    }
    return out;
  }

  /** The GPUs' candidate with a fixed cost per epoch. */
  static final String GPU_EPOCH_CANDIDATE = "tos-bytes-epoch";

  /** A fitted shipped profile with what it was fitted from. */
  public record Fitted(Spec spec, Dataset data, Calibrator.Report report, Profile profile) {}

  /** Fits {@code spec} from the measurements under {@code root}. */
  public static Fitted fit(Spec spec, Path root) {
    Dataset data = spec.load(root);
    Calibrator calibrator = new Calibrator(spec.arithmetic(), Calibrator.DEFAULT_FOLDS, Calibrator.DEFAULT_SEED)
        .balancingKinds();
    // with three networks or more, the GPUs' epochs are what leave-one-network-out judges and selects on
    boolean llm = isLlm(spec);
    // the LLM runs: each model is a kind, all of them whole workloads (leave-one-model-out judges and selects)
    Predicate<String> whole = llm ? kind -> true : isZeus(spec) && !epochsOfTwoNetworks(spec, data.measurements())
        ? kind -> kind.endsWith(" epochs") : ShippedProfiles::isWhole;
    Calibrator.Report report = calibrator.calibrate(data.measurements(), candidates(spec, calibrator),
        Calibrator.Criterion.WHOLE_WORKLOADS, llm ? Measurement::group : kinds(data.measurements()), whole);
    Map<String, String> provenance = new TreeMap<>(spec.provenance());
    provenance.put("provenance.rowsRead", Integer.toString(data.rowsRead()));
    provenance.put("provenance.rowsUsed", Integer.toString(data.rowsUsed()));
    provenance.put("provenance.rowsDropped", Integer.toString(data.rowsDropped()));
    provenance.put("provenance.dropped", data.dropped().isEmpty() ? "none" : data.dropped().entrySet().stream()
        .map(e -> e.getValue() + " x " + e.getKey()).collect(Collectors.joining("; ")));
    provenance.put("provenance.measurements", Integer.toString(data.measurements().size()));
    provenance.put("provenance.assumptions", String.join(" | ", data.assumptions()));
    Profile profile = ProfileFit.profile(report, spec.id(), spec.description(), spec.hardware(), spec.phases(),
        llm ? Format.BF16 : Format.FP32, calibrator.arithmetic(), provenance);
    return new Fitted(spec, data, report, profile);
  }

  /**
   * Regenerates everything: {@code args = [measurements folder, profile folder, docs folder]}.
   *
   * @throws IOException when a file cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: ShippedProfiles MEASUREMENTS_DIR PROFILES_DIR DOCS_DIR");
      System.exit(2);
    }
    Path root = Path.of(args[0]);
    Path profiles = Path.of(args[1]);
    Path docs = Path.of(args[2]);
    Files.createDirectories(profiles);
    Files.createDirectories(docs);
    List<Fitted> all = new ArrayList<>();
    for (Spec spec : specs()) {
      long start = System.nanoTime();
      Fitted f = fit(spec, root);
      ProfileWriter.write(f.profile(), profiles.resolve(spec.id() + ".properties"));
      all.add(f);
      System.out.printf(java.util.Locale.ROOT, "%-15s %5d measurements, chosen %-10s CV MAPE %6.2f%%  (%.1f s)%n",
          spec.id(), f.data().measurements().size(), f.report().chosen().candidate().name(),
          f.report().chosen().crossValidation().mape(), (System.nanoTime() - start) / 1e9);
    }
    Files.writeString(profiles.resolve("index"), all.stream().map(f -> f.spec().id())
        .collect(Collectors.joining("\n", "", "\n")));
    AccuracyReport.write(all, docs);
    System.out.println("wrote " + all.size() + " profiles to " + profiles + " and accuracy.md to " + docs);
  }
}
