package io.github.toenergy.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The one rule every text input of toenergy follows (notation, notation files, measurement CSVs,
 * profiles, command-line values), so that the same bytes mean the same thing everywhere:
 *
 * <ul>
 *   <li>files are read only when they are regular files, up to a size limit, as strict UTF-8 (a
 *       malformed byte is an error naming its offset, never a replacement character);
 *   <li>a UTF-8 byte-order mark at the start is skipped;
 *   <li>control characters other than tab, line feed and carriage return are refused where they are
 *       found (a NUL is not "end of text");
 *   <li>numbers are ASCII digits only ({@link #isAsciiDigits}): {@code ٣} is not 3;
 *   <li>text quoted back in a message is {@link #excerpt shown escaped and shortened}, so a message is
 *       one line and never carries raw control characters to a terminal.
 * </ul>
 */
public final class InputText {
  /** The byte-order mark as a character, what a UTF-8 BOM decodes to. */
  public static final char BOM = '\uFEFF';

  /** The longest excerpt of user text a message quotes, in characters. */
  public static final int EXCERPT_LENGTH = 60;

  private InputText() {}

  /**
   * Reads {@code file} as text under the rule above.
   *
   * @param maxBytes the largest file accepted
   * @throws IOException with a one-line message (not naming the file: the caller's error does) when the
   *     path is not a regular file, is larger than {@code maxBytes}, cannot be read, or is not UTF-8
   */
  public static String read(Path file, long maxBytes) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class); // follows links, as opening does
    } catch (IOException e) {
      throw new IOException(Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? "cannot be read" : "does not exist", e);
    }
    if (!attributes.isRegularFile()) {
      throw new IOException(attributes.isDirectory() ? "is a folder, not a file" : "is not a regular file");
    }
    if (attributes.size() > maxBytes) {
      throw new IOException("is larger than the limit of " + maxBytes + " bytes");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      // the size may change after the check (a growing file): never read past the limit
      bytes = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
    } catch (IOException e) {
      throw new IOException("cannot be read", e);
    }
    if (bytes.length > maxBytes) {
      throw new IOException("is larger than the limit of " + maxBytes + " bytes");
    }
    return decode(bytes);
  }

  /**
   * Decodes strict UTF-8 and skips a leading byte-order mark.
   *
   * @throws IOException naming the byte offset of the first malformed sequence
   */
  public static String decode(byte[] bytes) throws IOException {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    String text;
    try {
      text = decoder.decode(buffer).toString();
    } catch (MalformedInputException e) {
      throw new IOException("is not valid UTF-8 at byte " + firstMalformedByte(bytes), e);
    } catch (CharacterCodingException e) {
      throw new IOException("is not valid UTF-8", e);
    }
    return withoutBom(text);
  }

  /** {@code text} without a leading byte-order mark. */
  public static String withoutBom(String text) {
    return !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
  }

  /**
   * The index of the first control character other than tab, line feed and carriage return (C0, DEL and
   * C1 controls), or -1 when there is none.
   */
  public static int firstControl(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isForbiddenControl(c)) {
        return i;
      }
    }
    return -1;
  }

  /** Whether {@code c} is a control character that no toenergy input may contain. */
  public static boolean isForbiddenControl(char c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
  }

  /** Whether {@code text} is one or more ASCII digits {@code 0-9} (no sign, no other script's digits). */
  public static boolean isAsciiDigits(CharSequence text) {
    if (text.length() == 0) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** {@code text} quoted for a one-line message: escaped and at most {@link #EXCERPT_LENGTH} characters. */
  public static String excerpt(CharSequence text) {
    return excerpt(text, EXCERPT_LENGTH);
  }

  /**
   * {@code text} for a one-line message: control characters, line breaks and the byte-order mark are
   * written as escapes ({@code \n}, {@code \r}, {@code \t}, {@code \u0000}), and text longer than
   * {@code max} characters is cut with an ellipsis and its full length.
   */
  public static String excerpt(CharSequence text, int max) {
    StringBuilder out = new StringBuilder();
    int shown = Math.min(text.length(), max);
    for (int i = 0; i < shown; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (isForbiddenControl(c) || c == BOM || Character.getType(c) == Character.LINE_SEPARATOR
              || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    if (shown < text.length()) {
      out.append("... (").append(text.length()).append(" characters)");
    }
    return out.toString();
  }

  private static long firstMalformedByte(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(Math.max(16, bytes.length));
    decoder.decode(in, out, true);
    return in.position();
  }
}
