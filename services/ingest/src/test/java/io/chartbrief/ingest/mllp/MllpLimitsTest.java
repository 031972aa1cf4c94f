package io.chartbrief.ingest.mllp;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartbrief.ingest.Fixtures;
import io.chartbrief.interop.mllp.MllpClient;
import io.chartbrief.testsupport.KafkaBrokerResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Structurally unusable or over-limit messages are answered AR (do not resend), never AE "please resend". */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, scope = TestResourceScope.GLOBAL)
class MllpLimitsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Inject
    MllpListener listener;

    @Test
    void headerAloneIsRejectedNotRetried() throws Exception {
        try (MllpClient client = new MllpClient("localhost", listener.port(), TIMEOUT)) {
            for (String broken : new String[] {"MSH|^~\\&", "MSH|^~\\&|", "MSH", "MSH|", "\u0000", "MSH|^~\\&|A|B"}) {
                String ack = client.send(broken);
                assertThat(ack).as(broken).contains("MSA|AR|").contains("ERR|").doesNotContain("please resend");
            }
        }
    }

    @Test
    void overLimitMessageIsRejectedNamingTheLimitAndTheConnectionStaysUsable() throws Exception {
        String controlId = "OBX-" + UUID.randomUUID();
        try (MllpClient client = new MllpClient("localhost", listener.port(), TIMEOUT)) {
            String ack = client.send(Fixtures.oruWithTwinObx(controlId, "MRN-LIM", 10_001));
            assertThat(ack).contains("MSA|AR|" + controlId).contains("ERR|")
                    .contains("max-obx (10000)");
            String next = "NEXT-" + UUID.randomUUID();
            assertThat(client.send(Fixtures.adtA01(next, "MRN-LIM"))).contains("MSA|AA|" + next);
        }
    }

    @Test
    void nulIsRejected() throws Exception {
        String controlId = "NUL-" + UUID.randomUUID();
        try (MllpClient client = new MllpClient("localhost", listener.port(), TIMEOUT)) {
            String ack = client.send(Fixtures.adtA01(controlId, "MRN\u0000X"));
            assertThat(ack).contains("MSA|AR|" + controlId).contains("NUL");
        }
    }
}
