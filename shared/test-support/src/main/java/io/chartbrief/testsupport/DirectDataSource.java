package io.chartbrief.testsupport;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Plain, unpooled connections straight to a test database of the running server ({@link PostgresResource}):
 * a test's own view of the data that does not go through the service's pool or a {@link TcpProxy}.
 */
public final class DirectDataSource implements DataSource {

    private final String url;

    private DirectDataSource(String url) {
        this.url = url;
    }

    /** Connections to {@code database} on the embedded (or external) server. */
    public static DataSource of(String database) {
        return new DirectDataSource(PostgresResource.jdbcUrl(database));
    }

    @Override
    public Connection getConnection() throws SQLException {
        return DriverManager.getConnection(url, PostgresResource.username(), PostgresResource.password());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return DriverManager.getConnection(url, username, password);
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
