package io.github.toenergy.refit;

import io.github.toenergy.calibrate.Dataset;
import io.github.toenergy.calibrate.Measurement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.NetworkCost;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Row and drop counts of the three loaders, checked against counts derived independently from the
 * CSV files with awk / python (commands in each test's comment, run in
 * runtime/refit/src/test/resources/measurements).
 */
class LoadersTest {

  @Test
  void xeonCountsAndUnits() {
    Dataset d = XeonGold5120Data.load(Data.root().resolve("xeon-gold-5120"));
    // awk -F, 'NR==1{for(i=1;i<=NF;i++)c[$i]=i;next}{n++; if($c["cpu_power"]<20||$c["cpu_energy"]<=0)d++}
    //   END{print n,d+0}' xeon-gold-5120/cleaned/X.csv
    //   conv2d 976 0, linear 992 0, maxpool2d 985 0, relu 988 1, sigmoid 489 0, softmax 493 0, tanh 491 0
    // python3 csv.DictReader (project_name is quoted): raw/architectures 00: 1560 rows, 01: 1560, 02: 180, no glitch;
    //   rows with 'layer_idx=0,' (whole networks): 60 + 60 + 180
    int cleaned = 976 + 992 + 985 + 988 + 489 + 493 + 491;
    assertEquals(cleaned + 1560 + 1560 + 180, d.rowsRead());
    assertEquals(1, d.rowsDropped());
    assertEquals(d.rowsRead() - 1, d.measurements().size());
    long whole = d.measurements().stream()
        .filter(m -> m.network().name().equals("alexnet") || m.network().name().equals("vgg11")).count();
    assertEquals(60 + 60 + 180, whole);
    assertTrue(d.measurements().stream().allMatch(m -> m.phase() == Phase.INFERENCE && m.batches() == 0));

    // first data line of cleaned/conv2d.csv: batch 123, image 127, kernel 7, in 80, out 29, stride 1, padding 2,
    // cpu_energy 0.00012128318066843332 kWh per pass -> 436.6194504 J
    Measurement first = d.measurements().get(0);
    assertEquals("input(80,127,127) conv2d(29,k=7,p=2)", first.network().toNotation());
    assertEquals(123, first.batch());
    assertEquals(0.00012128318066843332 * 3.6e6, first.joules(), 1e-9);

    // first data line of raw/architectures/02: AlexNet batch 30, 53 passes, cpu_energy 0.0006397144501044 kWh
    Measurement alexnet = d.measurements().stream().filter(m -> m.network().name().equals("alexnet")
        && m.batch() == 30).findFirst().orElseThrow();
    assertEquals(0.0006397144501044 * 3.6e6 / 53, alexnet.joules(), 1e-9);
    // the row's ptflops MACs for the batch (conv + linear, 30 x 714,188,480, plus ptflops' pooling and ReLU
    // counts) is 21,466,856,880; the model's conv + linear MACs are the published 714,188,480 per image
    assertEquals(30L * 714_188_480L, NetworkCost.of(alexnet.network(), Phase.INFERENCE).macs(30));
  }

  /**
   * PROVENANCE.txt: "sum of the per-layer energies / whole-network energy has a median of 1.004-1.014
   * per network". Summing the loader's isolated layers per (file, network, batch) and dividing by the
   * whole network's energy must give that again: it checks units, the module-to-layer mapping and that
   * every layer is there.
   */
  @Test
  void xeonIsolatedLayersAddUpToTheWholeNetwork() {
    for (String file : List.of("00_architectures-layerwise-raw.csv", "01_architectures-layerwise-raw.csv")) {
      Dataset d = XeonGold5120Data.loadArchitectures(
          Data.root().resolve("xeon-gold-5120/raw/architectures").resolve(file));
      Map<String, double[]> sums = new HashMap<>();
      for (Measurement m : d.measurements()) {
        boolean whole = !m.network().name().contains("/");
        double[] s = sums.computeIfAbsent(m.group() + " " + m.batch(), k -> new double[4]);
        s[whole ? 0 : 1] += m.joules();
        s[whole ? 2 : 3] += 1;
      }
      Map<String, List<Double>> ratios = new HashMap<>();
      for (Map.Entry<String, double[]> e : sums.entrySet()) {
        double[] s = e.getValue();
        // 3 repetitions of the whole network and 3 of each layer: compare the means
        double layers = s[1] / 3;
        double whole = s[0] / s[2];
        ratios.computeIfAbsent(e.getKey().split(" ")[0], k -> new ArrayList<>()).add(layers / whole);
        assertEquals(3, s[2], "3 repetitions of the whole network");
      }
      for (Map.Entry<String, List<Double>> e : ratios.entrySet()) {
        List<Double> r = e.getValue();
        r.sort(null);
        double median = (r.get(r.size() / 2) + r.get((r.size() - 1) / 2)) / 2;
        assertTrue(median > 0.99 && median < 1.03, file + " " + e.getKey() + ": median ratio " + median);
      }
    }
  }

  @Test
  void willowecRaptorlakeCounts() {
    Dataset d = WillowecData.load(Data.root().resolve("willowec"), "raptorlake");
    // awk -F, 'NR==1{for(i=1;i<=NF;i++)c[$i]=i;next}{n++; if($c["for_energy"]<=0)a++; else if($c["back_energy"]<0)b++;
    //   else if(f !~ /pool/ && $c["back_energy"]==0)z++} END{print n,a+0,b+0,z+0}' -v f=K layer_sweeps/raptorlake-2*/K.csv
    //   linear 1000 7 0 1, conv 1000 0 0 0, pool 1000 0 3 0
    // awk -F, 'NR>1{n++; k=$1","$2","$3","$4","$5; if(!(k in s)){s[k]=1;c++}} END{print n,c}' raptorlake_linear.csv
    //   15029 rows, 2955 configurations
    // python3 json: raptorlake_resnet18.json and _mobilenet_v3_small.json hold 10 epochs each, all positive
    assertEquals(3000 + 15029 + 2 * 10 + 2 * 10, d.rowsRead());
    assertEquals(Map.of(WillowecData.FORWARD_GLITCH, 7, WillowecData.ZERO_BACKWARD, 1,
        WillowecData.BACKWARD_GLITCH, 3), d.dropped());
    // linear and conv rows give an inference and a training measurement, pool rows inference only
    int layers = 2 * (1000 - 8) + 2 * 1000 + (1000 - 3);
    assertEquals(layers + 2955 + 40, d.measurements().size());
    assertEquals(2955, d.measurements().stream().filter(Measurement::isRun).count());
  }

  @Test
  void willowecBroadwellCounts() {
    Dataset d = WillowecData.load(Data.root().resolve("willowec"), "broadwell-ep");
    // same awk: linear 1000 1 0 0, conv 1000 0 0 0, pool 1000 4 0 0; broadwell-ep_linear.csv 17105 rows, 3367
    // configurations; broadwell-ep_resnet18.json: forward_energy [-1312611965.34] (a RAPL wrap) -> both of its
    // measurements dropped; _mobilenet_v3_small.json: one epoch, positive
    assertEquals(3000 + 17105 + 2 + 2, d.rowsRead());
    assertEquals(Map.of(WillowecData.FORWARD_GLITCH, 5, WillowecData.REAL_NET_GLITCH, 2), d.dropped());
    assertEquals(2 * 999 + 2 * 1000 + 996 + 3367 + 2, d.measurements().size());
  }

  @Test
  void willowecUnitsAndRuns() {
    Dataset d = WillowecData.load(Data.root().resolve("willowec"), "raptorlake");
    // layer_sweeps/raptorlake-2025-04-28T17-09-49/linear.csv line 2: 117,244,364,12735.56,...,28104.16,...
    Measurement forward = d.measurements().get(0);
    Measurement step = d.measurements().get(1);
    assertEquals("input(244) dense(364)", forward.network().toNotation());
    assertEquals(12735.560000000001e-6, forward.joules(), 1e-12);
    assertEquals((12735.560000000001 + 28104.159999999996) * 1e-6, step.joules(), 1e-12);
    assertEquals(Phase.TRAINING, step.phase());
    // raptorlake_linear.csv lines 2-6: data 128, epochs 10, batch 32, 1 layer, width 16; energies 44.199463,
    // 43.059875, ... median of the 5 repeats; 10 epochs x ceil(128/32) = 40 steps over 1280 samples
    Measurement run = d.measurements().stream().filter(Measurement::isRun).findFirst().orElseThrow();
    assertEquals("input(16) dense(16) relu dense(1)", run.network().toNotation());
    assertEquals(40, run.batches());
    assertEquals(1280, run.samples());
    assertEquals(32, run.batch());
    // the real nets: 50,000 images in 98 batches of 512 (the last of 336)
    Measurement resnet = d.measurements().stream().filter(m -> m.group().equals("resnet18")).findFirst()
        .orElseThrow();
    assertEquals(50_000.0 / 98, resnet.samples(), 1e-12);
    assertEquals(25852339.540816326e-6, resnet.joules(), 1e-9);
  }

  @Test
  void zeusCounts() {
    // python csv: rows, rows below the file's highest power limit, used (of which deepspeech2):
    // v100 476 408 68 (15) | a40 453 400 53 (6) | rtx6000 410 358 52 (11) | p100 270 225 45 (9)
    int[][] expected = {{476, 408, 68}, {453, 400, 53}, {410, 358, 52}, {270, 225, 45}};
    String[] gpus = {"v100", "a40", "rtx6000", "p100"};
    for (int g = 0; g < gpus.length; g++) {
      Dataset d = ZeusData.load(Data.root().resolve("zeus-gpu-training"), gpus[g]);
      assertEquals(expected[g][0], d.rowsRead(), gpus[g]);
      assertEquals(Map.of(ZeusData.CAPPED, expected[g][1]), d.dropped(), gpus[g]);
      assertEquals(expected[g][2], d.measurements().size(), gpus[g]);
    }
    Dataset v100 = ZeusData.load(Data.root().resolve("zeus-gpu-training"), "v100");
    // epoch sizes of docs/zeus-workloads.md, by network name; the group is the trace's network column
    Map<String, Long> samples = Map.of("resnet50", 1_281_167L, "shufflenetv2", 50_000L, "ncf", 4_970_845L,
        "bert-squad", 88_524L, "bert-sentiment140", 1_600_000L, "deepspeech2", 281_241L);
    for (Measurement m : v100.measurements()) {
      long n = samples.get(m.network().name());
      assertEquals(n, m.samples());
      assertEquals((n + m.batch() - 1) / m.batch(), m.batches());
      assertEquals(m.network().name().startsWith("bert") ? "bert_base_uncased" : m.network().name(), m.group());
    }
  }
}
