package io.github.toenergy.examples.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import io.github.toenergy.annotations.Phase;
import io.github.toenergy.cost.LayerCost;
import io.github.toenergy.cost.NetworkCost;
import io.github.toenergy.model.Layer;
import io.github.toenergy.model.Network;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The DJL model and toenergy's reading of its annotations describe the same network. DJL is
 * asked only what it answers without an engine: block configuration, convolution output shapes,
 * and dense parameter shapes after {@code prepare}.
 */
class DjlLeNetTest {
  private final Network network = DjlLeNetEnergy.network();
  private final List<Layer> layers = network.layers();

  @Test
  void theDjlModelBuildsWithoutAnEngine() {
    SequentialBlock block = DjlLeNet.block();
    assertEquals(12, block.getChildren().size());
    // surefire points DJL's cache at target/djl-cache: building blocks must not download anything
    Path cache = Path.of(System.getProperty("DJL_CACHE_DIR", "target/djl-cache"));
    assertFalse(Files.exists(cache), "DJL wrote to its cache " + cache + ": it tried to fetch an engine");
  }

  @Test
  void convolutionsMatchTheirAnnotations() {
    Conv2d conv1 = DjlLeNet.conv1();
    Layer.Conv2d c1 = assertInstanceOf(Layer.Conv2d.class, layers.get(0));
    assertEquals(c1.filters(), conv1.getFilters());
    assertEquals(new Shape(c1.kernel().height(), c1.kernel().width()), conv1.getKernelShape());
    assertEquals(new Shape(c1.padding().height(), c1.padding().width()), conv1.getPadding());
    assertEquals(new Shape(c1.stride().height(), c1.stride().width()), conv1.getStride());

    // DJL's own shape inference gives toenergy's output shapes (batch 1, NCHW)
    Shape djlOut1 = conv1.getOutputShapes(new Shape[] {new Shape(1, 1, 28, 28)})[0];
    assertEquals(shape(network.outputShapes().get(0).channels(), network.outputShapes().get(0).height()), djlOut1);
    Layer.Conv2d c2 = assertInstanceOf(Layer.Conv2d.class, layers.get(3));
    Conv2d conv2 = DjlLeNet.conv2();
    assertEquals(c2.filters(), conv2.getFilters());
    Shape djlOut2 = conv2.getOutputShapes(new Shape[] {new Shape(1, 6, 14, 14)})[0];
    assertEquals(shape(network.outputShapes().get(3).channels(), network.outputShapes().get(3).height()), djlOut2);
  }

  @Test
  void denseLayersHaveDjlsParameterCounts() {
    NetworkCost cost = NetworkCost.of(network, Phase.INFERENCE);
    List<LayerCost> dense = cost.layers().stream().filter(l -> l.name().startsWith("dense")).toList();
    List<Linear> linears = List.of(DjlLeNet.fc1(), DjlLeNet.fc2(), DjlLeNet.output());
    long[] inputs = {400, 120, 84};
    for (int i = 0; i < 3; i++) {
      Linear linear = linears.get(i);
      linear.prepare(new Shape[] {new Shape(1, inputs[i])});
      long djlParameters = 0;
      for (Pair<String, Parameter> p : linear.getParameters()) {
        djlParameters += p.getValue().getShape().size();
      }
      assertEquals(djlParameters, dense.get(i).parameters(), dense.get(i).name());
    }
  }

  private static Shape shape(int channels, int side) {
    return new Shape(1, channels, side, side);
  }
}
