/**
 * Fitting hardware profiles from measured energy: {@link io.github.toenergy.calibrate.Measurement}s,
 * loaders for the measurement sources the shipped profiles come from, the
 * {@link io.github.toenergy.calibrate.Calibrator} (weighted least squares and the log-log power law,
 * cross-validated), and {@link io.github.toenergy.calibrate.ShippedProfiles}, which regenerates the
 * shipped profiles and docs/accuracy.md. See docs/calibration.md.
 */
@NullMarked
package io.github.toenergy.calibrate;

import org.jspecify.annotations.NullMarked;
