package io.chartbrief.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresResourceTest {

    @Test
    void createsADatabaseAndRoundTripsARow() throws Exception {
        PostgresResource resource = new PostgresResource();
        resource.init(Map.of("database", "roundtrip"));
        Map<String, String> config = resource.start();
        try {
            assertThat(config).containsEntry("quarkus.datasource.db-kind", "postgresql");
            assertThat(config.get("quarkus.datasource.jdbc.url"))
                    .startsWith("jdbc:postgresql://")
                    .endsWith("/roundtrip")
                    .isEqualTo(PostgresResource.jdbcUrl("roundtrip"));

            try (Connection connection = DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                    config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
                    Statement sql = connection.createStatement()) {
                sql.execute("create table if not exists note (id int primary key, body text)");
                sql.execute("delete from note");
                sql.execute("insert into note values (1, 'café ☕')");
                try (ResultSet rows = sql.executeQuery("select body, current_database() from note where id = 1")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString(1)).isEqualTo("café ☕");
                    assertThat(rows.getString(2)).isEqualTo("roundtrip");
                }
            }
        } finally {
            resource.stop();
        }
    }

    @Test
    void twoResourcesShareOneServerWithSeparateDatabases() {
        PostgresResource first = new PostgresResource();
        PostgresResource second = new PostgresResource();
        first.init(Map.of());
        second.init(Map.of("database", "other"));
        try {
            String firstUrl = first.start().get("quarkus.datasource.jdbc.url");
            String secondUrl = second.start().get("quarkus.datasource.jdbc.url");
            assertThat(firstUrl).endsWith("/chartbrief");
            assertThat(secondUrl).endsWith("/other");
            assertThat(firstUrl.replace("/chartbrief", "")).isEqualTo(secondUrl.replace("/other", ""));
        } finally {
            second.stop();
            first.stop();
        }
    }
}
