/**
 * Stage one: annotated classes as written ({@link io.github.toenergy.processor.model.NetworkType},
 * {@link io.github.toenergy.processor.model.LayerMember}), the runtime layers built from them with
 * the member that produced each ({@link io.github.toenergy.processor.model.LayerNode}), and the
 * counted network the code writer reads ({@link io.github.toenergy.processor.model.NetworkModel}).
 * All counting is the runtime's.
 */
@NullMarked
package io.github.toenergy.processor.model;

import org.jspecify.annotations.NullMarked;
