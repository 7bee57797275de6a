package io.github.toenergy.profile;

import io.github.toenergy.text.InputText;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The bytes of a profile file. Reading follows {@link InputText}'s rule (regular files only, at most
 * {@link #MAX_BYTES}, strict UTF-8, a byte-order mark skipped, no control characters) and refuses a key
 * given twice; every failure is a {@link ProfileException} naming the file. Writing is atomic.
 */
final class ProfileFile {
  /** The largest profile file read: the shipped ones are under 10 KB. */
  static final long MAX_BYTES = 1 << 20;

  private ProfileFile() {}

  /** Reads the properties of {@code file}. */
  static Properties read(Path file) {
    String text;
    try {
      text = InputText.read(file, MAX_BYTES);
    } catch (IOException | SecurityException e) {
      throw new ProfileException(file.toString(), null, e.getMessage());
    }
    return parse(text, file.toString());
  }

  /** Reads the properties of a class-path resource. */
  static Properties read(URL url) {
    String source = url.toString();
    byte[] bytes;
    try (InputStream in = url.openStream()) {
      bytes = in.readNBytes((int) MAX_BYTES + 1);
    } catch (IOException | SecurityException e) {
      throw new ProfileException(source, null, "cannot be read: " + e.getMessage());
    }
    if (bytes.length > MAX_BYTES) {
      throw new ProfileException(source, null, "is larger than the limit of " + MAX_BYTES + " bytes");
    }
    try {
      return parse(InputText.decode(bytes), source);
    } catch (IOException e) {
      throw new ProfileException(source, null, e.getMessage());
    }
  }

  /** The properties of {@code text}, called {@code source} in messages. */
  static Properties parse(String text, String source) {
    int control = InputText.firstControl(text);
    if (control >= 0) {
      throw new ProfileException(source, null, "line " + lineOf(text, control) + ": control character "
          + InputText.excerpt(String.valueOf(text.charAt(control))) + " (profiles are text)");
    }
    StrictProperties p = new StrictProperties();
    try {
      p.load(new StringReader(text));
    } catch (IllegalArgumentException e) {
      throw new ProfileException(source, null, "is not a properties file: " + e.getMessage());
    } catch (IOException e) {
      throw new ProfileException(source, null, "cannot be read: " + e.getMessage());
    }
    if (p.duplicate != null) {
      throw new ProfileException(source, p.duplicate, "given more than once (which one is meant?)");
    }
    return p;
  }

  private static int lineOf(String text, int index) {
    int line = 1;
    for (int i = 0; i < index; i++) {
      if (text.charAt(i) == '\n') line++;
    }
    return line;
  }

  /**
   * Writes {@code text} to {@code file} atomically: to a new temporary file in the same folder, forced to
   * disk, then renamed over {@code file}. A failure at any point leaves {@code file} as it was (absent, or
   * its previous content) and removes the temporary file. A link is followed: the file it names is
   * replaced, keeping its permissions.
   */
  static void write(Path file, String text) throws IOException {
    Path target = file.toAbsolutePath();
    if (Files.isSymbolicLink(target) && Files.exists(target)) {
      target = target.toRealPath();
    }
    Path folder = target.getParent();
    if (folder == null) {
      throw new IOException("'" + file + "' names no file");
    }
    Path temp = createTemp(folder, target.getFileName().toString());
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(text);
        while (bytes.hasRemaining()) channel.write(bytes);
        channel.force(true);
      }
      keepPermissions(target, temp);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** A new empty file next to {@code name}, created with the default permissions (unlike createTempFile's 0600). */
  private static Path createTemp(Path folder, String name) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path temp = folder.resolve("." + name + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
          + ".tmp");
      try {
        Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        return temp;
      } catch (FileAlreadyExistsException e) {
        if (attempt > 100) throw e;
      }
    }
  }

  /** Gives {@code temp} the POSIX permissions of the {@code target} it replaces, where there is one. */
  private static void keepPermissions(Path target, Path temp) throws IOException {
    @Nullable PosixFileAttributeView from = Files.getFileAttributeView(target, PosixFileAttributeView.class);
    @Nullable PosixFileAttributeView to = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
    if (from != null && to != null && Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
      to.setPermissions(from.readAttributes().permissions());
    }
  }

  /** Properties that remember the first key given twice (the plain class silently keeps the last). */
  private static final class StrictProperties extends Properties {
    private static final long serialVersionUID = 1L;

    @Nullable String duplicate;

    @Override
    public synchronized @Nullable Object put(Object key, Object value) {
      Object previous = super.put(key, value);
      if (previous != null && duplicate == null) {
        duplicate = (String) key;
      }
      return previous;
    }
  }
}
