package io.github.toenergy.refit;

import io.github.toenergy.calibrate.CsvFile;
import io.github.toenergy.calibrate.Dataset;
import io.github.toenergy.calibrate.Measurement;
import io.github.toenergy.annotations.Phase;
import io.github.toenergy.model.Network;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the Zeus (NSDI'23) GPU training trace of one GPU (folder {@code zeus-gpu-training}, file
 * {@code summary_power_<gpu>.csv}, see its PROVENANCE.txt): one training epoch per row, energy =
 * {@code time_per_epoch * average_power} (GPU board power from NVML). Only the rows at the GPU's
 * default power limit (the file's highest) are used, of the six workloads of {@link ZeusWorkloads}. An epoch is {@code ceil(samples / batch)} training steps over all
 * samples; the group that leave-one-network-out holds out is the network (BERT with both its datasets).
 */
public final class ZeusData {
  static final int IMAGENET_IMAGES = (int) ZeusWorkloads.IMAGENET_IMAGES;
  static final int CIFAR100_IMAGES = (int) ZeusWorkloads.CIFAR100_IMAGES;
  static final String CAPPED = "power limit below the GPU's default (capped runs)";

  private ZeusData() {}

  /** The epochs of {@code gpu} ({@code v100}, {@code a40}, {@code rtx6000}, {@code p100}) in {@code folder}. */
  public static Dataset load(Path folder, String gpu) {
    Path file = folder.resolve("summary_power_" + gpu + ".csv");
    CsvFile csv = CsvFile.read(file);
    double defaultLimit = 0;
    for (CsvFile.Row row : csv.rows()) {
      defaultLimit = Math.max(defaultLimit, row.number("power_limit"));
    }
    Map<String, Network> networks = new LinkedHashMap<>();
    Map<String, ZeusWorkloads.Workload> byKey = new LinkedHashMap<>();
    List<String> assumptions = new ArrayList<>();
    assumptions.add("epoch energy = time_per_epoch x average_power (GPU board only, no CPU/DRAM) at the default power"
        + " limit " + (int) defaultLimit + " W; an epoch = ceil(samples/batch) training steps over all samples, the"
        + " last batch partial");
    for (ZeusWorkloads.Workload w : ZeusWorkloads.all()) {
      networks.put(w.name(), w.build().get());
      byKey.put(w.dataset() + "," + w.network(), w);
      assumptions.add(w.assumption());
    }
    List<Measurement> out = new ArrayList<>();
    Map<String, Integer> dropped = new LinkedHashMap<>();
    for (CsvFile.Row row : csv.rows()) {
      ZeusWorkloads.Workload w = byKey.get(row.text("dataset") + "," + row.text("network"));
      if (w == null) {
        // every (dataset, network) of the trace is a workload (ZeusWorkloadsTest)
        throw new IllegalArgumentException(file + ": no Zeus workload for dataset " + row.text("dataset")
            + " and network " + row.text("network"));
      }
      if (row.number("power_limit") < defaultLimit) {
        dropped.merge(CAPPED, 1, Integer::sum);
        continue;
      }
      int batch = row.integer("batch_size");
      double joules = row.number("time_per_epoch") * row.number("average_power");
      long samples = w.samplesPerEpoch();
      long steps = (samples + batch - 1) / batch;
      out.add(new Measurement(networks.get(w.name()), Phase.TRAINING, (int) Math.min(batch, samples), steps, samples,
          joules, w.network()));
    }
    assumptions.add("the trace's optimizers (Adadelta and Adam for the CNNs, AdamW for BERT and DeepSpeech2, Adam for"
        + " NCF) are costed as the model's SGD update; every epoch measured once (the trace says its numbers are not"
        + " stochastic)");
    return new Dataset(file.getFileName().toString(), out, csv.rows().size(), dropped, assumptions);
  }
}
