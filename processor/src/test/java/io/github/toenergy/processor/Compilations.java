package io.github.toenergy.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.github.toenergy.cost.CountTable;
import io.github.toenergy.cost.LayerCost;
import io.github.toenergy.profile.ProfileEstimates;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;

/** Helpers shared by the processor tests: sources, compilers with the processor, generated classes. */
final class Compilations {
  private Compilations() {}

  /** A source file of {@code qualifiedName} from its lines. */
  static JavaFileObject source(String qualifiedName, String... lines) {
    return JavaFileObjects.forSourceLines(qualifiedName, lines);
  }

  /** javac with the processor and {@code options}. */
  static Compiler compiler(String... options) {
    return javac().withProcessors(new ToEnergyProcessor()).withOptions((Object[]) options);
  }

  /** javac with the processor and the test profiles folder ({@code test-cpu}) on -Atoenergy.profilePath. */
  static Compiler withTestProfiles(String... options) {
    List<String> all = new ArrayList<>(List.of(options));
    all.add("-Atoenergy.profilePath=" + resourceFolder("test-profiles"));
    return compiler(all.toArray(String[]::new));
  }

  /** javac with the processor and the given test resource folders on -Atoenergy.profilePath. */
  static Compiler withProfiles(List<String> folders, String... options) {
    List<String> all = new ArrayList<>(List.of(options));
    all.add("-Atoenergy.profilePath=" + folders.stream().map(f -> resourceFolder(f).toString())
        .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator)));
    return compiler(all.toArray(String[]::new));
  }

  /** A folder of test resources as a file-system path (test resources are copied to target/test-classes). */
  static Path resourceFolder(String name) {
    URL url = Compilations.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new IllegalStateException("test resource folder " + name + " is missing");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The text of a generated source. */
  static String generatedSource(Compilation compilation, String qualifiedName) {
    JavaFileObject file = compilation.generatedSourceFile(qualifiedName)
        .orElseThrow(() -> new AssertionError("no generated source " + qualifiedName + " in "
            + compilation.generatedSourceFiles()));
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads a compiled class from the compilation's output, the runtime coming from the test class path. */
  static Class<?> load(Compilation compilation, String binaryName) throws ClassNotFoundException {
    Map<String, byte[]> classes = new HashMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      String path = file.toUri().getPath();
      String name = path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length(), path.length() - ".class".length())
          .replace('/', '.');
      try (InputStream in = file.openInputStream()) {
        classes.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    ClassLoader loader = new ClassLoader(Compilations.class.getClassLoader()) {
      @Override
      protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
          throw new ClassNotFoundException(name + " not among " + classes.keySet());
        }
        return defineClass(name, bytes, 0, bytes.length);
      }
    };
    return loader.loadClass(binaryName);
  }

  /** A {@code public static final long} constant of a loaded class. */
  static long constant(Class<?> type, String name) throws ReflectiveOperationException {
    return type.getField(name).getLong(null);
  }

  /** The count table a generated class holds ({@code COUNTS}). */
  static CountTable counts(Class<?> generated) throws ReflectiveOperationException {
    return (CountTable) generated.getField("COUNTS").get(null);
  }

  /** The MACs of one inference of batch 1 of the layer named {@code layer}, from the generated count table. */
  static long layerMacs(Class<?> generated, String layer) throws ReflectiveOperationException {
    for (LayerCost row : counts(generated).inference().layers()) {
      if (row.name().equals(layer)) {
        return row.macs(1);
      }
    }
    throw new AssertionError("no layer " + layer + " in the count table of " + generated.getName());
  }

  /** A profile's entry of a generated class, e.g. {@code XeonGold5120}. */
  static ProfileEstimates profile(Class<?> generated, String entry) throws ReflectiveOperationException {
    return (ProfileEstimates) generated.getField(entry).get(null);
  }
}
