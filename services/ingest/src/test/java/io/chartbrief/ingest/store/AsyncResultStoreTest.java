package io.chartbrief.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AsyncResultStoreTest {

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-12-04T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void anAnswerIsReadableUntilItsTimeToLiveEnds() {
        HandClock clock = new HandClock();
        AsyncResultStore store = new AsyncResultStore(Duration.ofMinutes(10), 1_000, clock);
        store.put("a", "{\"resourceType\":\"Bundle\"}");

        clock.now = clock.now.plus(Duration.ofMinutes(9));
        assertThat(store.get("a")).contains("{\"resourceType\":\"Bundle\"}");
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        assertThat(store.get("a")).isEmpty();
    }

    @Test
    void theOldestAnswersGoFirstWhenTheBudgetIsFull() {
        AsyncResultStore store = new AsyncResultStore(Duration.ofHours(1), 25, new HandClock());
        store.put("first", "x".repeat(10));
        store.put("second", "y".repeat(10));
        store.put("third", "z".repeat(10));

        assertThat(store.get("first")).isEmpty();
        assertThat(store.get("second")).isPresent();
        assertThat(store.get("third")).isPresent();
    }

    @Test
    void aDeletedAnswerIsGoneAndFreesItsBudget() {
        AsyncResultStore store = new AsyncResultStore(Duration.ofHours(1), 20, new HandClock());
        store.put("a", "x".repeat(10));
        assertThat(store.remove("a")).isTrue();
        assertThat(store.remove("a")).isFalse();
        store.put("b", "y".repeat(10));
        store.put("c", "z".repeat(10));

        assertThat(store.get("a")).isEmpty();
        assertThat(store.get("b")).isPresent();
        assertThat(store.get("c")).isPresent();
    }
}
