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
 * connection property works as through the driver. {@code loginTimeout}, which the driver applies by waiting on a
 * thread of its own, is applied here as the socket's read timeout while logging in (a server that accepts and never
 * answers fails within it), and {@code socketTimeout} from then on.
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
        int login = seconds(props, "loginTimeout");
        int socket = seconds(props, "socketTimeout");
        boolean loginBound = login > 0 && (socket == 0 || login < socket);
        if (loginBound) {
            props.setProperty("socketTimeout", Integer.toString(login));
        }
        PgConnection connection = new PgConnection(specs, props, location.jdbcUrl());
        if (loginBound) {
            try {
                connection.setNetworkTimeout(Runnable::run, socket * 1000);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        }
        return connection;
    }

    /** A timeout property in seconds, as pgjdbc reads it (0, no timeout, when absent or not a number). */
    private static int seconds(Properties props, String name) {
        try {
            return Math.max(0, Integer.parseInt(props.getProperty(name, "0").trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
