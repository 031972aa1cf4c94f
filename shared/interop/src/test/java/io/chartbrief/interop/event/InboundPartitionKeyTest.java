package io.chartbrief.interop.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InboundPartitionKeyTest {

    private static String admission(String controlId, String mrn) {
        return "MSH|^~\\&|ADT1|GOODHEALTH|CB|CB|20260301101500||ADT^A01^ADT_A01|" + controlId + "|P|2.5.1\r"
                + "PID|1||" + mrn + "^^^GOODHEALTH^MR||TESTPATIENT^ALICE||19700214|F\r";
    }

    private static String result(String controlId, String mrn) {
        return "MSH|^~\\&|LAB|GOODHEALTH|CB|CB|20260301120000||ORU^R01^ORU_R01|" + controlId + "|P|2.5.1\r"
                + "PID|1||" + mrn + "^^^GOODHEALTH^MR~999^^^SSA^SS||TESTPATIENT^ALICE\r"
                + "OBR|1|P1|F1|24323-8^Panel^LN\r";
    }

    @Test
    void samePatientGivesTheSameKeyAcrossMessageTypes() {
        String admission = InboundPartitionKey.ofHl7(admission("C1", "MRN100"), "C1");
        String result = InboundPartitionKey.ofHl7(result("C2", "MRN100").replace("\r", "\n"), "C2");
        assertThat(admission).startsWith("pid:").isEqualTo(result);
    }

    @Test
    void differentPatientsGetDifferentKeysAndNoIdentifierInClear() {
        String a = InboundPartitionKey.ofHl7(admission("C1", "MRN100"), "C1");
        String b = InboundPartitionKey.ofHl7(admission("C1", "MRN200"), "C1");
        assertThat(a).isNotEqualTo(b).doesNotContain("MRN100");
    }

    @Test
    void fallsBackToTheControlIdWithoutPid() {
        String ack = "MSH|^~\\&|A|B|C|D|20260301||ACK^A01|CTRL9|P|2.5.1\rMSA|AA|X1\r";
        assertThat(InboundPartitionKey.ofHl7(ack, "CTRL9")).isEqualTo("msh:CTRL9");
    }
}
