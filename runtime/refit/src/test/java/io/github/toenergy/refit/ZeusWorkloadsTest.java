package io.github.toenergy.refit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.model.Network;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The six Zeus workloads: what the trace names, written as docs/zeus-workloads.md derives them, each
 * counted against a derivation by hand (DeepSpeech2's also against PyTorch: scripts/torch-deepspeech2-check.py).
 */
class ZeusWorkloadsTest {

  private static ZeusWorkloads.Workload workload(String name) {
    return ZeusWorkloads.all().stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow();
  }

  private static Network network(String name) {
    return workload(name).build().get();
  }

  private static long macs(Network n) {
    return NetworkCost.of(n, Phase.INFERENCE).macs(1);
  }

  private static long parameters(Network n) {
    return NetworkCost.of(n, Phase.INFERENCE).parameters();
  }

  @Test
  void theTraceReadmesSixPairsEachOnce() {
    Map<String, String> pairs = ZeusWorkloads.all().stream()
        .collect(Collectors.toMap(w -> w.dataset(), w -> w.network()));
    assertEquals(Map.of("cifar100", "shufflenetv2", "imagenet", "resnet50", "librispeech", "deepspeech2",
        "movielens-1m", "ncf", "squad", "bert_base_uncased", "sentiment140", "bert_base_uncased"), pairs);
    assertEquals(6, ZeusWorkloads.all().stream().map(ZeusWorkloads.Workload::name).distinct().count());
    // epoch sizes: the datasets' published sizes, NCF's 994,169 ratings with 4 negatives each
    assertEquals(List.of(1_281_167L, 50_000L, 281_241L, 4_970_845L, 88_524L, 1_600_000L),
        ZeusWorkloads.all().stream().map(ZeusWorkloads.Workload::samplesPerEpoch).toList());
  }

  @Test
  void bertOnSquad() {
    Network n = network("bert-squad");
    // bert-base-uncased's 109,482,240 less its pooler (768 x 768 + 768) plus Linear(768, 2): docs/zeus-workloads.md
    assertEquals(109_482_240L - 590_592L + 1_538L, parameters(n));
    // 12 x (4 x 768^2 x 384 + 2 x 384^2 x 768 + 2 x 768 x 3072 x 384) + 768 x 2 x 384
    assertEquals(12L * (4L * 768 * 768 * 384 + 2L * 384 * 384 * 768 + 2L * 768 * 3072 * 384) + 768L * 2 * 384,
        macs(n));
  }

  @Test
  void bertOnSentiment140() {
    Network n = network("bert-sentiment140");
    assertEquals(109_482_240L + 1_538L, parameters(n)); // with its pooler, plus Linear(768, 2)
    int l = ZeusWorkloads.SENTIMENT140_TOKENS;
    assertEquals(12L * (4L * 768 * 768 * l + 2L * l * l * 768 + 2L * 768 * 3072 * l) + 768L * 768 + 768L * 2, macs(n));
  }

  @Test
  void deepSpeech2() {
    Network n = network("deepspeech2");
    // convolutions and batch norms, a first LSTM on 1,312 features, four on 1,024 after a batch norm each,
    // a batch norm and Linear(1024, 29): PyTorch's LSTM has two bias vectors per direction
    long first = 2L * (4 * 1024 * (1312 + 1024) + 2 * 4 * 1024);
    long other = 2048 + 2L * (4 * 1024 * (1024 + 1024) + 2 * 4 * 1024);
    assertEquals(14_464 + 64 + 236_576 + 64 + first + 4 * other + 2048 + 1024 * 29, parameters(n));
    assertEquals(86_618_400L, parameters(n));
    // 615 steps: conv outputs x kernel MACs, 4 gates x 1024 x (input + hidden) per step and direction
    long steps = 615;
    assertEquals(32L * 81 * steps * 41 * 11 + 32L * 41 * steps * 32 * 21 * 11 + 2 * steps * 4 * 1024 * (1312 + 1024)
        + 4 * 2 * steps * 4 * 1024 * 2048 + steps * 1024 * 29, macs(n));
  }

  @Test
  void ncf() {
    Network n = network("ncf");
    // one table of 9,746 x 160, Linear(320, 128), (128, 64), (64, 32), (32, 1)
    assertEquals(9_746L * 160 + 320 * 128 + 128 + 128 * 64 + 64 + 64 * 32 + 32 + 32 + 1, parameters(n));
    assertEquals(320L * 128 + 128 * 64 + 64 * 32 + 32, macs(n));
  }
}
