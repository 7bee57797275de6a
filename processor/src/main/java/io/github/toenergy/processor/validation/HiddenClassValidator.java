package io.github.toenergy.processor.validation;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import io.github.toenergy.annotations.Concat;
import io.github.toenergy.annotations.EnergyBudget;
import io.github.toenergy.annotations.Gate;
import io.github.toenergy.annotations.Network;
import io.github.toenergy.annotations.Residual;
import io.github.toenergy.annotations.Shortcut;
import io.github.toenergy.model.LayerKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.util.Elements;
import org.jspecify.annotations.Nullable;

/**
 * Finds toenergy annotations that javac never shows an annotation processor: those on local and
 * anonymous classes (declared inside a method, an initialiser or a lambda) and on their members.
 * Skipping them in silence would drop a network, or a layer, from the build without a word.
 *
 * <p>When processors run, the classes inside a method are not attributed yet, so annotations are
 * recognised by how they are written: a fully qualified name, a simple name the file imports (one
 * by one or with {@code io.github.toenergy.annotations.*}), or a name in the file's own package
 * when that is the annotations' package. Only files whose text mentions that package are read.
 *
 * <p>javac runs the processor only in compilations with a toenergy annotation on a class or member it
 * shows (it cannot declare {@code "*"} and stay isolating for Gradle); a compilation whose only
 * toenergy annotations are inside methods is therefore not checked.
 */
public final class HiddenClassValidator {
  private static final String PACKAGE = Network.class.getPackageName();
  private static final String NETWORK = Network.class.getCanonicalName();
  private static final String BLOCK = Residual.Block.class.getCanonicalName();
  private static final String SHORTCUT = Shortcut.class.getCanonicalName();
  /** Annotations that make a class something the processor reads. */
  private static final Set<String> TYPE_ANNOTATIONS = Set.of(NETWORK, BLOCK, Gate.Block.class.getCanonicalName(),
      Concat.Branch.class.getCanonicalName(), EnergyBudget.class.getCanonicalName(),
      EnergyBudget.List.class.getCanonicalName());

  private final Reporter reporter;
  private final Trees trees;
  private final Elements elements;
  private final Set<CompilationUnitTree> read = Collections.newSetFromMap(new IdentityHashMap<>());

  public HiddenClassValidator(Reporter reporter, Trees trees, Elements elements) {
    this.reporter = reporter;
    this.trees = trees;
    this.elements = elements;
  }

  /** Checks the files of this round's root elements, each file once per compilation. */
  public void validate(RoundEnvironment round) {
    for (Element root : round.getRootElements()) {
      TreePath path = trees.getPath(root);
      if (path == null) {
        continue; // a class file, not a source
      }
      CompilationUnitTree unit = path.getCompilationUnit();
      if (read.add(unit) && mentionsAnnotations(unit)) {
        new Scanner(unit).scan(unit, null);
      }
    }
  }

  private static boolean mentionsAnnotations(CompilationUnitTree unit) {
    try {
      return unit.getSourceFile().getCharContent(true).toString().contains(PACKAGE);
    } catch (IOException e) {
      return true; // javac read it a moment ago; if it cannot now, read the tree anyway
    }
  }

  /** The toenergy annotations a file can write, by the names it resolves them with. */
  private final class Names {
    private final Map<String, String> single = new HashMap<>();
    private final List<String> onDemand = new ArrayList<>();
    private final String packageName;
    private final Set<String> declared = new java.util.HashSet<>();

    Names(CompilationUnitTree unit) {
      packageName = unit.getPackageName() == null ? "" : unit.getPackageName().toString();
      for (ImportTree i : unit.getImports()) {
        if (i.isStatic()) {
          continue;
        }
        String name = i.getQualifiedIdentifier().toString();
        if (name.endsWith(".*")) {
          onDemand.add(name.substring(0, name.length() - 2));
        } else {
          single.put(name.substring(name.lastIndexOf('.') + 1), name);
        }
      }
      if (packageName.equals(PACKAGE)) {
        onDemand.add(PACKAGE);
      }
      for (Tree type : unit.getTypeDecls()) {
        if (type instanceof ClassTree c) {
          declared.add(c.getSimpleName().toString());
        }
      }
    }

    /** The canonical name of a toenergy annotation written as {@code written}, or null. */
    @Nullable String resolve(String written) {
      if (known(written)) {
        return written;
      }
      int dot = written.indexOf('.');
      String first = dot < 0 ? written : written.substring(0, dot);
      String rest = dot < 0 ? "" : written.substring(dot);
      String imported = single.get(first);
      if (imported != null) {
        return known(imported + rest) ? imported + rest : null;
      }
      if (declared.contains(first) || (!packageName.equals(PACKAGE)
          && elements.getTypeElement(packageName.isEmpty() ? first : packageName + "." + first) != null)) {
        return null; // the file's own type, or one of its package: they come before imports on demand
      }
      for (String scope : onDemand) {
        if (known(scope + "." + written)) {
          return scope + "." + written;
        }
      }
      return null;
    }

    private boolean known(String name) {
      return TYPE_ANNOTATIONS.contains(name) || name.equals(SHORTCUT) || LayerKind.byAnnotation(name) != null;
    }
  }

  private final class Scanner extends TreePathScanner<Void, Void> {
    private final CompilationUnitTree unit;
    private final Names names;
    private int hidden;

    Scanner(CompilationUnitTree unit) {
      this.unit = unit;
      this.names = new Names(unit);
    }

    @Override
    public Void visitClass(ClassTree node, Void unused) {
      Tree parent = getCurrentPath().getParentPath().getLeaf();
      boolean isHidden = hidden > 0 || !(parent instanceof ClassTree || parent instanceof CompilationUnitTree);
      if (!isHidden) {
        return super.visitClass(node, unused);
      }
      check(node);
      hidden++;
      try {
        return super.visitClass(node, unused);
      } finally {
        hidden--;
      }
    }

    private void check(ClassTree type) {
      String what = type.getSimpleName().length() == 0 ? "the anonymous class in " + where()
          : "local class " + type.getSimpleName() + " in " + where();
      boolean read = false;
      for (AnnotationTree a : type.getModifiers().getAnnotations()) {
        String name = names.resolve(a.getAnnotationType().toString());
        if (name != null && TYPE_ANNOTATIONS.contains(name)) {
          reporter.error(Diagnostics.LOCAL_CLASS, a, unit, what, simpleName(name));
          read = true;
        }
      }
      if (read) {
        return; // its members are part of what the class error says
      }
      for (Tree member : type.getMembers()) {
        String memberName = member instanceof VariableTree v ? v.getName().toString()
            : member instanceof MethodTree m ? m.getName() + "()" : null;
        if (memberName == null) {
          continue; // a nested class is checked as a class of its own
        }
        List<? extends AnnotationTree> annotations = member instanceof VariableTree v
            ? v.getModifiers().getAnnotations() : ((MethodTree) member).getModifiers().getAnnotations();
        for (AnnotationTree a : annotations) {
          String name = names.resolve(a.getAnnotationType().toString());
          if (name == null || TYPE_ANNOTATIONS.contains(name)) {
            continue;
          }
          if (name.equals(SHORTCUT)) {
            reporter.error(Diagnostics.MISPLACED_SHORTCUT, a, unit, memberName,
                "is only read on a member of a @Residual.Block type, and " + what + " is not one");
          } else {
            reporter.error(Diagnostics.LAYER_OUTSIDE_NETWORK, a, unit, memberName, simpleName(name), what);
          }
        }
      }
    }

    /** Where the class under the current path is declared, e.g. {@code com.example.Outer.build()}. */
    private String where() {
      List<String> parts = new ArrayList<>();
      for (TreePath p = getCurrentPath().getParentPath(); p != null; p = p.getParentPath()) {
        Tree leaf = p.getLeaf();
        if (leaf instanceof MethodTree m) {
          parts.add(0, m.getName() + "()");
        } else if (leaf instanceof ClassTree c) {
          parts.add(0, c.getSimpleName().length() == 0 ? "(anonymous)" : c.getSimpleName().toString());
        }
      }
      String pkg = unit.getPackageName() == null ? "" : unit.getPackageName() + ".";
      return pkg + String.join(".", parts);
    }
  }

  /** {@code Residual.Block} for {@code io.github.toenergy.annotations.Residual.Block}. */
  private static String simpleName(String canonical) {
    return canonical.substring(PACKAGE.length() + 1);
  }
}
