package io.github.toenergy.energy;

import io.github.toenergy.model.LayerKind;

/**
 * One layer's part of an estimate.
 *
 * @param name row name, e.g. {@code conv2d_1}
 * @param kind the layer's kind ({@link LayerKind#RESIDUAL} for the sum that closes a residual block)
 * @param notation the layer in text notation
 * @param tos transistor operations of the layer in the workload
 * @param macs multiply-accumulates of the layer in the workload
 * @param bytes bytes the layer moves in the workload
 * @param joules the layer's share of the estimate's joules
 * @param share fraction of the estimate's joules, 0 to 1
 */
public record LayerEstimate(String name, LayerKind kind, String notation, long tos, long macs, long bytes, double joules, double share) {}
