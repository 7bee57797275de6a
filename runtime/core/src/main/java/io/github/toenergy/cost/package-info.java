/**
 * Transistor operations: per-layer arithmetic (exact op counts, MACs, parameters, bytes moved) and
 * the {@link io.github.toenergy.cost.ArithmeticModel}s that turn each op into the transistors of
 * the circuit that performs it. The derivations are in docs/method.md.
 */
@NullMarked
package io.github.toenergy.cost;

import org.jspecify.annotations.NullMarked;
