package io.chartbrief.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The proxy forwards to real PostgreSQL; cut, it refuses new connections and breaks open ones; restored, it works. */
class TcpProxyTest {

    private static final PostgresProxyResource RESOURCE = new PostgresProxyResource();
    private static String url;

    @BeforeAll
    static void start() {
        RESOURCE.init(Map.of("database", "proxy_test"));
        url = RESOURCE.start().get("quarkus.datasource.jdbc.url");
    }

    @AfterAll
    static void stop() {
        RESOURCE.stop();
    }

    @Test
    void cutRefusesAndBreaksConnectionsAndRestoreBringsThemBack() throws Exception {
        TcpProxy proxy = proxyOf(url);
        try (Connection open = connect()) {
            assertThat(select(open)).isEqualTo(1);

            proxy.cut();
            assertThat(proxy.isCut()).isTrue();
            assertThatThrownBy(() -> select(open)).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("08"));
            assertThatThrownBy(TcpProxyTest::connect).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), proxy.port()).close())
                    .isInstanceOf(ConnectException.class);

            proxy.restore();
            try (Connection again = connect()) {
                assertThat(select(again)).isEqualTo(1);
            }
        }
    }

    private static TcpProxy proxyOf(String jdbcUrl) throws IOException {
        // The resource injects its proxy into annotated fields; here the test reads it the same way.
        Holder holder = new Holder();
        RESOURCE.inject(new FieldInjector(holder));
        assertThat(jdbcUrl).contains(":" + holder.proxy.port() + "/");
        return holder.proxy;
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(url + "?connectTimeout=5&socketTimeout=10", PostgresResource.username(),
                PostgresResource.password());
    }

    private static int select(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static final class Holder {
        @InjectDatabaseProxy
        TcpProxy proxy;
    }
}
