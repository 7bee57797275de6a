package io.github.toenergy.hardening;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import org.opentest4j.AssertionFailedError;

/**
 * A small seeded property-test harness: runs a property on {@code tries} generated inputs and, on
 * the first failure, reports the try, its seed and the input, so the case can be replayed.
 *
 * <p>Every run is reproducible: the seed of try {@code i} of property {@code name} is derived from
 * a fixed base seed, the name and {@code i}. Run with {@code -Dtoenergy.seed=N} to explore other
 * inputs, and {@code -Dtoenergy.triesScale=F} to multiply every property's tries by F (e.g. 20
 * for a long local run). A property discards an input it cannot use by throwing {@link Discard} (e.g. a
 * mutation that made a network invalid); more discards than tries fail the property, so a
 * generator that stops producing useful inputs is noticed.
 *
 * <p>(The project does not use jqwik: since 1.10 its maintainer asks that AI coding agents not use
 * it and its engine prints an injected instruction into test output.)
 */
final class Property {
  private static final long BASE_SEED = Long.getLong("toenergy.seed", 0x70E2E26L);
  private static final double TRIES_SCALE = Double.parseDouble(System.getProperty("toenergy.triesScale", "1"));

  private Property() {}

  /** Thrown by a property that cannot use its input. */
  static final class Discard extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Discard() {
      super(null, null, false, false);
    }
  }

  /** Discards the current input unless {@code condition} holds. */
  static void assume(boolean condition) {
    if (!condition) {
      throw new Discard();
    }
  }

  /**
   * Checks {@code property} on {@code tries} inputs drawn by {@code generator}.
   *
   * @return how many inputs were checked (not discarded)
   */
  static <T> int forAll(String name, int tries, Function<Random, T> generator, Consumer<T> property) {
    int n = Math.max(1, (int) Math.round(tries * TRIES_SCALE));
    int checked = 0;
    int discarded = 0;
    for (int i = 0; checked < n; i++) {
      long seed = seedOf(name, i);
      T input;
      try {
        input = generator.apply(new Random(seed));
      } catch (Discard d) {
        discarded++;
        checkDiscards(name, discarded, n);
        continue;
      } catch (RuntimeException | AssertionError e) {
        throw failure(name, i, seed, "<generator failed>", e);
      }
      try {
        property.accept(input);
        checked++;
      } catch (Discard d) {
        discarded++;
        checkDiscards(name, discarded, n);
      } catch (RuntimeException | AssertionError | StackOverflowError e) {
        throw failure(name, i, seed, input instanceof Object[] array ? Arrays.deepToString(array) : String.valueOf(input), e);
      }
    }
    return checked;
  }

  private static void checkDiscards(String name, int discarded, int tries) {
    if (discarded > tries) {
      throw new AssertionFailedError("property '" + name + "' discarded " + discarded
          + " inputs, more than its " + tries + " tries: the generator rarely makes usable inputs");
    }
  }

  private static AssertionFailedError failure(String name, int i, long seed, String input, Throwable cause) {
    return new AssertionFailedError("property '" + name + "' failed on try " + (i + 1) + " (seed " + seed
        + ", base seed " + BASE_SEED + ")\n  input: " + abbreviate(input) + "\n  failure: " + abbreviate(String.valueOf(cause)),
        cause);
  }

  /** The first and last 200 characters of a long text. */
  static String abbreviate(String text) {
    return text.length() <= 500 ? text
        : text.substring(0, 200) + " ... (" + (text.length() - 400) + " characters) ... " + text.substring(text.length() - 200);
  }

  private static long seedOf(String name, int i) {
    long h = BASE_SEED ^ ((long) name.hashCode() << 32) ^ i;
    // SplitMix64 finaliser: neighbouring tries get unrelated seeds
    h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
    h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
    return h ^ (h >>> 31);
  }
}
