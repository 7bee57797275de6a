/**
 * Hardware profiles: fitted energy models with their provenance, read from
 * {@code META-INF/toenergy/profiles/<id>.properties} on the class path and from profile folders.
 */
@NullMarked
package io.github.toenergy.profile;

import org.jspecify.annotations.NullMarked;
