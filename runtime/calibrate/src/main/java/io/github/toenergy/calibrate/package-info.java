/**
 * Fitting hardware profiles from measured energy: {@link io.github.toenergy.calibrate.Measurement}s,
 * the measurement CSV format ({@link io.github.toenergy.calibrate.MeasurementCsv}) and the
 * {@link io.github.toenergy.calibrate.Calibrator} (weighted least squares and the log-log power law,
 * cross-validated). The shipped profiles and docs/accuracy.md are refitted with it by the unpublished
 * runtime/refit module. See docs/calibration.md.
 */
@NullMarked
package io.github.toenergy.calibrate;

import org.jspecify.annotations.NullMarked;
