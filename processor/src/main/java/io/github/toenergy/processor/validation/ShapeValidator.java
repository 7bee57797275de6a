package io.github.toenergy.processor.validation;

import io.github.toenergy.model.Format;
import io.github.toenergy.model.InvalidNetworkException;
import io.github.toenergy.model.Network;
import io.github.toenergy.model.Shape;
import io.github.toenergy.model.ShapeException;
import io.github.toenergy.processor.model.LayerMapping;
import io.github.toenergy.processor.model.LayerNode;
import io.github.toenergy.processor.model.NetworkAssembler;
import io.github.toenergy.processor.model.NetworkType;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Builds the runtime {@link Network}, whose construction propagates and checks every shape (the
 * runtime's rules, applied once), and maps a {@link ShapeException} to a diagnostic on the member of
 * the network class that brings the failing layer: for a layer inside blocks, the {@code @Residual},
 * {@code @Gate} or {@code @Concat} member, the message naming the path of block members down to it. When a layer
 * was rejected earlier, the layers before it are still checked; after it the shapes are unknown, so
 * nothing is judged.
 */
public final class ShapeValidator {
  private final Reporter reporter;

  public ShapeValidator(Reporter reporter) {
    this.reporter = reporter;
  }

  /**
   * Checks every shape and builds the network.
   *
   * @return the network, or null when a layer is missing (rejected earlier) or a shape does not fit
   */
  public @Nullable Network build(NetworkType network, Shape input, Format format, List<LayerNode> nodes) {
    int complete = 0;
    while (complete < nodes.size() && nodes.get(complete).layer() != null) {
      complete++;
    }
    try {
      Network built = new Network(network.name(), input, format,
          NetworkAssembler.layers(nodes.subList(0, complete)));
      return complete == nodes.size() ? built : null;
    } catch (InvalidNetworkException e) {
      report(network.name(), nodes.get(e.layerIndex() - 1), e.layerIndex(), e.shapeProblem(), e.problem());
      return null;
    }
  }

  /**
   * Reports the shape problem of top-level layer {@code index} (1-based), brought by {@code top}.
   *
   * @param problem null only when the runtime gives no typed problem (then: {@code message})
   */
  private void report(String network, LayerNode top, int index, @Nullable ShapeException problem, String message) {
    var element = top.member().element();
    var mirror = top.annotation().mirror();
    if (problem == null) {
      reporter.error(Diagnostics.SHAPE_MISMATCH, element, mirror, null, top.member().displayName(), message, index,
          network);
      return;
    }
    // follow the path into the residual blocks, naming each member on the way
    LayerNode failing = top;
    StringBuilder path = new StringBuilder();
    for (ShapeException.Step step : problem.path()) {
      failing = failing.branches().get(step.branch()).get(step.index());
      path.append(path.length() == 0 ? "" : " > ").append(failing.member().displayName());
    }
    String where = top.member().displayName() + (path.length() == 0 ? "" : " (" + path + ")");
    Shape in = problem.input();
    switch (problem.reason()) {
      case FLAT_INPUT_NEEDED -> reporter.error(Diagnostics.DENSE_NEEDS_FLATTEN, element, mirror, null, where, in,
          index, network);
      case GROUPS_DO_NOT_DIVIDE_CHANNELS -> reporter.error(Diagnostics.GROUPS_MISMATCH, element, mirror, null, where,
          failing.layer().kind().annotation().getSimpleName(), LayerMapping.groups(failing.layer()),
          "the " + in.channels() + " input channels it gets as layer " + index + " of network " + network);
      case WINDOW_DOES_NOT_FIT -> reporter.error(Diagnostics.KERNEL_TOO_LARGE, element, mirror, null, where,
          problem.problem(), index, network);
      case SPATIAL_INPUT_NEEDED, BRANCHES_DIFFER, TOO_MANY_FEATURES, CHANNELS_DO_NOT_DIVIDE,
          LAYOUT_NEEDED, FEATURES_NOT_DIVISIBLE, POSITION_OUT_OF_RANGE -> reporter.error(Diagnostics.SHAPE_MISMATCH,
          element, mirror, null, where, problem.problem(), index, network);
    }
  }
}
