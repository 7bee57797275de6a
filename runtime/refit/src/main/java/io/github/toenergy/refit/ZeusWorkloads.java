package io.github.toenergy.refit;

import io.github.toenergy.model.Network;
import java.util.List;
import java.util.function.Supplier;

/**
 * The six (dataset, network) workloads of the Zeus NSDI'23 power trace, each written in the notation as
 * the training code the Zeus paper names defines it, with the number of samples one epoch trains on.
 * The trace itself gives only the names (its README's table); where the code leaves a number open (a
 * dataset's size, a padded length), the definition says what is assumed. docs/zeus-workloads.md
 * shows every notation with its sources.
 */
final class ZeusWorkloads {
  private ZeusWorkloads() {}

  /**
   * One workload.
   *
   * @param dataset the trace's {@code dataset} column
   * @param network the trace's {@code network} column: the group that leave-one-network-out holds out
   *     (both BERT workloads together)
   * @param name the measurement's name, unique per workload
   * @param samplesPerEpoch training samples of one epoch
   * @param build the network in the runtime model
   * @param assumption what the definition takes from where, for the profile's provenance
   */
  record Workload(String dataset, String network, String name, long samplesPerEpoch, Supplier<Network> build,
      String assumption) {}

  /** ImageNet-1k train (ILSVRC 2012): 1,281,167 images, the standard size (the trace does not state it). */
  static final long IMAGENET_IMAGES = 1_281_167;
  /** CIFAR-100 train: 50,000 images. */
  static final long CIFAR100_IMAGES = 50_000;
  /**
   * SQuAD v1.1 train: 87,599 questions become 88,524 sequences of 384 tokens (Hugging Face {@code run_qa.py}:
   * {@code max_seq_length=384}, {@code doc_stride=128}, padded to the maximum; a context too long for one
   * window gives a second): the count Hugging Face's question-answering notebook prints for the uncased
   * WordPiece tokenizer ("Num examples = 88524").
   */
  static final long SQUAD_SEQUENCES = 88_524;
  /** Sentiment140 train: 1,600,000 tweets (the Hugging Face {@code sentiment140} dataset's train split). */
  static final long SENTIMENT140_TWEETS = 1_600_000;
  /**
   * LibriSpeech train-clean-100 + train-clean-360 + train-other-500: 28,539 + 104,014 + 148,688 = 281,241
   * utterances, 960.9 hours (the LibriSpeech paper's Table 1; deepspeech.pytorch's {@code librispeech.py}
   * downloads all three).
   */
  static final long LIBRISPEECH_UTTERANCES = 281_241;
  /**
   * Spectrogram frames of a mean utterance: 960.9 h x 3600 s / 281,241 = 12.30 s at one frame per 10 ms
   * ({@code window_stride=.01}) = 1,230 frames; batches of similar lengths (the loader's buckets) pad little.
   */
  static final int LIBRISPEECH_MEAN_FRAMES = 1_230;
  /**
   * MovieLens-1M as NCF trains on it (guoyang9/NCF's {@code ml-1m.train.rating}): 994,169 positive ratings
   * (1,000,209 less one held-out rating per user for the 6,040 users), each with {@code num_ng=4} sampled
   * negatives: 994,169 x 5 = 4,970,845 samples per epoch.
   */
  static final long MOVIELENS_SAMPLES = 994_169L * 5;
  /**
   * The padded length of a Sentiment140 batch: the example pads each batch to its longest tweet
   * ({@code DataCollatorWithPadding}, {@code max_length=128}); tweets of at most 140 characters are about 20
   * BERT word pieces on average and the longest of a batch about 64. Assumed: the trace does not state it.
   */
  static final int SENTIMENT140_TOKENS = 64;

  /**
   * bert-base-uncased's encoder (its config.json: 12 post-norm layers, 768 features, 12 heads, 3072 GELU,
   * vocabulary 30,522, 512 positions, 2 token types, dropout 0.1), its layers written out one by one.
   */
  static String bertEncoder(int tokens) {
    String layer = " residual(attention(12) dropout) layernorm residual(dense(3072) gelu dense(768) dropout) layernorm";
    return "input(" + tokens + ") embedding(30522,768) posembedding(512) posembedding(2) layernorm dropout"
        + layer.repeat(12);
  }

  /** The six workloads: the two CNNs first, then the trace README's order. */
  static List<Workload> all() {
    return List.of(
        new Workload("imagenet", "resnet50", "resnet50", IMAGENET_IMAGES, ReferenceNetworks::resnet50,
            "ResNet-50: torchvision definition (v1.5) at 3x224x224, ImageNet-1k train = 1,281,167 images (standard"
                + " size, not stated in the trace), exact"),
        new Workload("cifar100", "shufflenetv2", "shufflenetv2", CIFAR100_IMAGES, ReferenceNetworks::shufflenetV2Cifar,
            ReferenceNetworks.SHUFFLENET_V2_ASSUMPTION + "; CIFAR-100 train = 50,000 images"),
        new Workload("librispeech", "deepspeech2", "deepspeech2", LIBRISPEECH_UTTERANCES,
            () -> Network.parse("deepspeech2", deepSpeech2()),
            "DeepSpeech2: SeanNaren/deepspeech.pytorch (bidirectional LSTM config: 5 layers of 1024, directions summed;"
                + " two conv layers with hardtanh(0,20)), 161 frequency bins, the mean"
                + " LibriSpeech utterance of 1,230 frames, 281,241 utterances (all 960 h)"),
        new Workload("movielens-1m", "ncf", "ncf", MOVIELENS_SAMPLES, () -> Network.parse("ncf", ncf()),
            "NCF: guoyang9/NCF NeuMF-end (factor 32, 3 MLP layers 256-128-64-32, predict 64-1), its four embedding"
                + " tables as one of (6,040 + 3,706) rows x (32 + 128) features looked up for the user and the item"
                + " id; the MLP's first layer sees all 320 looked-up features (8,192 MACs more than its 256) and"
                + " GMF's 32-element product is not counted, nor its 32 inputs of the final Linear(64, 1); 994,169 ratings x (1 + 4 negatives) per epoch"),
        new Workload("squad", "bert_base_uncased", "bert-squad", SQUAD_SEQUENCES,
            () -> Network.parse("bert-squad", bertEncoder(384) + " dense(2)"),
            "BERT on SQuAD: bert-base-uncased with Hugging Face's question-answering head (Linear(768, 2)),"
                + " 88,524 sequences of 384 tokens per epoch (87,599 questions; run_qa.py defaults)"),
        new Workload("sentiment140", "bert_base_uncased", "bert-sentiment140", SENTIMENT140_TWEETS,
            () -> Network.parse("bert-sentiment140", bertEncoder(SENTIMENT140_TOKENS)
                + " select dense(768) tanh dropout dense(2)"),
            "BERT on Sentiment140: bert-base-uncased for sequence classification (pooler + Linear(768, 2)),"
                + " batches padded to " + SENTIMENT140_TOKENS + " tokens (assumed; dynamic padding, max_length"
                + " 128), 1,600,000 tweets per epoch"));
  }

  /**
   * DeepSpeech2 as deepspeech.pytorch's {@code model.py} (SeanNaren/deepspeech.pytorch at 165f464) and
   * {@code BiDirectionalConfig} ({@code configs/train_config.py} at 00989e6) define it: a
   * spectrogram of 161 bins (20 ms windows at 16 kHz: 320 / 2 + 1) by 1,230 frames; Conv2d(1, 32,
   * (41, 11), stride (2, 2), padding (20, 5)) and Conv2d(32, 32, (21, 11), stride (2, 1), padding (10, 5)),
   * each with batch norm and hardtanh(0, 20), give 32 x 41 bins by 615 steps; {@code columns} (its
   * {@code view(N, C*H, W).transpose(1, 2)}) makes each step's 1,312 features one position, which
   * feed five bidirectional LSTMs of 1,024 whose two directions are summed (batch norm before all but the
   * first), then batch norm and Linear(1024, 29 characters, no bias). A bidirectional LSTM whose directions
   * are added is {@code residual(lstm(1024) | lstm(1024))}: two LSTMs on the same input, summed (running one
   * backwards costs what running it forwards does).
   */
  static String deepSpeech2() {
    String biLstmSum = "residual(lstm(1024) | lstm(1024))";
    StringBuilder s = new StringBuilder("input(1,161," + LIBRISPEECH_MEAN_FRAMES + ")"
        + " conv2d(32,k=(41,11),s=2,p=(20,5)) batchnorm hardtanh conv2d(32,k=(21,11),s=(2,1),p=(10,5)) batchnorm hardtanh"
        + " columns " + biLstmSum);
    for (int i = 1; i < 5; i++) s.append(" batchnorm ").append(biLstmSum);
    return s.append(" batchnorm dense(29,bias=false)").toString();
  }

  /** NCF NeuMF-end as guoyang9/NCF's {@code model.py} defines it with {@code main.py}'s defaults. */
  static String ncf() {
    return "input(2) embedding(9746,160) flatten dense(128) relu dense(64) relu dense(32) relu dense(1)";
  }
}
