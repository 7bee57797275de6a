package io.github.toenergy.refit;

import io.github.toenergy.model.LayerKind;
import io.github.toenergy.model.Network;
import java.util.ArrayList;
import java.util.List;

/**
 * The published networks the measurement sources ran, rebuilt in the runtime model from their
 * reference definitions. Exact where the model can express the network; where it cannot (the
 * squeeze-and-excitation gate of MobileNetV3, the channel split and shuffle of ShuffleNet-v2), the
 * approximation is stated on the method and in every profile fitted from it.
 */
public final class ReferenceNetworks {
  private ReferenceNetworks() {}

  /** torchvision {@code alexnet} (0.10 to 0.13 define it alike): 5 conv, 3 max-pool, adaptive pool to 6x6, 3 linear. */
  public static Network alexnet(int side) {
    return Network.parse("alexnet", "input(3," + side + "," + side + ") conv2d(64,k=11,s=4,p=2) relu maxpool(3,s=2)"
        + " conv2d(192,k=5,p=2) relu maxpool(3,s=2) conv2d(384,k=3,p=1) relu conv2d(256,k=3,p=1) relu"
        + " conv2d(256,k=3,p=1) relu maxpool(3,s=2) adaptiveavgpool(6) flatten dropout dense(4096) relu dropout"
        + " dense(4096) relu dense(1000)");
  }

  /** torchvision {@code vgg11} (configuration A, no batch norm) at 3x224x224. */
  public static Network vgg11() {
    StringBuilder s = new StringBuilder("input(3,224,224)");
    for (String c : "64 M 128 M 256 256 M 512 512 M 512 512 M".split(" ")) {
      s.append(c.equals("M") ? " maxpool(2)" : " conv2d(" + c + ",k=3,p=1) relu");
    }
    s.append(" adaptiveavgpool(7) flatten dense(4096) relu dropout dense(4096) relu dropout dense(1000)");
    return Network.parse("vgg11", s.toString());
  }

  /**
   * Index into {@code network.layers()} of torchvision's leaf module number {@code moduleIndex}
   * (1-based, in {@code named_modules()} order) for {@link #alexnet} and {@link #vgg11}: the same
   * order, except that torchvision flattens with a function call, not a module, so every module
   * after the adaptive pool sits one further on in the runtime model.
   */
  public static int layerOfTorchModule(Network network, int moduleIndex) {
    int flatten = -1;
    for (int i = 0; i < network.layers().size(); i++) {
      if (network.layers().get(i).kind() == LayerKind.FLATTEN) {
        flatten = i;
        break;
      }
    }
    int index = moduleIndex - 1;
    return flatten >= 0 && index >= flatten ? index + 1 : index;
  }

  /** torchvision {@code resnet18} at 3 x side x side, optionally followed by an extra {@code Linear(1000, extra)}. */
  public static Network resnet18(int side, int extraClasses) {
    StringBuilder s = new StringBuilder(resNetStem(side));
    int[] widths = {64, 128, 256, 512};
    for (int stage = 0; stage < 4; stage++) {
      int w = widths[stage];
      for (int block = 0; block < 2; block++) {
        boolean down = stage > 0 && block == 0;
        String stride = down ? ",s=2" : "";
        s.append(" residual(conv2d(").append(w).append(",k=3").append(stride).append(",p=1,bias=false) batchnorm relu")
            .append(" conv2d(").append(w).append(",k=3,p=1,bias=false) batchnorm");
        if (down) {
          s.append(" | conv2d(").append(w).append(",k=1,s=2,bias=false) batchnorm");
        }
        s.append(") relu");
      }
    }
    s.append(" adaptiveavgpool(1) flatten dense(1000)");
    if (extraClasses > 0) {
      s.append(" dense(").append(extraClasses).append(')');
    }
    return Network.parse(extraClasses > 0 ? "resnet18+linear" + extraClasses : "resnet18", s.toString());
  }

  /** torchvision {@code resnet50} (v1.5: the stride on the 3x3 convolution) at 3x224x224. */
  public static Network resnet50() {
    StringBuilder s = new StringBuilder(resNetStem(224));
    int[] widths = {64, 128, 256, 512};
    int[] blocks = {3, 4, 6, 3};
    for (int stage = 0; stage < 4; stage++) {
      int w = widths[stage];
      for (int block = 0; block < blocks[stage]; block++) {
        String stride = stage > 0 && block == 0 ? ",s=2" : "";
        s.append(" residual(conv2d(").append(w).append(",k=1,bias=false) batchnorm relu")
            .append(" conv2d(").append(w).append(",k=3").append(stride).append(",p=1,bias=false) batchnorm relu")
            .append(" conv2d(").append(4 * w).append(",k=1,bias=false) batchnorm");
        if (block == 0) {
          s.append(" | conv2d(").append(4 * w).append(",k=1").append(stride).append(",bias=false) batchnorm");
        }
        s.append(") relu");
      }
    }
    s.append(" adaptiveavgpool(1) flatten dense(1000)");
    return Network.parse("resnet50", s.toString());
  }

  private static String resNetStem(int side) {
    return "input(3," + side + "," + side + ") conv2d(64,k=7,s=2,p=3,bias=false) batchnorm relu maxpool(3,s=2,p=1)";
  }

  /** The squeeze-and-excitation gate approximation, stated in profiles fitted from MobileNetV3. */
  public static final String MOBILENET_V3_ASSUMPTION = "MobileNetV3-small: torchvision 0.10 definition; each"
      + " squeeze-and-excitation gate x*hardsigmoid(fc2(relu(fc1(avgpool(x))))) is modelled as a residual block"
      + " whose body is the real pooling, 1x1 convolutions and activations followed by an adaptive pool back up"
      + " to the feature map (no arithmetic), so the gate's per-element multiply is counted as the residual's add";

  /**
   * torchvision 0.10 {@code mobilenet_v3_small} at 3 x side x side, optionally followed by an extra
   * {@code Linear(1000, extra)}; see {@link #MOBILENET_V3_ASSUMPTION} for the SE gates.
   */
  public static Network mobilenetV3Small(int side, int extraClasses) {
    // input channels, kernel, expanded channels, output channels, squeeze-excite, hardswish, stride
    int[][] blocks = {
        {16, 3, 16, 16, 1, 0, 2}, {16, 3, 72, 24, 0, 0, 2}, {24, 3, 88, 24, 0, 0, 1},
        {24, 5, 96, 40, 1, 1, 2}, {40, 5, 240, 40, 1, 1, 1}, {40, 5, 240, 40, 1, 1, 1},
        {40, 5, 120, 48, 1, 1, 1}, {48, 5, 144, 48, 1, 1, 1}, {48, 5, 288, 96, 1, 1, 2},
        {96, 5, 576, 96, 1, 1, 1}, {96, 5, 576, 96, 1, 1, 1}};
    StringBuilder s = new StringBuilder("input(3," + side + "," + side + ") conv2d(16,k=3,s=2,p=1,bias=false)"
        + " batchnorm hardswish");
    int h = convSide(side, 3, 2, 1);
    for (int[] b : blocks) {
      int in = b[0];
      int k = b[1];
      int exp = b[2];
      int out = b[3];
      String act = b[5] == 1 ? "hardswish" : "relu";
      int stride = b[6];
      List<String> body = new ArrayList<>();
      if (exp != in) {
        body.add("conv2d(" + exp + ",k=1,bias=false) batchnorm " + act);
      }
      body.add("conv2d(" + exp + ",k=" + k + (stride != 1 ? ",s=" + stride : "") + ",p=" + (k - 1) / 2 + ",g=" + exp
          + ",bias=false) batchnorm " + act);
      h = convSide(h, k, stride, (k - 1) / 2);
      if (b[4] == 1) {
        int squeeze = makeDivisible(exp / 4, 8);
        body.add("residual(adaptiveavgpool(1) conv2d(" + squeeze + ",k=1) relu conv2d(" + exp + ",k=1) hardsigmoid"
            + " adaptiveavgpool(" + h + "))");
      }
      body.add("conv2d(" + out + ",k=1,bias=false) batchnorm");
      String text = String.join(" ", body);
      s.append(' ').append(stride == 1 && in == out ? "residual(" + text + ")" : text);
    }
    s.append(" conv2d(576,k=1,bias=false) batchnorm hardswish adaptiveavgpool(1) flatten dense(1024) hardswish"
        + " dropout(0.2) dense(1000)");
    if (extraClasses > 0) {
      s.append(" dense(").append(extraClasses).append(')');
    }
    return Network.parse(extraClasses > 0 ? "mobilenet_v3_small+linear" + extraClasses : "mobilenet_v3_small",
        s.toString());
  }

  /** torchvision's {@code _make_divisible}: round to a multiple of {@code divisor}, never 10% below. */
  static int makeDivisible(int value, int divisor) {
    int rounded = Math.max(divisor, (value + divisor / 2) / divisor * divisor);
    return rounded < 0.9 * value ? rounded + divisor : rounded;
  }

  private static int convSide(int in, int kernel, int stride, int padding) {
    return (in + 2 * padding - kernel) / stride + 1;
  }

  /** The channel split / shuffle approximation, stated in profiles fitted from ShuffleNet-v2. */
  public static final String SHUFFLENET_V2_ASSUMPTION = "ShuffleNet-v2 on CIFAR-100: the trace does not define the"
      + " network; assumed the 1.0x CIFAR variant of weiaicunzai/pytorch-cifar100 that the Zeus CIFAR-100 example"
      + " imports (3x3 stem of 24 channels, no max-pool, stages of 116/232/464 channels at 16/8/4 px, 1x1 conv to"
      + " 1024, 100 classes). The model has no channel split, concatenation or shuffle, so each unit is a residual"
      + " block on all channels whose 1x1 convolutions use groups (4 in a basic unit, 2 where a unit halves its"
      + " output) so that their MACs and weights equal the real half-width branches; depthwise convolutions,"
      + " batch norms and ReLUs of a basic unit then run on twice the real channels, and the concatenation is"
      + " counted as an add. Approximate: MACs within a few percent, element-wise work up to 2x";

  /** ShuffleNet-v2 1.0x for CIFAR-100 at 3x32x32, approximated as {@link #SHUFFLENET_V2_ASSUMPTION} states. */
  public static Network shufflenetV2Cifar() {
    StringBuilder s = new StringBuilder("input(3,32,32) conv2d(24,k=3,p=1) batchnorm");
    int[] widths = {116, 232, 464};
    int[] repeats = {3, 7, 3};
    int in = 24;
    for (int stage = 0; stage < 3; stage++) {
      int out = widths[stage];
      s.append(" residual(conv2d(").append(in).append(",k=1) batchnorm relu conv2d(").append(in)
          .append(",k=3,s=2,p=1,g=").append(in).append(") batchnorm conv2d(").append(out)
          .append(",k=1,g=2) batchnorm relu | conv2d(").append(in).append(",k=3,s=2,p=1,g=").append(in)
          .append(") batchnorm conv2d(").append(out).append(",k=1,g=2) batchnorm relu)");
      for (int r = 0; r < repeats[stage]; r++) {
        s.append(" residual(conv2d(").append(out).append(",k=1,g=4) batchnorm relu conv2d(").append(out)
            .append(",k=3,p=1,g=").append(out).append(") batchnorm conv2d(").append(out)
            .append(",k=1,g=4) batchnorm relu)");
      }
      in = out;
    }
    s.append(" conv2d(1024,k=1) batchnorm relu adaptiveavgpool(1) flatten dense(100)");
    return Network.parse("shufflenetv2", s.toString());
  }

  /**
   * The willowec MLP of {@code nLayers} Linear layers of width {@code hidden}: {@code Linear(h,h)
   * ReLU [Linear(h,h) ReLU] x (max(n,2)-2) Linear(h,1)}, input h (so 1 and 2 layers are the same net).
   */
  public static Network mlp(int nLayers, int hidden) {
    StringBuilder s = new StringBuilder("input(" + hidden + ") dense(" + hidden + ") relu");
    for (int i = 0; i < Math.max(nLayers, 2) - 2; i++) {
      s.append(" dense(").append(hidden).append(") relu");
    }
    s.append(" dense(1)");
    return Network.parse("mlp-" + Math.max(nLayers, 2) + "x" + hidden, s.toString());
  }
}
