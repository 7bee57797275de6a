package io.github.toenergy.cli;

import java.io.PrintStream;
import java.util.List;

/** {@code calibrate}: fits a profile from the user's own measurements. */
final class CalibrateCommand {
  private CalibrateCommand() {}

  static void run(List<String> args, PrintStream out) {
    throw new UsageException("calibrate is not available yet");
  }
}
