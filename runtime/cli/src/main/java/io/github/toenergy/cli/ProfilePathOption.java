package io.github.toenergy.cli;

import io.github.toenergy.profile.Profiles;
import io.github.toenergy.text.InputText;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --profile-path DIR}, repeatable: the shipped profiles plus every {@code DIR/<id>.properties}. */
final class ProfilePathOption {
  @Option(names = "--profile-path", paramLabel = "DIR",
      description = "Also load the profiles DIR/<id>.properties (repeatable).")
  List<String> folders = new ArrayList<>();

  Profiles load() {
    List<Path> paths = new ArrayList<>();
    for (String folder : folders) {
      try {
        paths.add(Path.of(folder));
      } catch (InvalidPathException e) {
        throw new UsageException("option '--profile-path': '" + InputText.excerpt(folder) + "' is not a path: "
            + e.getReason());
      }
    }
    return Profiles.load(ProfilePathOption.class.getClassLoader(), paths);
  }
}
