package io.altostratus.store;

import io.altostratus.testkit.ThrowawayPostgres;

/**
 * One throwaway PostgreSQL cluster for the store tests of this JVM that only need a fresh database each (a cluster
 * costs seconds to make): started on first use, stopped and deleted by its own shutdown hook when the JVM exits.
 * Tests that stop or crash the server make their own cluster instead. Aborts the calling test, saying what to
 * install, when PostgreSQL is absent.
 */
final class SharedPostgres {

    private static ThrowawayPostgres cluster;

    private SharedPostgres() {
    }

    /** The URL of a new, empty database. */
    static synchronized String newDatabase() {
        if (cluster == null) {
            cluster = ThrowawayPostgres.start();
        }
        return cluster.url(cluster.createDatabase());
    }

    /** Runs SQL through psql in the database {@code url} names (one {@link #newDatabase} gave); returns its output. */
    static synchronized String psql(String url, String sql) {
        return cluster.psql(url.substring(url.lastIndexOf('/') + 1), sql);
    }
}
