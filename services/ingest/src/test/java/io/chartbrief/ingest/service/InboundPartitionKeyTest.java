package io.chartbrief.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.ingest.Fixtures;
import org.junit.jupiter.api.Test;

class InboundPartitionKeyTest {

    @Test
    void samePatientGivesTheSameKeyAcrossMessageTypes() {
        String admission = InboundPartitionKey.ofHl7(Fixtures.adtA01("C1", "MRN100"), "C1");
        String result = InboundPartitionKey.ofHl7(Fixtures.oruR01("C2", "MRN100").replace("\r", "\n"), "C2");
        assertThat(admission).startsWith("pid:").isEqualTo(result);
    }

    @Test
    void differentPatientsGetDifferentKeysAndNoIdentifierInClear() {
        String a = InboundPartitionKey.ofHl7(Fixtures.adtA01("C1", "MRN100"), "C1");
        String b = InboundPartitionKey.ofHl7(Fixtures.adtA01("C1", "MRN200"), "C1");
        assertThat(a).isNotEqualTo(b).doesNotContain("MRN100");
    }

    @Test
    void fallsBackToTheControlIdWithoutPid() {
        String ack = "MSH|^~\\&|A|B|C|D|20260301||ACK^A01|CTRL9|P|2.5.1\rMSA|AA|X1\r";
        assertThat(InboundPartitionKey.ofHl7(ack, "CTRL9")).isEqualTo("msh:CTRL9");
    }
}
