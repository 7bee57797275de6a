package io.github.toenergy.profile;

import io.github.toenergy.text.InputText;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import java.util.Set;

/**
 * The profiles available: every id listed in a {@code META-INF/toenergy/profiles/index} resource
 * (one id a line; a user's own profile jar is found like the shipped ones) plus every
 * {@code <id>.properties} in the folders given. Immutable and thread-safe once loaded.
 */
public final class Profiles {
  /** Where profile resources live on the class path. */
  public static final String RESOURCE_DIR = "META-INF/toenergy/profiles/";

  private final Map<String, Profile> byId;

  private Profiles(Map<String, Profile> byId) {
    this.byId = Collections.unmodifiableMap(byId);
  }

  /**
   * System property naming extra profile folders for {@link #shipped()}, separated by the platform's
   * path separator: the run-time twin of the processor's {@code -Atoenergy.profilePath}, so that a
   * generated estimator finds the profile its class was compiled against.
   */
  public static final String PATH_PROPERTY = "toenergy.profilePath";

  /**
   * The shipped set, loaded once. A failure is kept and thrown again on every call: a class whose
   * initialiser throws would give an {@code ExceptionInInitializerError} once and a bare
   * {@code NoClassDefFoundError} after, hiding which file and key are wrong.
   */
  private static final class Default {
    static final @Nullable Profiles INSTANCE;
    static final @Nullable ProfileException FAILURE;

    static {
      Profiles loaded = null;
      ProfileException failure = null;
      String property = System.getProperty(PATH_PROPERTY);
      try {
        loaded = load(Profiles.class.getClassLoader(), folders(property));
      } catch (ProfileException e) {
        failure = e;
      } catch (InvalidPathException e) {
        failure = new ProfileException("-D" + PATH_PROPERTY + "=" + property, null,
            "is not a list of folders: " + e.getMessage());
      } catch (RuntimeException e) {
        // never fail class initialisation: that would be a NoClassDefFoundError on every later call
        failure = new ProfileException("-D" + PATH_PROPERTY + "=" + property, null, "cannot be loaded: " + e);
      }
      INSTANCE = loaded;
      FAILURE = failure;
    }
  }

  /** The folders of a {@link #PATH_PROPERTY} value; none for null or blank. */
  static List<Path> folders(@Nullable String pathList) {
    if (pathList == null || pathList.isBlank()) {
      return List.of();
    }
    List<Path> folders = new ArrayList<>();
    for (String part : pathList.split(java.util.regex.Pattern.quote(java.io.File.pathSeparator))) {
      if (!part.isBlank()) folders.add(Path.of(part.strip()));
    }
    return folders;
  }

  /**
   * The profiles on the runtime's class path plus the folders of the {@code toenergy.profilePath}
   * system property, loaded once.
   *
   * @throws ProfileException naming file and key when one of them is malformed (on every call)
   */
  public static Profiles shipped() {
    Profiles shipped = Default.INSTANCE;
    if (shipped == null) {
      ProfileException failure = java.util.Objects.requireNonNull(Default.FAILURE);
      // a new exception per call (its stack is the caller's), with the same file, key and message
      throw new ProfileException(failure.source(), failure.key(), problemOf(failure));
    }
    return shipped;
  }

  /** The problem part of a ProfileException's message, after its source and key. */
  private static String problemOf(ProfileException e) {
    String prefix = e.source() + (e.key() == null ? "" : ": key '" + e.key() + "'") + ": ";
    String message = String.valueOf(e.getMessage());
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }

  /** A shipped profile by id. @throws IllegalArgumentException listing the known ids */
  public static Profile get(String id) {
    return shipped().profile(id);
  }

  /** Every shipped profile, in index order. */
  public static Collection<Profile> all() {
    return shipped().profiles();
  }

  /**
   * Loads the profiles of {@code loader}'s class path and of {@code folders}.
   *
   * @throws ProfileException for a malformed or unreadable profile, or a duplicate id
   */
  public static Profiles load(ClassLoader loader, List<Path> folders) {
    Map<String, Profile> byId = new LinkedHashMap<>();
    Map<String, String> sources = new LinkedHashMap<>();
    Enumeration<URL> indexes;
    try {
      indexes = loader.getResources(RESOURCE_DIR + "index");
    } catch (IOException e) {
      throw new ProfileException(RESOURCE_DIR + "index", null, "cannot be listed: " + e.getMessage());
    }
    Set<String> loaded = new HashSet<>();
    while (indexes.hasMoreElements()) {
      URL index = indexes.nextElement();
      List<String> ids;
      try {
        ids = readIndex(index);
      } catch (IOException e) {
        throw new ProfileException(index.toString(), null, "cannot be read: " + e.getMessage());
      }
      for (String id : ids) {
        // each index lists the profiles next to it, in the same jar or folder
        URL url = resolve(index, id);
        if (!loaded.add(url.toString())) {
          continue; // the same jar twice on the class path: the same file, not a second profile
        }
        try {
          url.openStream().close();
        } catch (IOException e) {
          throw new ProfileException(index.toString(), null,
              "lists '" + id + "' but " + id + ".properties is missing next to it");
        }
        String text;
        try {
          text = text(url);
        } catch (IOException e) {
          throw new ProfileException(url.toString(), null, String.valueOf(e.getMessage()));
        }
        add(byId, sources, parse(text, url.toString()), url.toString());
      }
    }
    for (Path folder : folders) {
      List<Path> files = list(folder);
      for (Path file : files) {
        add(byId, sources, read(file), file.toString());
      }
    }
    return new Profiles(byId);
  }

  /** The {@code *.properties} files of a profile folder, sorted. @throws ProfileException naming the folder */
  private static List<Path> list(Path folder) {
    List<Path> files = new ArrayList<>();
    try {
      if (!Files.isDirectory(folder)) {
        throw new ProfileException(folder.toString(), null, "is not a folder of <id>.properties profiles");
      }
      try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.properties")) {
        stream.forEach(files::add);
      }
    } catch (IOException | DirectoryIteratorException | SecurityException e) {
      String why = e instanceof AccessDeniedException || e.getCause() instanceof AccessDeniedException
          ? "permission denied" : String.valueOf(e.getMessage());
      throw new ProfileException(folder.toString(), null, "cannot be listed: " + why);
    }
    Collections.sort(files);
    return files;
  }

  private static URL resolve(URL index, String id) {
    if (!id.matches("[a-z0-9][a-z0-9-]*")) {
      throw new ProfileException(index.toString(), null,
          "lists '" + id + "', which is not a profile id (lower-case letters, digits and dashes)");
    }
    try {
      return new URL(index, id + ".properties");
    } catch (MalformedURLException e) {
      throw new ProfileException(index.toString(), null, "lists '" + id + "', which names no file: " + e.getMessage());
    }
  }

  /** The largest profile file read: the shipped ones are under 10 KB. */
  static final int MAX_BYTES = 1 << 20;

  /**
   * Reads one profile file: a regular file of at most 1 MiB of UTF-8 text (a byte-order mark is skipped;
   * control characters, malformed UTF-8, a FIFO, a device or a key given twice are refused).
   *
   * @throws ProfileException naming file and key
   */
  public static Profile read(Path file) {
    String text;
    try {
      text = InputText.read(file, MAX_BYTES);
    } catch (IOException | SecurityException e) {
      throw new ProfileException(file.toString(), null, e.getMessage());
    }
    return parse(text, file.toString());
  }

  /** The text of a class-path resource (an index or a profile), under the same rule as a file. */
  private static String text(URL url) throws IOException {
    try (InputStream in = url.openStream()) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new IOException("is larger than the limit of " + MAX_BYTES + " bytes");
      }
      return InputText.decode(bytes);
    }
  }

  /** The profile of {@code text}: no raw control characters, properties syntax, each key once. */
  private static Profile parse(String text, String source) {
    int control = InputText.firstControl(text);
    if (control >= 0) {
      int line = 1;
      for (int i = 0; i < control; i++) {
        if (text.charAt(i) == '\n') line++;
      }
      throw new ProfileException(source, null, "line " + line + ": control character "
          + InputText.excerpt(text.substring(control, control + 1)) + " (profiles are text)");
    }
    StrictProperties p = new StrictProperties();
    try {
      p.load(new StringReader(text));
    } catch (IllegalArgumentException | IOException e) {
      throw new ProfileException(source, null, "is not a properties file: " + e.getMessage());
    }
    if (p.duplicate != null) {
      throw new ProfileException(source, p.duplicate, "given more than once (which one is meant?)");
    }
    return Profile.fromProperties(p, source);
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

  private static void add(Map<String, Profile> byId, Map<String, String> sources, Profile profile, String source) {
    String previous = sources.putIfAbsent(profile.id(), source);
    if (previous != null) {
      throw new ProfileException(source, "id", "duplicate profile id '" + profile.id() + "', also defined by " + previous);
    }
    byId.put(profile.id(), profile);
  }

  private static List<String> readIndex(URL index) throws IOException {
    List<String> ids = new ArrayList<>();
    for (String line : text(index).split("\n")) {
      String id = line.strip();
      if (!id.isEmpty() && !id.startsWith("#")) ids.add(id);
    }
    return ids;
  }


  /** A profile by id. @throws IllegalArgumentException listing the known ids */
  public Profile profile(String id) {
    Profile profile = byId.get(id);
    if (profile == null) {
      throw new IllegalArgumentException("unknown profile '" + id + "'; known: " + String.join(", ", byId.keySet()));
    }
    return profile;
  }

  /** Whether a profile with {@code id} is loaded. */
  public boolean contains(String id) {
    return byId.containsKey(id);
  }

  public Collection<Profile> profiles() {
    return byId.values();
  }
}
