package io.altostratus.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.Driver;
import org.postgresql.jdbc.PgConnection;
import org.postgresql.util.HostSpec;

/**
 * Opens pgjdbc connections without {@link Driver#connect}: that method's first call looks for a
 * {@code driverconfig.properties} on the class path, which opens every jar of it (154 in the CLI, about 0.1 s of the
 * 0.45 s an `alto ls` on PostgreSQL took), to read defaults nobody sets. The URL and properties are parsed by the
 * driver's own {@link Driver#parseURL} and the connection made by the constructor the driver calls, so every
 * connection property works as through the driver, except {@code loginTimeout}, which only the driver's connect
 * thread applies: a server that accepts and never answers is bounded by {@code connectTimeout} and
 * {@code socketTimeout} instead.
 */
final class PostgresConnections {

    private PostgresConnections() {
    }

    static Connection open(PostgresLocation location) throws SQLException {
        Properties props = Driver.parseURL(location.jdbcUrl(), location.properties());
        if (props == null) {
            throw new SQLException("the PostgreSQL driver does not take " + location.display(), "08001");
        }
        String[] hosts = props.getProperty("PGHOST", "localhost").split(",");
        String[] ports = props.getProperty("PGPORT", "5432").split(",");
        String local = props.getProperty("localSocketAddress");
        HostSpec[] specs = new HostSpec[hosts.length];
        for (int i = 0; i < hosts.length; i++) {
            specs[i] = new HostSpec(hosts[i], Integer.parseInt(ports[i]), local);
        }
        return new PgConnection(specs, props, location.jdbcUrl());
    }
}
