/**
 * The one-line text notation of networks, e.g. {@code input(784) dense(128) relu dense(10) softmax};
 * the grammar is in docs/notation.md.
 */
@NullMarked
package io.github.toenergy.notation;

import org.jspecify.annotations.NullMarked;
