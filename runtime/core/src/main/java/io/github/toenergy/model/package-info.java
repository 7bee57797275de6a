/** The network model: immutable shapes, layers and networks, checked when built. */
@NullMarked
package io.github.toenergy.model;

import org.jspecify.annotations.NullMarked;
