package io.github.toenergy.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputTextTest {

  @Test
  void aByteOrderMarkIsSkippedAndUtf8IsStrict(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("net.txt");
    Files.write(file, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', 'b'});
    assertEquals("ab", InputText.read(file, 100));
    // 0xC3 must be followed by a continuation byte: 'a' (at offset 2) is not one
    Files.write(file, new byte[] {'x', 'y', (byte) 0xC3, 'a'});
    IOException e = assertThrows(IOException.class, () -> InputText.read(file, 100));
    assertEquals("is not valid UTF-8 at byte 2", e.getMessage());
  }

  @Test
  void onlyRegularFilesUpToTheLimitAreRead(@TempDir Path dir) throws IOException {
    assertEquals("is a folder, not a file", assertThrows(IOException.class, () -> InputText.read(dir, 100)).getMessage());
    assertEquals("does not exist",
        assertThrows(IOException.class, () -> InputText.read(dir.resolve("none"), 100)).getMessage());
    Path big = dir.resolve("big");
    Files.writeString(big, "x".repeat(101));
    assertEquals("is larger than the limit of 100 bytes",
        assertThrows(IOException.class, () -> InputText.read(big, 100)).getMessage());
    Path devZero = Path.of("/dev/zero");
    if (Files.exists(devZero)) {
      assertEquals("is not a regular file", assertThrows(IOException.class, () -> InputText.read(devZero, 100))
          .getMessage());
    }
  }

  @Test
  void controlCharactersAreFoundAndShownEscaped() {
    assertEquals(-1, InputText.firstControl("dense(4)\trelu\r\n"));
    assertEquals(5, InputText.firstControl("dense\u0000(4)"));
    assertEquals(0, InputText.firstControl("\u001b[31m"));
    assertEquals(1, InputText.firstControl("a\u0085"));
    assertEquals("a\\nb\\r\\t\\u0000\\u001b\\ufeff", InputText.excerpt("a\nb\r\t\u0000\u001b\uFEFF"));
    String excerpt = InputText.excerpt("x".repeat(1_000_000));
    assertEquals("x".repeat(InputText.EXCERPT_LENGTH) + "... (1000000 characters)", excerpt);
    assertFalse(InputText.excerpt("line one\u2028two").contains("\u2028"));
  }

  @Test
  void digitsAreAsciiOnly() {
    assertTrue(InputText.isAsciiDigits("0123456789"));
    assertFalse(InputText.isAsciiDigits("\u0663")); // ARABIC-INDIC DIGIT THREE
    assertFalse(InputText.isAsciiDigits("\uFF14")); // FULLWIDTH DIGIT FOUR
    assertFalse(InputText.isAsciiDigits("-1"));
    assertFalse(InputText.isAsciiDigits(""));
  }

  @Test
  void decodingKeepsValidMultibyteText() throws IOException {
    assertEquals("Zürich", InputText.decode("Zürich".getBytes(StandardCharsets.UTF_8)));
  }
}
