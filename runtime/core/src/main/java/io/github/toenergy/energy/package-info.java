/**
 * Energy models: regressions from workload features (TOs, bytes moved, steps, ...) to joules, with
 * prediction intervals, and the {@link io.github.toenergy.energy.Estimate}s they produce.
 */
@NullMarked
package io.github.toenergy.energy;

import org.jspecify.annotations.NullMarked;
