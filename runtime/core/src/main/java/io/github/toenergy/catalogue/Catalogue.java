package io.github.toenergy.catalogue;

import io.github.toenergy.model.Network;
import io.github.toenergy.text.InputText;
import io.github.toenergy.text.Suggestions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Ready networks by name, {@code namespace/model}: {@code torchvision/resnet50}. Each namespace is
 * one class-path resource {@code META-INF/toenergy/networks/<namespace>.txt} of
 * {@code model<TAB>notation} lines ({@code #} starts a comment), and every
 * {@code META-INF/toenergy/networks/index} resource lists namespaces, one a line, so that a user's
 * jar adds networks as it adds profiles. A namespace's file is read when one of its names is first
 * asked for; a notation is parsed when its network is asked for. Thread-safe.
 */
public final class Catalogue {
  /** Where the catalogue's resources live on the class path. */
  public static final String RESOURCE_DIR = "META-INF/toenergy/networks/";

  /** The largest namespace file read, in bytes: the shipped ones are far smaller. */
  static final int MAX_BYTES = 16 << 20;

  private static final Catalogue SHIPPED = new Catalogue(Catalogue.class.getClassLoader());

  private final ClassLoader loader;
  private final Map<String, Map<String, Entry>> namespaces = new ConcurrentHashMap<>();
  private volatile @Nullable List<String> namespaceList;

  /** One model of a namespace file: where it is written, and its notation. */
  private record Entry(String source, int line, String notation) {}

  private Catalogue(ClassLoader loader) {
    this.loader = loader;
  }

  /** The catalogue of the runtime's own class path. */
  public static Catalogue shipped() {
    return SHIPPED;
  }

  /** The catalogue of {@code loader}'s class path. */
  public static Catalogue of(ClassLoader loader) {
    return new Catalogue(loader);
  }

  /** Whether {@code text} has the form of a catalogue name (a namespace, a slash, a model), not notation. */
  public static boolean isName(String text) {
    return text.matches("[a-z0-9][a-z0-9-]*/[A-Za-z0-9][A-Za-z0-9_.\\-/]*");
  }

  /** A shipped network by name, e.g. {@code Catalogue.network("torchvision/resnet50")}. */
  public static Network network(String name) {
    return SHIPPED.get(name);
  }

  /**
   * The network called {@code name}, itself named so.
   *
   * @throws IllegalArgumentException for an unknown name, listing the close ones
   * @throws CatalogueException when the namespace's resource is unreadable or its notation is wrong
   */
  public Network get(String name) {
    int slash = name.indexOf('/');
    String namespace = slash < 0 ? "" : name.substring(0, slash);
    List<String> known = namespaces();
    if (!known.contains(namespace)) {
      List<String> close = Suggestions.similar(namespace, known);
      throw new IllegalArgumentException("unknown network '" + InputText.excerpt(name) + "'"
          + (close.isEmpty() || slash < 0 ? ""
              : "; did you mean '" + InputText.excerpt(close.get(0) + name.substring(slash)) + "'?")
          + " (a catalogue name is namespace/model; namespaces: " + String.join(", ", known)
          + "; a notation file is given as @FILE)");
    }
    Map<String, Entry> models = models(namespace);
    String model = name.substring(slash + 1);
    Entry entry = models.get(model);
    if (entry == null) {
      List<String> close = Suggestions.similar(model.toLowerCase(java.util.Locale.ROOT), models.keySet());
      List<String> shown = new ArrayList<>();
      for (String c : close.subList(0, Math.min(3, close.size()))) {
        shown.add("'" + namespace + "/" + c + "'");
      }
      throw new IllegalArgumentException("unknown network '" + InputText.excerpt(name) + "'"
          + (shown.isEmpty() ? "" : "; did you mean " + String.join(" or ", shown) + "?")
          + " (" + models.size() + " networks in '" + namespace + "': 'toenergy networks " + namespace + "' lists them)");
    }
    try {
      return Network.parse(name, entry.notation());
    } catch (IllegalArgumentException e) { // a NotationException, with its column
      throw new CatalogueException(entry.source() + ":" + entry.line() + ": " + model + ": " + e.getMessage());
    }
  }

  /** Every name of the catalogue, {@code namespace/model}, namespaces in index order, models in file order. */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    for (String namespace : namespaces()) {
      for (String model : models(namespace).keySet()) {
        names.add(namespace + "/" + model);
      }
    }
    return names;
  }

  /** The namespaces listed by the class path's index resources, in order, each once; read once. */
  public List<String> namespaces() {
    List<String> read = namespaceList;
    if (read == null) {
      read = readNamespaces();
      namespaceList = read;
    }
    return read;
  }

  private List<String> readNamespaces() {
    Set<String> found = new java.util.LinkedHashSet<>();
    for (URL index : resources("index")) {
      String text = text(index);
      String[] lines = text.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String namespace = lines[i].strip();
        if (namespace.isEmpty() || namespace.startsWith("#")) continue;
        if (!namespace.matches("[a-z0-9][a-z0-9-]*")) {
          throw new CatalogueException(index + ":" + (i + 1) + ": '" + InputText.excerpt(namespace)
              + "' is not a namespace (lower-case letters, digits and dashes)");
        }
        found.add(namespace);
      }
    }
    return List.copyOf(found);
  }

  /** The models of {@code namespace} from every resource of that name, read once. */
  private Map<String, Entry> models(String namespace) {
    return namespaces.computeIfAbsent(namespace, n -> {
      Map<String, Entry> models = new LinkedHashMap<>();
      Set<String> seen = new java.util.HashSet<>();
      for (URL url : resources(n + ".txt")) {
        if (seen.add(url.toString())) read(url, models); // the same jar twice on the class path: once
      }
      return Collections.unmodifiableMap(models);
    });
  }

  private static void read(URL url, Map<String, Entry> models) {
    String[] lines = text(url).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (line.isBlank() || line.startsWith("#")) continue;
      int tab = line.indexOf('\t');
      String where = url + ":" + (i + 1) + ": ";
      if (tab < 0) {
        throw new CatalogueException(where + "expected model<TAB>notation, found no tab");
      }
      String model = line.substring(0, tab);
      if (!model.matches("[A-Za-z0-9][A-Za-z0-9_.\\-/]*")) {
        throw new CatalogueException(where + "'" + InputText.excerpt(model)
            + "' is not a model name (letters, digits, '_', '.', '-', '/')");
      }
      Entry previous = models.putIfAbsent(model, new Entry(url.toString(), i + 1, line.substring(tab + 1)));
      if (previous != null) {
        throw new CatalogueException(where + "'" + model + "' is also defined at " + previous.source() + ":"
            + previous.line());
      }
    }
  }

  private List<URL> resources(String file) {
    try {
      return Collections.list(loader.getResources(RESOURCE_DIR + file));
    } catch (IOException e) {
      throw new CatalogueException(RESOURCE_DIR + file + ": cannot be listed: " + e.getMessage());
    }
  }

  /** A resource's text under the rule of every input ({@link InputText#decode}, control characters refused). */
  private static String text(URL url) {
    byte[] bytes;
    try (InputStream in = url.openStream()) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw new CatalogueException(url + ": cannot be read: " + e.getMessage());
    }
    if (bytes.length > MAX_BYTES) {
      throw new CatalogueException(url + ": is larger than the limit of " + MAX_BYTES + " bytes");
    }
    String text;
    try {
      text = InputText.decode(bytes);
    } catch (IOException e) {
      throw new CatalogueException(url + ": " + e.getMessage());
    }
    int control = InputText.firstControl(text);
    if (control >= 0) {
      throw new CatalogueException(url + ": control character "
          + InputText.excerpt(text.substring(control, control + 1)) + " (the catalogue is text)");
    }
    return text;
  }
}
