package io.chartbrief.interop.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLetterHeadersTest {

    @Test
    void keepsTheOriginalHeadersAndAddsWhereAndWhy() {
        ConsumerRecord<String, String> record = new ConsumerRecord<>(Topics.SUMMARIES, 2, 41L, "Patient/p", "{}");
        record.headers().add(EventHeaders.SUMMARY_REQUEST_ID, "s-1".getBytes(StandardCharsets.UTF_8));

        RecordHeaders headers = DeadLetterHeaders.of(record, DeadLetterStage.OUTBOUND, "mdm: rejected");

        assertThat(text(headers, EventHeaders.SUMMARY_REQUEST_ID)).isEqualTo("s-1");
        assertThat(text(headers, EventHeaders.DLQ_ORIGINAL_TOPIC)).isEqualTo(Topics.SUMMARIES);
        assertThat(text(headers, EventHeaders.DLQ_ORIGINAL_PARTITION)).isEqualTo("2");
        assertThat(text(headers, EventHeaders.DLQ_ORIGINAL_OFFSET)).isEqualTo("41");
        assertThat(text(headers, EventHeaders.DLQ_STAGE)).isEqualTo("outbound");
        assertThat(text(headers, EventHeaders.DLQ_REASON)).isEqualTo("mdm: rejected");
        assertThat(text(headers, EventHeaders.DLQ_TIME)).isNotBlank();
    }

    private static String text(RecordHeaders headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
