package io.chartbrief.outbound.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the connector reads from an interface engine's ACK. */
class MdmAckTest {

    @Test
    void anAaNamesTheControlIdItAnswers() {
        MdmAck ack = MdmAck.parse("MSH|^~\\&|MIRTH|HOSP|CHARTBRIEF|CHARTBRIEF|20261101||ACK^T02^ACK|A1|P|2.5.1\r"
                + "MSA|AA|CB1234567890ABCDEF12\r");
        assertThat(ack.accepted()).isTrue();
        assertThat(ack.rejected()).isFalse();
        assertThat(ack.controlId()).isEqualTo("CB1234567890ABCDEF12");
        assertThat(ack.reason()).isNull();
    }

    @Test
    void theReasonIsMsa3ElseTheErrUserMessageElseTheErrCondition() {
        assertThat(MdmAck.parse("MSH|^~\\&|A|B|C|D|1||ACK|1|P|2.3\rMSA|AE|X1|store busy\r").reason())
                .isEqualTo("store busy");
        MdmAck ar = MdmAck.parse("MSH|^~\\&|A|B|C|D|1||ACK|1|P|2.5.1\nMSA|AR|X1\nERR||TXA^1^2|207^Application internal error^HL70357|E||||unknown document type\n");
        assertThat(ar.rejected()).isTrue();
        assertThat(ar.reason()).isEqualTo("unknown document type");
        assertThat(MdmAck.parse("MSH|^~\\&|A|B|C|D|1||ACK|1|P|2.5.1\rMSA|AE|X1\rERR||TXA|207^Application internal error^HL70357|E\r")
                .reason()).isEqualTo("207 Application internal error HL70357");
    }

    @Test
    void aLongReasonIsCutToOneLine() {
        MdmAck ack = MdmAck.parse("MSH|^~\\&|A|B|C|D|1||ACK|1|P|2.3\rMSA|AE|X1|" + "busy ".repeat(100) + "\r");
        assertThat(ack.reason()).hasSize(200).endsWith("…").doesNotContain("  ");
    }

    @Test
    void textThatIsNoAckHasNoCode() {
        assertThat(MdmAck.parse("HTTP/1.1 400 Bad Request").code()).isNull();
        assertThat(MdmAck.parse("MSH|^~\\&|A|B|C|D|1||ADT^A01|1|P|2.3\rPID|1\r").code()).isNull();
        assertThat(MdmAck.parse(null).code()).isNull();
    }
}
