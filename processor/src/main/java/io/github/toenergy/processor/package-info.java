/**
 * The toenergy annotation processor, {@link io.github.toenergy.processor.ToEnergyProcessor}, in
 * three stages as in Dagger, AutoValue and MapStruct: {@code model} reads the annotated classes into
 * the runtime's network model, {@code validation} reports every problem on the exact element and
 * annotation, {@code codegen} writes the {@code FooEnergy} sources from the model alone.
 */
@NullMarked
package io.github.toenergy.processor;

import org.jspecify.annotations.NullMarked;
