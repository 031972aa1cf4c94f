package io.chartbrief.interop.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Hl7HeaderReaderTest {

    @Test
    void readsHeaderFields() throws Exception {
        Hl7MessageHeader h = Hl7HeaderReader.read(
                "\uFEFFMSH|^~\\&|APP^1.2.3^ISO|FAC|RAPP|RFAC|20240301123000||ADT^A01^ADT_A01|CTRL1|P^T|2.5.1\nPID|1");
        assertThat(h.fieldSeparator()).isEqualTo("|");
        assertThat(h.encodingCharacters()).isEqualTo("^~\\&");
        assertThat(h.sendingApplication()).isEqualTo("APP");
        assertThat(h.sendingFacility()).isEqualTo("FAC");
        assertThat(h.receivingApplication()).isEqualTo("RAPP");
        assertThat(h.receivingFacility()).isEqualTo("RFAC");
        assertThat(h.timestamp()).isEqualTo("20240301123000");
        assertThat(h.messageType()).isEqualTo("ADT^A01");
        assertThat(h.messageStructure()).isEqualTo("ADT_A01");
        assertThat(h.controlId()).isEqualTo("CTRL1");
        assertThat(h.processingId()).isEqualTo("P");
        assertThat(h.version()).isEqualTo("2.5.1");
    }

    @Test
    void acceptsFiveEncodingCharactersAndRepairsDoubledEscape() throws Exception {
        assertThat(Hl7HeaderReader.read("MSH|^~\\&#|A|B|C|D|2024||ORU^R01|1|P|2.7").encodingCharacters())
                .isEqualTo("^~\\&#");
        assertThat(Hl7HeaderReader.read("MSH|^~\\\\&|A|B|C|D|2024||ADT^A01|1|P|2.6").encodingCharacters())
                .isEqualTo("^~\\&");
    }

    @Test
    void acceptsAckWithoutTriggerEvent() throws Exception {
        assertThat(Hl7HeaderReader.read("MSH|^~\\&|A|B|C|D|||ACK|9|P|2.5.1").messageType()).isEqualTo("ACK");
    }

    @Test
    void emptyMessageIsSegmentSequenceError() {
        assertRejected("", "100", 0, "message is empty");
    }

    @Test
    void firstSegmentMustBeMsh() {
        assertRejected("PID|1||X", "100", 0, "first segment is not MSH");
    }

    @Test
    void missingEncodingCharacters() {
        assertRejected("MSH|", "101", 2, "MSH-2 (encoding characters) is missing");
        assertRejected("MSH||A|B|C|D|2024||ORM^O01|1|P|2.5.1", "101", 2, "MSH-2 (encoding characters) is missing");
    }

    @Test
    void badEncodingCharacters() {
        assertRejected("MSH|&&&&|A|B|C|D|2024||ORU^R01|1|P|2.5.1", "102", 2, "MSH-2 (encoding characters) is invalid");
        assertRejected("MSH|^~|A|B|C|D|2024||ORU^R01|1|P|2.5.1", "102", 2, "MSH-2 (encoding characters) is invalid");
    }

    @Test
    void badFieldSeparator() {
        assertRejected("MSHX^~\\&XA", "102", 1, "MSH-1 (field separator) is invalid");
    }

    @Test
    void missingMessageTypeOrTrigger() {
        assertRejected("MSH|^~\\&|A|B|C|D|2024|||1|P|2.5.1", "101", 9, "MSH-9 (message type) is empty");
        assertRejected("MSH|^~\\&|A|B|C|D|2024||ADT|1|P|2.5.1", "101", 9, "MSH-9.2 (trigger event) is empty");
        assertRejected("MSH|^~\\&|SendAppName", "101", 9, "MSH-9 (message type) is empty");
    }

    @Test
    void missingControlId() {
        assertRejected("MSH|^~\\&|A|B|C|D|2024||ADT^A01||P|2.5.1", "101", 10, "MSH-10 (message control id) is empty");
    }

    @Test
    void unsupportedVersion() {
        assertRejected("MSH|^~\\&|A|B|C|D|2024||ADT^A01|1|P|2.2", "203", 12,
                "MSH-12 (version id) is not a supported version (2.3 to 2.8)");
        assertRejected("MSH|^~\\&|A|B|C|D|2024||ADT^A01|1|P|3.0", "203", 12,
                "MSH-12 (version id) is not a supported version (2.3 to 2.8)");
    }

    @Test
    void supportedVersions() {
        for (String v : new String[] {"2.3", "2.3.1", "2.3.z", "2.4", "2.5", "2.5.1", "2.6", "2.7.1", "2.8"}) {
            assertThat(Hl7HeaderReader.supportedVersion(v)).as(v).isTrue();
        }
        assertThat(Hl7HeaderReader.supportedVersion("2.9")).isFalse();
        assertThat(Hl7HeaderReader.supportedVersion("2.31")).isFalse();
    }

    @Test
    void reasonsNeverContainFieldValues() {
        assertThatThrownBy(() -> Hl7HeaderReader.read("MSH|^~\\&|SECRETAPP|B|C|D|2024||ADT^A01||P|2.5.1"))
                .hasMessageNotContaining("SECRETAPP");
    }

    private static void assertRejected(String raw, String code, int field, String reason) {
        assertThatThrownBy(() -> Hl7HeaderReader.read(raw))
                .isInstanceOfSatisfying(Hl7RejectedException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(code);
                    assertThat(e.segment()).isEqualTo("MSH");
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.reject()).isTrue();
                    assertThat(e.ackCode()).isEqualTo("AR");
                    assertThat(e.getMessage()).isEqualTo(reason);
                });
    }
}
