package io.chartbrief.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The in-place retry: same work again while the database is out, refused records rethrown at once. */
class OutageWaitTest {

    private final OutageWait wait = new OutageWait("database", Duration.ofMillis(5), Duration.ofMillis(20),
            DatabaseFailure::isOutage);

    @Test
    void backoffDoublesFromTheInitialWaitUpToTheCap() {
        Duration initial = Duration.ofSeconds(1);
        Duration max = Duration.ofSeconds(30);
        assertThat(OutageWait.backoff(1, initial, max)).hasSeconds(1);
        assertThat(OutageWait.backoff(2, initial, max)).hasSeconds(2);
        assertThat(OutageWait.backoff(5, initial, max)).hasSeconds(16);
        assertThat(OutageWait.backoff(6, initial, max)).hasSeconds(30);
        assertThat(OutageWait.backoff(1000, initial, max)).hasSeconds(30);
    }

    @Test
    void outageFailuresAreRetriedInPlaceUntilTheWorkSucceeds() throws SQLException {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        wait.onRetry(retries::incrementAndGet);
        String result = wait.run("apply 1 record", () -> {
            if (calls.incrementAndGet() <= 4) {
                throw new SQLException("Connection refused", "08001");
            }
            return "applied";
        });
        assertThat(result).isEqualTo("applied");
        assertThat(calls).hasValue(5);
        assertThat(retries).hasValue(4);
        assertThat(wait.isWaiting()).isFalse();
    }

    @Test
    void aRefusedRecordIsRethrownAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> wait.run("insert", () -> {
            calls.incrementAndGet();
            throw new SQLException("invalid byte sequence", "22P05");
        })).isInstanceOf(SQLException.class).hasFieldOrPropertyWithValue("SQLState", "22P05");
        assertThat(calls).hasValue(1);
    }

    @Test
    void waitingWorkIsVisibleAndGivesUpWithItsLastFailureWhenClosed() throws Exception {
        OutageWait slow = new OutageWait("database", Duration.ofSeconds(10), Duration.ofSeconds(10),
                DatabaseFailure::isOutage);
        CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> {
            try {
                return slow.run("apply", () -> {
                    throw new SQLException("I/O error", "08006");
                });
            } catch (SQLException e) {
                return e;
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!slow.isWaiting() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(slow.longestWaiting()).hasValueSatisfying(w -> {
            assertThat(w.operation()).isEqualTo("apply");
            assertThat(w.failures()).isEqualTo(1);
            assertThat(w.reason()).isEqualTo("SQLException, SQLState 08006");
        });
        slow.close();
        assertThat(running.get(5, TimeUnit.SECONDS)).isInstanceOf(SQLException.class);
        assertThat(slow.isWaiting()).isFalse();
    }
}
