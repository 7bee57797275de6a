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
 * default power limit (the file's highest) and of the two convolutional networks are used:
 * ResNet-50 on ImageNet (1,281,167 images at 3x224x224) and ShuffleNet-v2 on CIFAR-100 (50,000
 * images at 3x32x32). An epoch is {@code ceil(images / batch)} training steps over all images.
 */
public final class ZeusData {
  static final int IMAGENET_IMAGES = 1_281_167;
  static final int CIFAR100_IMAGES = 50_000;
  static final String CAPPED = "power limit below the GPU's default (capped runs)";
  static final String OUT_OF_SCOPE = "network outside the model (deepspeech2, bert, ncf: recurrent, transformer,"
      + " embedding)";

  private ZeusData() {}

  /** The epochs of {@code gpu} ({@code v100}, {@code a40}, {@code rtx6000}, {@code p100}) in {@code folder}. */
  public static Dataset load(Path folder, String gpu) {
    Path file = folder.resolve("summary_power_" + gpu + ".csv");
    CsvFile csv = CsvFile.read(file);
    double defaultLimit = 0;
    for (CsvFile.Row row : csv.rows()) {
      defaultLimit = Math.max(defaultLimit, row.number("power_limit"));
    }
    Network resnet50 = ReferenceNetworks.resnet50();
    Network shufflenet = ReferenceNetworks.shufflenetV2Cifar();
    List<Measurement> out = new ArrayList<>();
    Map<String, Integer> dropped = new LinkedHashMap<>();
    for (CsvFile.Row row : csv.rows()) {
      String network = row.text("network");
      String dataset = row.text("dataset");
      Network net;
      int images;
      if (network.equals("resnet50") && dataset.equals("imagenet")) {
        net = resnet50;
        images = IMAGENET_IMAGES;
      } else if (network.equals("shufflenetv2") && dataset.equals("cifar100")) {
        net = shufflenet;
        images = CIFAR100_IMAGES;
      } else {
        dropped.merge(OUT_OF_SCOPE, 1, Integer::sum);
        continue;
      }
      if (row.number("power_limit") < defaultLimit) {
        dropped.merge(CAPPED, 1, Integer::sum);
        continue;
      }
      int batch = row.integer("batch_size");
      double joules = row.number("time_per_epoch") * row.number("average_power");
      long steps = (images + batch - 1) / batch;
      out.add(new Measurement(net, Phase.TRAINING, Math.min(batch, images), steps, images, joules, network));
    }
    return new Dataset(file.getFileName().toString(), out, csv.rows().size(), dropped, List.of(
        "epoch energy = time_per_epoch x average_power (GPU board only, no CPU/DRAM) at the default power limit "
            + (int) defaultLimit + " W; an epoch = ceil(images/batch) training steps over all images, the last batch"
            + " partial",
        "ResNet-50: torchvision definition (v1.5) at 3x224x224, ImageNet-1k train = 1,281,167 images (standard"
            + " size, not stated in the trace), exact",
        ReferenceNetworks.SHUFFLENET_V2_ASSUMPTION + "; CIFAR-100 train = 50,000 images",
        "the trace's optimizers (Adadelta, Adam on the V100) are costed as the model's SGD update; every epoch"
            + " measured once (the trace says its numbers are not stochastic)"));
  }
}
