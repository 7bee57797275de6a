/** The single rule for reading user text: strict UTF-8, BOM skipped, no control characters, ASCII digits. */
@NullMarked
package io.github.toenergy.text;

import org.jspecify.annotations.NullMarked;
