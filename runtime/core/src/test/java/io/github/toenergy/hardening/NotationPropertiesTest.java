package io.github.toenergy.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.toenergy.model.Layer;
import io.github.toenergy.model.LayerKind;
import io.github.toenergy.model.Network;
import io.github.toenergy.notation.NotationException;
import io.github.toenergy.notation.NotationLimits;
import io.github.toenergy.text.InputText;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Properties of the text notation: every valid network survives {@code parse(toNotation())}, the
 * builder DSL builds the same network as the layer records, and no text at all -- mutated valid
 * notation or random characters -- makes the parser throw anything but a {@link NotationException}
 * whose column lies inside the text (or just past its end).
 */
class NotationPropertiesTest {

  /** Tokens a typing slip or a confused user could put anywhere. */
  private static final List<String> TOKENS = List.of("(", ")", ",", "=", "|", " ", "residual(", "residual", "input(",
      "conv2d(", "dense(", "k=", "s=", "p=", "d=", "g=", "bias=", "bias=maybe", "format=", "format=fp8", "true",
      "0", "-1", "1", "7", "2147483647", "2147483648", "99999999999999999999", "1e9", "1e400", "NaN", "Infinity",
      "0x10", "1.5", "-0.0", "+3", "_", "relu", "softmax", "flatten", "swish", "maxpool", "adaptiveavgpool(",
      "globalavgpool", "dropout(", "dropout(1)", "batchnorm", "\t", "\n", "é", "\u0663", "\uD83D\uDE00", "\0", ";", "((",
      "\uFEFF", "\u0085", "\u001b[31m", "\r", "k=\u0663", "\u0663\u0663", "1\u0663", "\u00b2",
      "))", "input(3,2147483647,2147483647)", "input(2147483647,2147483647,2147483647) flatten");

  @Test
  void everyValidNetworkRoundTripsThroughTheNotation() {
    Property.forAll("notation round trip", 500, NetworkGen::network, n -> {
      String text = n.toNotation();
      Network parsed = Network.parse(n.name(), text);
      assertEquals(n, parsed, text);
      assertEquals(text, parsed.toNotation(), "writing the parsed network gives the same text");
      assertEquals(n.outputShapes(), parsed.outputShapes());
      // names aside, the one-argument parse gives the same layers
      assertEquals(n.withName("network"), Network.parse(text));
    });
  }

  /** The properties above and in the other suites prove something of a kind only if the generator makes it. */
  @Test
  void theGeneratorMakesEveryLayerKind() {
    Set<LayerKind> seen = EnumSet.noneOf(LayerKind.class);
    Random r = new Random(7);
    for (int i = 0; i < 300; i++) {
      collectKinds(NetworkGen.network(r).layers(), seen);
    }
    assertEquals(EnumSet.allOf(LayerKind.class), seen, "kinds NetworkGen never generates");
  }

  private static void collectKinds(List<Layer> layers, Set<LayerKind> seen) {
    for (Layer layer : layers) {
      seen.add(layer.kind());
      for (List<Layer> branch : CountPropertiesTest.branches(layer)) {
        collectKinds(branch, seen);
      }
    }
  }

  @Test
  void theBuilderDslBuildsTheSameNetworkAsTheLayerRecords() {
    Property.forAll("builder equals records", 300, r -> new Object[] {NetworkGen.network(r), r.nextLong()}, in -> {
      Network n = (Network) in[0];
      Network built = NetworkGen.viaBuilder(n, new Random((Long) in[1]));
      assertEquals(n, built);
      assertEquals(n.hashCode(), built.hashCode());
    });
  }

  @Test
  void mutatedNotationEitherParsesOrThrowsOnlyANotationExceptionWithAColumnInTheText() {
    AtomicInteger parsedCount = new AtomicInteger();
    AtomicInteger rejected = new AtomicInteger();
    Property.forAll("mutated notation", 500, NotationPropertiesTest::mutant, text -> {
      if (checkParse(text)) parsedCount.incrementAndGet();
      else rejected.incrementAndGet();
    });
    // the mutations must exercise both outcomes, or the property proves little
    assertTrue(rejected.get() > 100, "rejected mutants: " + rejected);
    assertTrue(parsedCount.get() > 10, "mutants that still parse: " + parsedCount);
  }

  @Test
  void randomTextThrowsOnlyANotationException() {
    String alphabet = "inputdenseconv2dresidualmaxpoolreluksgbp=,()|  0123456789.-+_éA\t";
    Property.forAll("random text", 300, r -> {
      StringBuilder s = new StringBuilder(r.nextBoolean() ? "input(" : "");
      int n = r.nextInt(60);
      for (int i = 0; i < n; i++) {
        s.append(r.nextInt(6) == 0 ? TOKENS.get(r.nextInt(TOKENS.size())) : alphabet.charAt(r.nextInt(alphabet.length())));
      }
      return s.toString();
    }, NotationPropertiesTest::checkParse);
  }

  /**
   * Parses {@code text}: a network must round-trip, an error must be a {@link NotationException}
   * with a column in [1, length + 1] and a one-line message.
   *
   * @return whether it parsed
   */
  static boolean checkParse(String text) {
    Network parsed;
    try {
      parsed = Network.parse(text);
    } catch (NotationException e) {
      assertTrue(e.column() >= 1 && e.column() <= text.length() + 1,
          "column " + e.column() + " outside 1.." + (text.length() + 1) + ": " + e.getMessage());
      assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), "a one-line message: " + e.getMessage());
      assertEquals(-1, InputText.firstControl(e.getMessage()), "raw control characters in: " + e.getMessage());
      assertFalse(e.problem().isBlank());
      return false;
    } catch (RuntimeException | StackOverflowError e) {
      fail("parse threw " + Property.abbreviate(e.toString()) + " instead of a NotationException for: "
          + Property.abbreviate(text), e);
      return false;
    }
    // whatever the parser accepts is a network that round-trips
    assertEquals(parsed, Network.parse(parsed.toNotation()), text);
    return true;
  }

  /** A valid network's notation with one to three random edits. */
  private static String mutant(Random r) {
    StringBuilder s = new StringBuilder(NetworkGen.network(r).toNotation());
    int edits = 1 + r.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int at = s.length() == 0 ? 0 : r.nextInt(s.length());
      switch (r.nextInt(6)) {
        case 0 -> { if (s.length() > 0) s.deleteCharAt(at); }
        case 1 -> { if (s.length() > 0) s.insert(at, s.charAt(at)); }
        case 2 -> s.insert(at, TOKENS.get(r.nextInt(TOKENS.size())));
        case 3 -> { if (s.length() > 0) s.setCharAt(at, (char) (32 + r.nextInt(95))); }
        case 4 -> { if (s.length() > 1 && at + 1 < s.length()) { char c = s.charAt(at); s.setCharAt(at, s.charAt(at + 1)); s.setCharAt(at + 1, c); } }
        default -> s.setLength(at); // truncate
      }
    }
    return s.toString();
  }

  @Test
  void aByteOrderMarkIsSkippedAndColumnsStillCountIt() {
    Property.forAll("BOM skipped", 200, NetworkGen::network, n -> {
      String text = n.toNotation();
      assertEquals(Network.parse(text), Network.parse(InputText.BOM + text), text);
    });
    // "input(4) " is 9 characters after the BOM at column 1, so frob starts at column 11
    NotationException e = assertThrows(NotationException.class, () -> Network.parse("\uFEFFinput(4) frob"));
    assertEquals(11, e.column());
    // a BOM anywhere else is not a layer, and is shown escaped
    NotationException inside = assertThrows(NotationException.class, () -> Network.parse("input(4) \uFEFFrelu"));
    assertEquals(10, inside.column());
    assertTrue(inside.getMessage().contains("'\\ufeff'"), inside.getMessage());
  }

  @Test
  void controlCharactersAreRefusedWhereTheyAreAndShownEscaped() {
    for (char c : new char[] {'\0', '\u0007', '\u001b', '\u007f', '\u0085'}) {
      String text = "input(4) relu" + c + " relu";
      NotationException e = assertThrows(NotationException.class, () -> Network.parse(text));
      assertEquals(14, e.column(), e.getMessage()); // "input(4) relu" is 13 characters
      assertTrue(e.getMessage().contains(String.format("\\u%04x", (int) c)), e.getMessage());
      assertFalse(checkParse(text));
    }
    // tab and line breaks are white space
    assertEquals(2, Network.parse("input(4)\trelu\r\nrelu").layers().size());
  }

  @Test
  void digitsOfOtherScriptsAreRefused() {
    // U+0663 is ARABIC-INDIC DIGIT THREE, which Integer.parseInt reads as 3
    NotationException k = assertThrows(NotationException.class,
        () -> Network.parse("input(3,8,8) conv2d(4,k=\u0663)"));
    assertEquals(25, k.column(), k.getMessage()); // the value after "input(3,8,8) conv2d(4,k="
    assertTrue(k.getMessage().contains("ASCII digits"), k.getMessage());
    NotationException units = assertThrows(NotationException.class, () -> Network.parse("input(4) dense(\u0663)"));
    assertEquals(16, units.column(), units.getMessage());
    assertThrows(NotationException.class, () -> Network.parse("input(\u0663)"));
    assertThrows(NotationException.class, () -> Network.parse("input(4) dropout(0.\u0663)"));
    // ASCII signs still read as before
    assertEquals(new Layer.Dense(3, true), Network.parse("input(4) dense(+3)").layers().get(0));
  }

  @Test
  void textBeyondTheLimitsFailsFastWithTheLimitInTheMessage() {
    // 1,000,000 layers of " relu": 5,000,008 characters, refused before any parsing
    String million = "input(4)" + " relu".repeat(1_000_000);
    NotationException chars = assertThrows(NotationException.class, () -> Network.parse(million));
    assertEquals(NotationLimits.MAX_CHARACTERS + 1, chars.column());
    assertEquals("the notation has 5000008 characters, more than the limit of 1000000", chars.problem());
    // 150,000 layers in 750,008 characters: under the character limit, over the layer limit at
    // layer 100,001, which starts at column 8 + 100,000 x 5 + 2
    String many = "input(4)" + " relu".repeat(150_000);
    NotationException layers = assertThrows(NotationException.class, () -> Network.parse(many));
    assertEquals(8 + 100_000 * 5 + 2, layers.column());
    assertEquals("more than 100000 layers, the limit of one network", layers.problem());
    // exactly the limit parses
    assertEquals(NotationLimits.MAX_LAYERS,
        Network.parse("input(4)" + " relu".repeat(NotationLimits.MAX_LAYERS)).layers().size());
    // a huge token is quoted shortened, so the message stays short
    NotationException token = assertThrows(NotationException.class,
        () -> Network.parse("input(4) " + "x".repeat(500_000)));
    // (the rest of the message is the list of layer keywords, which grows with the vocabulary)
    assertTrue(token.getMessage().length() < 1_000, token.getMessage().length() + " characters");
    assertTrue(token.getMessage().contains("(500000 characters)"), token.getMessage());
  }

  @Test
  void residualNestingStopsExactlyAtTheLimit() {
    int limit = NotationLimits.MAX_NESTING;
    Network deepest = Network.parse("input(4) " + "residual(".repeat(limit) + "relu" + ")".repeat(limit));
    assertEquals(1, deepest.layers().size());
    assertEquals(deepest, Network.parse(deepest.toNotation()));
    NotationException e = assertThrows(NotationException.class,
        () -> Network.parse("input(4) " + "residual(".repeat(limit + 1) + "relu" + ")".repeat(limit + 1)));
    // the 65th "residual(" starts at column 10 + 64 x 9
    assertEquals(10 + limit * 9, e.column());
    assertEquals("residual blocks nested more than 64 deep", e.problem());
  }

  @Test
  void deeplyNestedResidualBlocksAreAParseErrorNotAStackOverflow() {
    String open = "residual(".repeat(5000);
    String text = "input(4) " + open + "relu" + ")".repeat(5000);
    assertFalse(checkParse(text));
    // nesting a user could want still parses
    String ok = "input(4) " + "residual(".repeat(20) + "relu" + ")".repeat(20);
    Network n = Network.parse(ok);
    assertTrue(n.layers().get(0) instanceof Layer.Residual);
  }
}
