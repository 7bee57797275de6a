package io.github.toenergy.calibrate;

/** Measurements that cannot be fitted: too few, singular, or a model that cannot be estimated. */
public final class CalibrationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public CalibrationException(String message) {
    super(message);
  }
}
