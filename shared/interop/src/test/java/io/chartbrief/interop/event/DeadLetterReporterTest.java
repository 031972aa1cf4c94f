package io.chartbrief.interop.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chartbrief.interop.event.DeadLetterReporter.NotDeadLetteredException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class DeadLetterReporterTest {

    private final ConsumerRecord<String, String> record = new ConsumerRecord<>(Topics.SUMMARIES, 0, 5L, "Patient/p", "{}");

    @Test
    void sendsTheDeadLetterOfItsStageAndReturnsOnTheAcknowledgement() {
        List<ProducerRecord<String, String>> sent = new ArrayList<>();
        DeadLetterReporter reporter = new DeadLetterReporter(DeadLetterStage.INBOX, letter -> {
            sent.add(letter);
            return CompletableFuture.completedFuture(null);
        });

        reporter.send(record, "no Composition");

        assertThat(sent).singleElement().satisfies(letter -> {
            assertThat(letter.topic()).isEqualTo(Topics.DLQ);
            assertThat(new String(letter.headers().lastHeader(EventHeaders.DLQ_STAGE).value(), StandardCharsets.UTF_8))
                    .isEqualTo("inbox");
        });
    }

    @Test
    void aFailedWriteIsNotSwallowed() {
        DeadLetterReporter reporter = new DeadLetterReporter(DeadLetterStage.OUTBOUND,
                letter -> CompletableFuture.failedFuture(new TimeoutException("broker down")));

        assertThatThrownBy(() -> reporter.send(record, "mdm: rejected")).isInstanceOf(NotDeadLetteredException.class)
                .hasMessage("outbound: ehr.dlq write failed").hasRootCauseMessage("broker down");
    }

    @Test
    void anInterruptedWaitKeepsTheInterrupt() {
        DeadLetterReporter reporter = new DeadLetterReporter(DeadLetterStage.SUMMARIZE, letter -> new CompletableFuture<>());
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> reporter.send(record, "x")).isInstanceOf(NotDeadLetteredException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
