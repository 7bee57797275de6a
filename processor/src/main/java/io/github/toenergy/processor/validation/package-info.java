/**
 * Stage two: the {@link io.github.toenergy.processor.validation.Diagnostics} catalogue and the
 * validators that report on the exact element, annotation and value: placement, attributes and
 * structure, shapes (with the runtime's rules) and budgets.
 */
@NullMarked
package io.github.toenergy.processor.validation;

import org.jspecify.annotations.NullMarked;
