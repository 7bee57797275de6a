package io.github.toenergy.examples;

import io.github.toenergy.examples.djl.DjlLeNetEnergy;
import io.github.toenergy.model.Network;
import java.util.List;

/**
 * The example networks as the annotation processor read them: each comes from the generated
 * {@code <Name>Energy.network()}, so the report shows exactly what the annotations declare.
 */
public final class ExampleNetworks {
  private ExampleNetworks() {}

  /** Every example network, smallest first: the seven classics of the examples and the DJL LeNet. */
  public static List<Network> all() {
    return List.of(
        MnistMlpEnergy.network(),
        LeNet5Energy.network(),
        DjlLeNetEnergy.network(),
        MobileNetV2Energy.network(),
        AlexNetEnergy.network(),
        ResNet18Energy.network(),
        Vgg11Energy.network(),
        Vgg16Energy.network());
  }
}
