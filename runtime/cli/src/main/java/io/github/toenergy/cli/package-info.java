/** The command line: {@code java -jar toenergy.jar profiles | estimate | calibrate}; see docs/cli.md. */
@NullMarked
package io.github.toenergy.cli;

import org.jspecify.annotations.NullMarked;
