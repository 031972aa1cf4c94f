package io.chartbrief.interop.hl7;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decoding of HL7 v2 bytes. HL7 over MLLP and in files has no charset negotiation and MSH-18 is rarely filled;
 * real feeds send UTF-8 or ISO-8859-1. Strict UTF-8 is tried first and Latin-1 used when the bytes are not
 * valid UTF-8, so no byte is ever replaced by U+FFFD.
 */
public final class Hl7Bytes {

    private Hl7Bytes() {
    }

    public static Charset detectCharset(byte[] payload) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload));
            return StandardCharsets.UTF_8;
        } catch (CharacterCodingException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }

    public static String decode(byte[] payload) {
        return new String(payload, detectCharset(payload));
    }
}
