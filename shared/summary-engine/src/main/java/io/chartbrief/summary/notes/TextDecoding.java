package io.chartbrief.summary.notes;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Bytes of a note attachment to text. Never throws: a note in an odd encoding still reads, with U+FFFD where a
 * byte has no character.
 *
 * <p>Order: a byte-order mark decides (and is dropped: it is no text); else the declared charset; else UTF-8 when
 * the bytes are valid UTF-8, otherwise windows-1252 (the usual encoding of unlabelled Western text from older
 * systems). A declared UTF-8 that is not valid UTF-8 also falls back to windows-1252 (mislabelled feeds are common),
 * and ISO-8859-1 / US-ASCII labels decode as windows-1252, as browsers do (WHATWG Encoding), because senders that
 * say Latin-1 routinely mean windows-1252 (curly quotes, en dashes in 0x80–0x9F).
 */
final class TextDecoding {

    /** Decoded text and the charset that produced it. */
    record Decoded(String text, String charset) {
    }

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private TextDecoding() {
    }

    /**
     * @param declared the charset label of the content type, or null
     */
    static Decoded decode(byte[] bytes, String declared) {
        int n = bytes.length;
        if (n >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return strictOrFallback(bytes, 3);
        }
        if (n >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            return lenient(bytes, 2, StandardCharsets.UTF_16BE);
        }
        if (n >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            return lenient(bytes, 2, StandardCharsets.UTF_16LE);
        }
        Charset charset = charset(declared);
        if (charset == null || charset.equals(StandardCharsets.UTF_8)) {
            return strictOrFallback(bytes, 0);
        }
        return lenient(bytes, 0, charset);
    }

    /** The charset a label names (Latin-1 labels as windows-1252); null when absent or unknown. */
    static Charset charset(String label) {
        if (label == null || label.isBlank()) {
            return null;
        }
        String name = label.trim().replace("\"", "").replace("'", "").toLowerCase(Locale.ROOT);
        if (name.equals("iso-8859-1") || name.equals("iso8859-1") || name.equals("latin1") || name.equals("l1")
                || name.equals("us-ascii") || name.equals("ascii") || name.equals("iso_8859-1")) {
            return WINDOWS_1252;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return null; // unknown or illegal label: read as unlabelled
        }
    }

    private static Decoded strictOrFallback(byte[] bytes, int offset) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = utf8.decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset));
            return new Decoded(chars.toString(), "UTF-8");
        } catch (CharacterCodingException e) {
            return lenient(bytes, offset, WINDOWS_1252);
        }
    }

    private static Decoded lenient(byte[] bytes, int offset, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            return new Decoded(decoder.decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString(),
                    charset.name());
        } catch (CharacterCodingException e) {
            // REPLACE never reports; kept so a decoder that does still cannot fail a summary
            return new Decoded(new String(bytes, offset, bytes.length - offset, charset), charset.name());
        }
    }
}
