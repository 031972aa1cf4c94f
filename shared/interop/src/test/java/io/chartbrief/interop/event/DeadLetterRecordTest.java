package io.chartbrief.interop.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLetterRecordTest {

    @Test
    void goesToTheDlqWithTheOriginalKeyValueAndHeadersFirst() {
        ConsumerRecord<String, String> record = new ConsumerRecord<>(Topics.EVENTS, 1, 7L, "Patient/p", "{\"x\":1}");
        record.headers().add(EventHeaders.PATIENT_KEY, "Patient/p".getBytes(StandardCharsets.UTF_8));

        ProducerRecord<String, String> letter = DeadLetterRecord.of(record, DeadLetterStage.CHART_APPLY, "invalid JSON");

        assertThat(letter.topic()).isEqualTo(Topics.DLQ);
        assertThat(letter.partition()).as("the key picks the partition").isNull();
        assertThat(letter.key()).isEqualTo("Patient/p");
        assertThat(letter.value()).isEqualTo("{\"x\":1}");
        assertThat(Arrays.stream(letter.headers().toArray()).map(Header::key)).containsExactly(EventHeaders.PATIENT_KEY,
                EventHeaders.DLQ_ORIGINAL_TOPIC, EventHeaders.DLQ_ORIGINAL_PARTITION, EventHeaders.DLQ_ORIGINAL_OFFSET,
                EventHeaders.DLQ_STAGE, EventHeaders.DLQ_REASON, EventHeaders.DLQ_TIME);
        assertThat(text(letter, EventHeaders.DLQ_STAGE)).isEqualTo("chart-apply");
        assertThat(text(letter, EventHeaders.DLQ_ORIGINAL_OFFSET)).isEqualTo("7");
    }

    @Test
    void aRecordWithoutValueOrOriginIsStillWritable() {
        ProducerRecord<String, String> letter = DeadLetterRecord.of(null, null, 0, 0, null, null,
                DeadLetterStage.NORMALIZE_FHIR, "empty record value");

        assertThat(letter.key()).isNull();
        assertThat(letter.value()).isEmpty();
        assertThat(letter.headers().lastHeader(EventHeaders.DLQ_ORIGINAL_TOPIC)).isNull();
        assertThat(text(letter, EventHeaders.DLQ_STAGE)).isEqualTo("normalize-fhir");
    }

    @Test
    void aNonTextKeyIsWrittenAsItsText() {
        ProducerRecord<String, String> letter = DeadLetterRecord.of(new RecordHeaders(), Topics.FHIR_INBOUND, 0, 3, 42L,
                "{}", DeadLetterStage.NORMALIZE_FHIR, "not FHIR");

        assertThat(letter.key()).isEqualTo("42");
    }

    private static String text(ProducerRecord<String, String> letter, String name) {
        return new String(letter.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
