import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import javax.annotation.processing.Completion;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Times the toenergy processor itself inside javac (scripts/bench-javac.sh runs it as a
 * single-file program with the processor path as class path):
 *
 * <pre>java -cp PROCESSOR_PATH scripts/TimeProcessor.java RUNS CLASSPATH OUT_DIR SOURCE_DIR</pre>
 *
 * Compiles every .java file under SOURCE_DIR RUNS times in this one JVM through the javax.tools
 * API, with the processor wrapped so that the time spent in its init() and process() calls is
 * summed. The first run is cold (the processor's classes, the runtime, the profiles, the JIT); the
 * later ones are what a long-lived compiler JVM (a Gradle or Maven daemon, an IDE) sees.
 */
public class TimeProcessor {
  public static void main(String[] args) throws Exception {
    int runs = Integer.parseInt(args[0]);
    String classPath = args[1];
    Path out = Path.of(args[2]);
    List<File> sources;
    try (Stream<Path> files = Files.walk(Path.of(args[3]))) {
      sources = files.filter(p -> p.toString().endsWith(".java")).map(Path::toFile).toList();
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<Double> processorMs = new ArrayList<>();
    List<Double> javacMs = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      Path classes = Files.createDirectories(out.resolve("run" + run + "/classes"));
      Path generated = Files.createDirectories(out.resolve("run" + run + "/generated"));
      Timed timed = new Timed((Processor) Class.forName("io.github.toenergy.processor.ToEnergyProcessor")
          .getConstructor().newInstance());
      try (StandardJavaFileManager files = javac.getStandardFileManager(null, Locale.ROOT, null)) {
        JavaCompiler.CompilationTask task = javac.getTask(null, files, null,
            List.of("-cp", classPath, "-d", classes.toString(), "-s", generated.toString()), null,
            files.getJavaFileObjectsFromFiles(sources));
        task.setProcessors(List.of(timed));
        long start = System.nanoTime();
        boolean ok = task.call();
        javacMs.add((System.nanoTime() - start) / 1e6);
        if (!ok) {
          throw new IllegalStateException("compilation failed on run " + run);
        }
      }
      processorMs.add(timed.nanos / 1e6);
    }
    System.out.printf(Locale.ROOT, "%d source files, %d runs in one JVM%n", sources.size(), runs);
    System.out.printf(Locale.ROOT, "  processor, first (cold) run: %8.1f ms   (whole javac run %8.1f ms)%n",
        processorMs.get(0), javacMs.get(0));
    if (runs > 1) {
      System.out.printf(Locale.ROOT, "  processor, median warm run:  %8.1f ms   (whole javac run %8.1f ms)%n",
          median(processorMs.subList(1, runs)), median(javacMs.subList(1, runs)));
      System.out.printf(Locale.ROOT, "  processor, best warm run:    %8.1f ms%n",
          processorMs.subList(1, runs).stream().mapToDouble(Double::doubleValue).min().orElse(0));
    }
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  }

  /** Delegates to the processor, summing the time spent in it. */
  static final class Timed implements Processor {
    private final Processor delegate;
    long nanos;

    Timed(Processor delegate) {
      this.delegate = delegate;
    }

    @Override
    public Set<String> getSupportedOptions() {
      return delegate.getSupportedOptions();
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public void init(ProcessingEnvironment environment) {
      long start = System.nanoTime();
      delegate.init(environment);
      nanos += System.nanoTime() - start;
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      long start = System.nanoTime();
      try {
        return delegate.process(annotations, round);
      } finally {
        nanos += System.nanoTime() - start;
      }
    }

    @Override
    public Iterable<? extends Completion> getCompletions(Element element, AnnotationMirror annotation,
        ExecutableElement member, String userText) {
      return delegate.getCompletions(element, annotation, member, userText);
    }
  }
}
