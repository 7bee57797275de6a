package io.github.toenergy.processor.validation;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import io.github.toenergy.processor.model.AnnotationUse;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;
import org.jspecify.annotations.Nullable;

/**
 * Prints catalogue messages on the exact element, annotation and attribute value, so that javac
 * prints the right line and IDEs underline the right token. Counts the errors so that a stage can
 * tell whether the one before it found problems.
 *
 * <p>A repeated annotation ({@code @EnergyBudget} written twice) lives in a container javac builds
 * itself and has no source position of its own; javac would put the message on the class. Where
 * the compiler offers the {@link Trees} API (javac, kapt), the message goes on the written
 * annotation instead.
 */
public final class Reporter {
  private final Messager messager;
  private final @Nullable Trees trees;
  private int errors;

  public Reporter(ProcessingEnvironment environment) {
    this.messager = environment.getMessager();
    this.trees = trees(environment);
  }

  private static @Nullable Trees trees(ProcessingEnvironment environment) {
    try {
      return Trees.instance(environment);
    } catch (IllegalArgumentException | LinkageError e) {
      return null; // not javac, or javac behind a wrapper (Gradle's incremental processing)
    }
  }

  /** An error on {@code element}, narrowed to {@code annotation} and its {@code value} where given. */
  public void error(Diagnostics diagnostic, Element element, @Nullable AnnotationMirror annotation,
      @Nullable AnnotationValue value, Object... args) {
    report(Diagnostic.Kind.ERROR, diagnostic, element, annotation, value, args);
  }

  /** An error on an annotation of {@code element}, narrowed to the value of {@code attribute} if written. */
  public void error(Diagnostics diagnostic, Element element, AnnotationUse annotation, @Nullable String attribute,
      Object... args) {
    report(Diagnostic.Kind.ERROR, diagnostic, element, annotation, attribute, args);
  }

  /** A message of {@code kind} on an annotation, repeated ones included; errors are counted. */
  public void report(Diagnostic.Kind kind, Diagnostics diagnostic, Element element, AnnotationUse annotation,
      @Nullable String attribute, Object... args) {
    AnnotationValue value = attribute == null ? null : annotation.explicit(attribute);
    AnnotationMirror container = annotation.container();
    if (container == null) {
      report(kind, diagnostic, element, annotation.mirror(), value, args);
      return;
    }
    String message = diagnostic.format(args);
    if (!printOnTree(kind, message, element, annotation, attribute)) {
      // javac matches a value inside a container written out by hand; else it falls back to the element
      messager.printMessage(kind, message, element, container, annotation.inContainer());
    }
    count(kind);
  }

  /** A message of {@code kind}; errors are counted. */
  public void report(Diagnostic.Kind kind, Diagnostics diagnostic, Element element,
      @Nullable AnnotationMirror annotation, @Nullable AnnotationValue value, Object... args) {
    String message = diagnostic.format(args);
    if (annotation == null) {
      messager.printMessage(kind, message, element);
    } else if (value == null) {
      messager.printMessage(kind, message, element, annotation);
    } else {
      messager.printMessage(kind, message, element, annotation, value);
    }
    count(kind);
  }

  /** The compiler's trees, where it offers them (javac, kapt); null elsewhere. */
  public @Nullable Trees trees() {
    return trees;
  }

  /** An error on a tree of {@code unit}, for what javac shows no element of (the inside of a method). */
  public void error(Diagnostics diagnostic, Tree tree, CompilationUnitTree unit, Object... args) {
    if (trees == null) {
      throw new IllegalStateException("no trees: " + diagnostic.format(args));
    }
    trees.printMessage(Diagnostic.Kind.ERROR, diagnostic.format(args), tree, unit);
    count(Diagnostic.Kind.ERROR);
  }

  /** An error that belongs to no element (a bad {@code -A} option). */
  public void error(Diagnostics diagnostic, Object... args) {
    messager.printMessage(Diagnostic.Kind.ERROR, diagnostic.format(args));
    count(Diagnostic.Kind.ERROR);
  }

  private void count(Diagnostic.Kind kind) {
    if (kind == Diagnostic.Kind.ERROR) {
      errors++;
    }
  }

  /** Errors reported so far. */
  public int errors() {
    return errors;
  }

  /** Prints on the {@code ordinal}-th written annotation of the repeated type; false where that is not possible. */
  private boolean printOnTree(Diagnostic.Kind kind, String message, Element element, AnnotationUse annotation,
      @Nullable String attribute) {
    if (trees == null) {
      return false;
    }
    TreePath path = trees.getPath(element);
    ModifiersTree modifiers = path == null ? null : modifiers(path.getLeaf());
    if (modifiers == null) {
      return false;
    }
    String simpleName = annotation.mirror().getAnnotationType().asElement().getSimpleName().toString();
    List<AnnotationTree> written = new ArrayList<>();
    for (AnnotationTree tree : modifiers.getAnnotations()) {
      String type = tree.getAnnotationType().toString();
      if (type.equals(simpleName) || type.endsWith("." + simpleName)) {
        written.add(tree);
      } else if (type.endsWith(simpleName + ".List")) {
        return false; // a container written by hand: javac locates values inside it itself
      }
    }
    if (annotation.ordinal() >= written.size()) {
      return false;
    }
    AnnotationTree tree = written.get(annotation.ordinal());
    Tree target = tree;
    if (attribute != null) {
      for (ExpressionTree argument : tree.getArguments()) {
        if (argument instanceof AssignmentTree assignment && assignment.getVariable().toString().equals(attribute)) {
          target = assignment.getExpression();
        }
      }
    }
    trees.printMessage(kind, message, target, path.getCompilationUnit());
    return true;
  }

  private static @Nullable ModifiersTree modifiers(Tree tree) {
    if (tree instanceof ClassTree c) {
      return c.getModifiers();
    }
    if (tree instanceof MethodTree m) {
      return m.getModifiers();
    }
    return tree instanceof VariableTree v ? v.getModifiers() : null;
  }
}
