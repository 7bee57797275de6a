package io.github.toenergy.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.toenergy.model.Layer;
import io.github.toenergy.model.Network;
import io.github.toenergy.notation.NotationException;
import java.util.List;
import java.util.Random;
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
      assertFalse(e.getMessage().contains("\n"), "a one-line message: " + e.getMessage());
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
