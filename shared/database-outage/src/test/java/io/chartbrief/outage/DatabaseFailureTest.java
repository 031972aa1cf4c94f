package io.chartbrief.outage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which database failures are an outage (retry the record) and which are the record's fault (dead-letter it). */
class DatabaseFailureTest {

    @Test
    void connectionResourceAndOperatorFailuresAreOutages() {
        for (String state : new String[] {"08001", "08006", "08003", "57P01", "57P02", "57P03", "57014", "53300",
                "53100", "40001", "40P01", "28P01", "3D000", "58030", "XX000"}) {
            assertThat(DatabaseFailure.of(new SQLException("x", state))).as(state).isEqualTo(DatabaseFailure.OUTAGE);
        }
    }

    @Test
    void failuresWithoutStateOrOfTransientTypeAreOutages() {
        assertThat(DatabaseFailure.of(new SQLException("Acquisition timeout while waiting for new connection")))
                .isEqualTo(DatabaseFailure.OUTAGE);
        assertThat(DatabaseFailure.of(new SQLTransientConnectionException("refused", "22000")))
                .isEqualTo(DatabaseFailure.OUTAGE);
        assertThat(DatabaseFailure.of(new UncheckedIOException(new ConnectException("Connection refused"))))
                .contains(DatabaseFailure.OUTAGE);
    }

    @Test
    void contentTheDatabaseRefusesIsTheRecordsFault() {
        for (String state : new String[] {"22P05", "22021", "22001", "23505", "23503", "54000", "42P01"}) {
            assertThat(DatabaseFailure.of(new SQLException("x", state))).as(state).isEqualTo(DatabaseFailure.REFUSED);
        }
    }

    @Test
    void theFirstSqlExceptionOnTheCauseChainDecides() {
        RuntimeException wrapped = new RuntimeException("store", new SQLException("nul", "22P05",
                new SQLException("inner", "08006")));
        assertThat(DatabaseFailure.isRefused(wrapped)).isTrue();
        assertThat(DatabaseFailure.isOutage(wrapped)).isFalse();
        assertThat(DatabaseFailure.sqlState(wrapped)).contains("22P05");
        assertThat(DatabaseFailure.of(new IllegalStateException("not the database"))).isEqualTo(Optional.empty());
        assertThat(DatabaseFailure.isOutage(new IllegalStateException("not the database"))).isFalse();
    }
}
