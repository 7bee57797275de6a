package io.github.toenergy.cli;

import io.github.toenergy.profile.Profile;
import io.github.toenergy.profile.Profiles;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code profiles}: lists every profile with its hardware, provenance and fit quality. */
final class ProfilesCommand {
  private ProfilesCommand() {}

  static void run(List<String> args, PrintStream out) {
    Arguments a = Arguments.parse("profiles", args, Set.of("profile-path"));
    if (!a.positional().isEmpty()) {
      throw new UsageException("'profiles' takes no arguments, found '" + a.positional().get(0) + "'");
    }
    for (Profile p : load(a).profiles()) {
      out.println(p.id() + (p.calibrated() ? "" : "  [UNCALIBRATED placeholder]"));
      out.println("  hardware:  " + p.hardware());
      out.println("  measured:  " + p.phases() + ", " + p.format().name().toLowerCase(java.util.Locale.ROOT));
      out.println("  model:     " + p.model().form().key() + " on "
          + String.join(" + ", p.model().features().stream().map(f -> f.key()).toList())
          + ", arithmetic " + p.arithmetic().id());
      p.provenance().forEach((k, v) -> out.println("  " + k + ": " + v));
      out.println();
    }
  }

  static Profiles load(Arguments a) {
    return Profiles.load(ProfilesCommand.class.getClassLoader(), a.all("profile-path").stream().map(Path::of).toList());
  }
}
