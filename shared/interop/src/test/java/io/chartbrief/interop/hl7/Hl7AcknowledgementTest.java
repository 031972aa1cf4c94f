package io.chartbrief.interop.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Hl7AcknowledgementTest {

    private static Hl7MessageHeader header() throws Hl7RejectedException {
        return Hl7HeaderReader.read("MSH|^~\\&|SAPP|SFAC|RAPP|RFAC|20240301||ADT^A01^ADT_A01|CTRL42|T|2.4");
    }

    @Test
    void acceptSwapsSenderAndReceiver() throws Exception {
        String[] seg = Hl7Acknowledgement.accept(header()).split("\r");
        assertThat(seg).hasSize(2);
        String[] msh = seg[0].split("\\|", -1);
        assertThat(msh[0]).isEqualTo("MSH");
        assertThat(msh[1]).isEqualTo("^~\\&");
        assertThat(msh[2]).isEqualTo("RAPP");
        assertThat(msh[3]).isEqualTo("RFAC");
        assertThat(msh[4]).isEqualTo("SAPP");
        assertThat(msh[5]).isEqualTo("SFAC");
        assertThat(msh[6]).matches("\\d{14}\\+0000");
        assertThat(msh[8]).isEqualTo("ACK^A01^ACK");
        assertThat(msh[9]).isNotEmpty().isNotEqualTo("CTRL42");
        assertThat(msh[10]).isEqualTo("T");
        assertThat(msh[11]).isEqualTo("2.4");
        assertThat(seg[1]).isEqualTo("MSA|AA|CTRL42");
        // the ACK itself is a readable message
        assertThat(Hl7HeaderReader.read(Hl7Acknowledgement.accept(header())).messageType()).isEqualTo("ACK^A01");
    }

    @Test
    void errorCarriesMsaAndErrWithEscapedReason() throws Exception {
        String ack = Hl7Acknowledgement.error(header(), "AE", "101", "PID", 3, "PID-3 a|b^c~d\\e&f is empty");
        String[] seg = ack.split("\r");
        assertThat(seg).hasSize(3);
        String escaped = "PID-3 a\\F\\b\\S\\c\\R\\d\\E\\e\\T\\f is empty";
        assertThat(seg[1]).isEqualTo("MSA|AE|CTRL42|" + escaped);
        assertThat(seg[2]).isEqualTo("ERR||PID^1^3|101^Required field missing^HL70357|E||||" + escaped);
    }

    @Test
    void errorWithoutHeaderUsesDefaults() {
        String ack = Hl7Acknowledgement.error(null, "AR", "100", "MSH", 0, "message is empty");
        String[] seg = ack.split("\r");
        String[] msh = seg[0].split("\\|", -1);
        assertThat(msh[8]).isEqualTo("ACK");
        assertThat(msh[11]).isEqualTo("2.5.1");
        assertThat(seg[1]).isEqualTo("MSA|AR||message is empty");
        assertThat(seg[2]).isEqualTo("ERR||MSH^1|100^Segment sequence error^HL70357|E||||message is empty");
    }
}
