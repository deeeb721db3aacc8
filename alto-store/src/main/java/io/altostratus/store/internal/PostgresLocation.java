package io.altostratus.store.internal;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

/**
 * Where a PostgreSQL state store lives, parsed from {@code postgresql://user[:password]@host[:port]/database[?param=value&...]}
 * (libpq's URI form; {@code postgres://} too). The user name and password are percent-decoded; query parameters are
 * pgjdbc connection properties and win over the store's defaults (e.g. {@code ?sslmode=require}).
 *
 * @param jdbcUrl  the pgjdbc URL, without user or password
 * @param user     the role to log in as
 * @param password the password, or null (the server then needs another method: trust, peer, a .pgpass file)
 * @param display  the location as shown in messages and {@code /_alto/health}: the URL without its password
 */
record PostgresLocation(String jdbcUrl, String user, String password, String display) {

    private static final int DEFAULT_PORT = 5432;

    /** Whether {@code location} names a PostgreSQL server rather than a state directory. */
    static boolean isPostgresUrl(String location) {
        String lower = location.toLowerCase(Locale.ROOT);
        return lower.startsWith("postgresql://") || lower.startsWith("postgres://");
    }

    /**
     * @throws AltoException {@code INVALID_PARAMETER} ({@code StateStoreUrlInvalid}) when the URL lacks a user, a
     *         host or a database, or is not a URL
     */
    static PostgresLocation parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid(url, "not a URL (" + e.getReason() + "; percent-encode special characters in the password)");
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null || userInfo.isEmpty()) {
            throw invalid(url, "no user: write postgresql://USER@HOST/DATABASE");
        }
        int colon = userInfo.indexOf(':');
        String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
        String password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw invalid(url, "no host: write postgresql://USER@HOST[:PORT]/DATABASE");
        }
        String path = uri.getRawPath();
        String database = path == null ? "" : path.replaceFirst("^/", "");
        if (database.isEmpty() || database.contains("/")) {
            throw invalid(url, "no database: write postgresql://USER@HOST[:PORT]/DATABASE");
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        String hostPort = host + ":" + port;
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String jdbcUrl = "jdbc:postgresql://" + hostPort + "/" + database + query;
        String display = "postgresql://" + uri.getRawUserInfo().replaceFirst(":.*", "") + "@" + hostPort + "/"
                + database;
        return new PostgresLocation(jdbcUrl, user, password, display);
    }

    /** The connection properties: the login, and timeouts so that an unreachable server is an error, not a hang. */
    Properties properties() {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "5");
        props.setProperty("loginTimeout", "10");
        // No statement of the store runs long; a server that stops answering mid-statement must not hang a request.
        props.setProperty("socketTimeout", "30");
        props.setProperty("tcpKeepAlive", "true");
        // A commit's index keys go as a batch; rewritten as multi-row INSERTs, a hundred launches' keys are a few
        // statements instead of one round of parsing per key.
        props.setProperty("reWriteBatchedInserts", "true");
        props.setProperty("ApplicationName", "alto");
        return props;
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static AltoException invalid(String url, String why) {
        // The URL may hold a password: say what is wrong without echoing it.
        String shown = url.replaceFirst("(://[^:/@]*):[^@/]*@", "$1:***@");
        return new AltoException(ErrorCode.INVALID_PARAMETER, "StateStoreUrlInvalid",
                "bad PostgreSQL state store URL " + shown + ": " + why);
    }
}
