package io.github.toenergy.calibrate;

import io.github.toenergy.profile.Profile;
import io.github.toenergy.profile.ProfileException;
import io.github.toenergy.profile.Profiles;
import io.github.toenergy.text.InputText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a calibration writes its profile, checked before anything is fitted, so that nothing is lost
 * and no fit is wasted:
 *
 * <ul>
 *   <li>the output is never one of the inputs (the same file also through links, {@code ..} or a hard
 *       link): the measurements are never replaced by a profile;
 *   <li>its folder exists and takes a new file (a probe file is created and removed);
 *   <li>an existing file is replaced only as {@link Existing} allows; by default only a file that is
 *       itself a readable toenergy profile (a refit), never another file;
 *   <li>the write is atomic ({@link ProfileWriter#write}): a failure leaves the previous file as it was.
 * </ul>
 *
 * Every problem is a {@link ProfileOutputException} with a one-line message naming the path.
 */
public final class ProfileOutput {
  /** What to do with a file that is already at the output. */
  public enum Existing {
    /** Never replace a file. */
    REFUSE,
    /** Replace a file that reads as a toenergy profile (a refit); refuse any other file. */
    REPLACE_PROFILE,
    /** Replace any regular file. */
    REPLACE
  }

  /** An output that cannot be written. */
  public static final class ProfileOutputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    ProfileOutputException(String message) {
      super(message);
    }
  }

  private final Path path;
  private final Existing existing;
  private final List<Path> inputs;
  private final boolean replaces;

  private ProfileOutput(Path path, Existing existing, List<Path> inputs, boolean replaces) {
    this.path = path;
    this.existing = existing;
    this.inputs = inputs;
    this.replaces = replaces;
  }

  /**
   * Checks that a profile can be written to {@code out}.
   *
   * @param inputs the files the calibration reads (the measurements), which {@code out} must not be
   * @throws ProfileOutputException naming the path and the problem
   */
  public static ProfileOutput check(Path out, Existing existing, List<Path> inputs) {
    boolean replaces = checkNow(out, existing, inputs);
    Path folder = folderOf(out);
    try {
      Path probe = Files.createTempFile(folder, ".toenergy-probe-", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      throw new ProfileOutputException("'" + show(out) + "': the folder '" + show(folder)
          + "' does not take new files (" + e.getClass().getSimpleName() + ")");
    }
    return new ProfileOutput(out, existing, List.copyOf(inputs), replaces);
  }

  /** The output path as given. */
  public Path path() {
    return path;
  }

  /** Whether a profile already at the output will be replaced. */
  public boolean replaces() {
    return replaces;
  }

  /**
   * Writes {@code profile} atomically, after checking once more (a file may have appeared meanwhile).
   *
   * @throws ProfileOutputException when the output can no longer be written, or the write fails (the
   *     previous file is then unchanged)
   */
  public void write(Profile profile) {
    checkNow(path, existing, inputs);
    try {
      ProfileWriter.write(profile, path);
    } catch (IOException | SecurityException e) {
      throw new ProfileOutputException("cannot write '" + show(path) + "': " + e.getMessage()
          + " (nothing was changed)");
    }
  }

  /** Checks everything but writability; returns whether an existing file will be replaced. */
  private static boolean checkNow(Path out, Existing existing, List<Path> inputs) {
    if (out.getFileName() == null) {
      throw new ProfileOutputException("'" + show(out) + "' names no file");
    }
    Path folder = folderOf(out);
    if (!Files.isDirectory(folder)) {
      throw new ProfileOutputException("'" + show(out) + "': the folder '" + show(folder) + "' does not exist");
    }
    for (Path input : inputs) {
      if (sameFile(out, input)) {
        throw new ProfileOutputException("'" + show(out) + "' is the input '" + show(input)
            + "': writing the profile there would replace it; choose another output file");
      }
    }
    if (!Files.exists(out, LinkOption.NOFOLLOW_LINKS) || !Files.exists(out)) {
      return false; // nothing there, or a dangling link that the write replaces
    }
    if (Files.isDirectory(out)) {
      throw new ProfileOutputException("'" + show(out) + "' is a folder; name the profile file in it, e.g. "
          + show(out.resolve("<id>.properties")));
    }
    if (!Files.isRegularFile(out)) {
      throw new ProfileOutputException("'" + show(out) + "' exists and is not a regular file");
    }
    return switch (existing) {
      case REFUSE -> throw new ProfileOutputException("'" + show(out) + "' already exists; nothing was replaced");
      case REPLACE -> true;
      case REPLACE_PROFILE -> {
        try {
          Profiles.read(out);
        } catch (ProfileException e) {
          throw new ProfileOutputException("'" + show(out) + "' already exists and is not a toenergy profile"
              + " that a refit may replace; choose another output file or remove it");
        }
        yield true;
      }
    };
  }

  private static Path folderOf(Path out) {
    Path parent = out.toAbsolutePath().getParent();
    return parent == null ? out.toAbsolutePath() : parent;
  }

  /** Whether {@code out} and {@code input} are one file: the same real path, or the same inode. */
  private static boolean sameFile(Path out, Path input) {
    try {
      if (!Files.exists(input)) return false;
      Path real = input.toRealPath();
      if (Files.exists(out)) {
        return Files.isSameFile(out, input) || out.toRealPath().equals(real);
      }
      Path folder = folderOf(out);
      return Files.isDirectory(folder) && folder.toRealPath().resolve(out.getFileName()).equals(real);
    } catch (IOException | SecurityException e) {
      return false; // an input that cannot be resolved is reported when it is read
    }
  }

  private static String show(Path path) {
    return InputText.excerpt(path.toString());
  }
}
