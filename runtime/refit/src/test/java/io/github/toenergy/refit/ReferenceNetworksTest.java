package io.github.toenergy.refit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.model.LayerKind;
import io.github.toenergy.model.Network;
import io.github.toenergy.model.Shape;
import org.junit.jupiter.api.Test;

/** The rebuilt reference networks against published counts (torchvision's documentation and ptflops). */
class ReferenceNetworksTest {

  private static long macs(Network n) {
    return NetworkCost.of(n, Phase.INFERENCE).macs(1);
  }

  private static long parameters(Network n) {
    return NetworkCost.of(n, Phase.INFERENCE).parameters();
  }

  @Test
  void exactNetworksMatchPublishedCounts() {
    // torchvision model docs / issue 2 and 5: MACs of conv + linear layers, and parameters
    assertEquals(714_188_480L, macs(ReferenceNetworks.alexnet(224)));
    assertEquals(61_100_840L, parameters(ReferenceNetworks.alexnet(224)));
    assertEquals(7_609_090_048L, macs(ReferenceNetworks.vgg11()));
    assertEquals(132_863_336L, parameters(ReferenceNetworks.vgg11()));
    assertEquals(1_814_073_344L, macs(ReferenceNetworks.resnet18(224, 0)));
    assertEquals(11_689_512L, parameters(ReferenceNetworks.resnet18(224, 0)));
    assertEquals(4_089_184_256L, macs(ReferenceNetworks.resnet50()));
    assertEquals(25_557_032L, parameters(ReferenceNetworks.resnet50()));
    // mobilenet_v3_small: 2,542,856 parameters (torchvision docs); the SE approximation keeps every weight
    assertEquals(2_542_856L, parameters(ReferenceNetworks.mobilenetV3Small(224, 0)));
    // the extra Linear(1000, 10) of the willowec runs adds 10,010 parameters
    assertEquals(2_542_856L + 10_010, parameters(ReferenceNetworks.mobilenetV3Small(64, 10)));
    assertEquals(11_689_512L + 10_010, parameters(ReferenceNetworks.resnet18(64, 10)));
    assertEquals(Shape.flat(10), ReferenceNetworks.resnet18(64, 10).output());
  }

  @Test
  void mobilenetV3SmallMacsAreThePublishedOnes() {
    // torchvision docs: 0.06 GFLOPS (multiply-adds) at 224. Summed independently in Python from the block table
    // of torchvision 0.10 (in, k, expanded, out, SE, stride):
    //   h = 112; macs = 3*9*16*h*h
    //   per block: if exp != in: macs += in*exp*h*h;  h = (h + 2*((k-1)//2) - k)//s + 1;  macs += exp*k*k*h*h
    //              if SE: q = make_divisible(exp//4, 8); macs += 2*exp*q;   macs += exp*out*h*h
    //   macs += 96*576*h*h + 576*1024 + 1024*1000   ->  56,510,400
    long m = macs(ReferenceNetworks.mobilenetV3Small(224, 0));
    assertEquals(56_510_400L, m);
  }

  @Test
  void makeDivisibleIsTorchvisions() {
    // torchvision _make_divisible(v, 8) for the SE squeeze widths: 16/4 -> 8, 96/4 -> 24, 240/4 -> 64, 120/4 -> 32,
    // 144/4 -> 40, 288/4 -> 72, 576/4 -> 144
    int[][] cases = {{4, 8}, {24, 24}, {60, 64}, {30, 32}, {36, 40}, {72, 72}, {144, 144}};
    for (int[] c : cases) assertEquals(c[1], ReferenceNetworks.makeDivisible(c[0], 8), "v=" + c[0]);
  }

  @Test
  void shuffleNetApproximationKeepsTheOneByOneConvolutions() {
    // The 1x1 convolutions of the real ShuffleNet-v2 1.0x CIFAR net (weiaicunzai), counted by hand per unit:
    // basic unit on C channels: two 1x1 (C/2 -> C/2) = 2 * (C/2)^2 per pixel;
    // down unit C_in -> C_out: 1x1 C_in -> C_in at the input size (4x the output pixels), then C_in -> C_out/2
    // on both branches at the output size = 4 C_in^2 + C_in*C_out per output pixel.
    // Stages 116/232/464 at 16/8/4 px, 3/7/3 basic units, conv5 464 -> 1024 at 4 px, fc 1024 -> 100.
    long real = 0;
    int[] widths = {116, 232, 464};
    int[] sides = {16, 8, 4};
    int[] repeats = {3, 7, 3};
    int in = 24;
    for (int s = 0; s < 3; s++) {
      long px = (long) sides[s] * sides[s];
      int c = widths[s];
      real += px * (4L * in * in + (long) in * c);
      real += repeats[s] * px * 2L * (c / 2) * (c / 2);
      in = c;
    }
    real += 16L * 464 * 1024 + 1024 * 100;
    // add the 3x3 stem (27 x 24 at 32x32) and the depthwise 3x3s; the approximation runs the basic units'
    // depthwise convolutions on all C channels instead of C/2, so it may only exceed the real count by those
    long stem = 32L * 32 * 24 * 27;
    long depthwiseReal = 0;
    long depthwiseExtra = 0;
    in = 24;
    for (int s = 0; s < 3; s++) {
      long px = (long) sides[s] * sides[s];
      depthwiseReal += 2 * px * 9L * in; // both branches of the down unit, at the output size
      depthwiseReal += repeats[s] * px * 9L * (widths[s] / 2);
      depthwiseExtra += repeats[s] * px * 9L * (widths[s] / 2);
      in = widths[s];
    }
    long model = macs(ReferenceNetworks.shufflenetV2Cifar());
    assertEquals(real + stem + depthwiseReal + depthwiseExtra, model);
    assertTrue(model < 1.03 * (real + stem + depthwiseReal), "within 3% of the real network's MACs");
  }

  @Test
  void torchModuleIndexSkipsTheFlattenCall() {
    Network alexnet = ReferenceNetworks.alexnet(224);
    assertEquals(LayerKind.CONV2D, alexnet.layers().get(ReferenceNetworks.layerOfTorchModule(alexnet, 1)).kind());
    assertEquals(LayerKind.ADAPTIVE_AVG_POOL2D, alexnet.layers().get(ReferenceNetworks.layerOfTorchModule(alexnet, 14)).kind());
    assertEquals(LayerKind.DROPOUT, alexnet.layers().get(ReferenceNetworks.layerOfTorchModule(alexnet, 15)).kind());
    assertEquals(LayerKind.DENSE, alexnet.layers().get(ReferenceNetworks.layerOfTorchModule(alexnet, 21)).kind());
  }
}
