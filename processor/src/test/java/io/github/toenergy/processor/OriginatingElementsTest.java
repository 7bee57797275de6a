package io.github.toenergy.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: a generated estimator depends on the residual block types its network reads, so an
 * incremental build (Gradle) must regenerate it when one of them changes: they are its originating
 * elements, beside the network class. Recorded here at the Filer, where build tools read them.
 */
class OriginatingElementsTest {

  @Test
  void theBlockTypesAreOriginatingElementsBesideTheNetwork() {
    JavaFileObject inner = DiagnosticsTest.net("Inner",
        "@Residual.Block",
        "public class Inner {",
        "  @Dense(units = 8) @Activation(RELU) Object fc;",
        "}");
    JavaFileObject outer = DiagnosticsTest.net("OuterBlock",
        "@Residual.Block",
        "public class OuterBlock {",
        "  @Residual Inner inner;",
        "  @Dense(units = 8) Object fc;",
        "}");
    JavaFileObject network = DiagnosticsTest.net("Stacked",
        "@Network(input = 8, profiles = \"test-cpu\")",
        "public class Stacked {",
        "  @Residual OuterBlock first;",
        "  @Residual Local second;",
        "  @Residual OuterBlock again;",
        "  @Residual.Block static class Local {",
        "    @Dense(units = 8) Object fc;",
        "  }",
        "}");
    Recording recording = new Recording(new ToEnergyProcessor());
    Compilation c = Compiler.javac().withProcessors(recording)
        .withOptions("-Atoenergy.profilePath=" + Compilations.resourceFolder("test-profiles"))
        .compile(inner, outer, network);
    assertThat(c).succeeded();
    // the network, then each block type it reads once, in reading order
    assertEquals(List.of("com.example.Stacked", "com.example.OuterBlock", "com.example.Inner",
        "com.example.Stacked.Local"), recording.origins.get("com.example.StackedEnergy"));
  }

  /** The processor, seeing a Filer that records the originating elements of each source it creates. */
  static final class Recording implements Processor {
    final Map<String, List<String>> origins = new LinkedHashMap<>();
    private final Processor delegate;

    Recording(Processor delegate) {
      this.delegate = delegate;
    }

    @Override
    public void init(ProcessingEnvironment environment) {
      Filer filer = environment.getFiler();
      Filer recording = proxy(Filer.class, filer, (method, args) -> {
        if (method.getName().equals("createSourceFile")) {
          List<String> names = new ArrayList<>();
          for (Element e : (Element[]) args[1]) {
            names.add(((TypeElement) e).getQualifiedName().toString());
          }
          origins.put(args[0].toString(), names);
        }
      });
      delegate.init(proxy(ProcessingEnvironment.class, environment, (method, args) -> { }, "getFiler", recording));
    }

    private static <T> T proxy(Class<T> type, T target, Observer observer, Object... replaced) {
      Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
        if (replaced.length == 2 && method.getName().equals(replaced[0])) {
          return replaced[1];
        }
        observer.saw(method, args);
        try {
          return method.invoke(target, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      });
      return type.cast(proxy);
    }

    private interface Observer {
      void saw(Method method, Object[] args);
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
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return delegate.process(annotations, round);
    }

    @Override
    public Iterable<? extends Completion> getCompletions(Element element, AnnotationMirror annotation,
        ExecutableElement member, String userText) {
      return delegate.getCompletions(element, annotation, member, userText);
    }
  }
}
