/** Stage three: the JavaPoet writer of {@code FooEnergy}, which reads only the network model. */
@NullMarked
package io.github.toenergy.processor.codegen;

import org.jspecify.annotations.NullMarked;
