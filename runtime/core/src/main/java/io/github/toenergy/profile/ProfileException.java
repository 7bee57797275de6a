package io.github.toenergy.profile;

import org.jspecify.annotations.Nullable;

/** A profile that cannot be used; the message names the file, the key and what is wrong. */
public final class ProfileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final @Nullable String key;

  public ProfileException(String source, @Nullable String key, String problem) {
    super(source + (key == null ? "" : ": key '" + key + "'") + ": " + problem);
    this.source = source;
    this.key = key;
  }

  /** The file or resource the profile came from. */
  public String source() {
    return source;
  }

  /** The offending key, or null when the problem is the whole file. */
  public @Nullable String key() {
    return key;
  }
}
