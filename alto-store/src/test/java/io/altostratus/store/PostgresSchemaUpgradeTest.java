package io.altostratus.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.core.error.AltoException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A database an older alto made (schema 1: documents and meta only, ids in the database's collation) is upgraded in
 * place by whichever store opens it first, and its documents are filed when an index is registered; a newer schema
 * is refused.
 */
class PostgresSchemaUpgradeTest {

    /** The tables as schema 1 made them (alto before the persisted index keys). */
    private static final List<String> SCHEMA_ONE = List.of("""
            CREATE TABLE alto_documents (
              seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
              kind TEXT NOT NULL,
              account TEXT NOT NULL,
              id TEXT NOT NULL,
              json TEXT,
              revision BIGINT NOT NULL,
              UNIQUE (kind, account, id))""",
            "CREATE INDEX alto_documents_by_revision ON alto_documents (revision)",
            "CREATE TABLE alto_meta (name TEXT PRIMARY KEY, value BIGINT NOT NULL)",
            "INSERT INTO alto_meta (name, value) VALUES ('schema_version', 1), ('revision', 2),"
                    + " ('tombstones_purged_through', 0)");

    @Test
    void aSchemaOneDatabaseIsUpgradedAndItsDocumentsFiledWhenTheIndexIsRegistered() throws SQLException {
        String url = SharedPostgres.newDatabase();
        sql(url, SCHEMA_ONE);
        sql(url, List.of(row("m-1", "web", 1), row("m-2", "db", 2), row("m-3", "web", 2)));

        try (StateStore direct = StateStores.openDirect(url)) {
            IndexContractTest.registerTagIndex(direct);
            assertThat(IndexContractTest.lookup(direct, "a", "team=web")).containsExactly("m-1", "m-3");
            assertThat(direct.read(StateView::revision)).isEqualTo(2);
            IndexContractTest.put(direct, "a", "m-4", Map.of("team", "web"));
        }
        try (StateStore mirrored = StateStores.open(url)) {
            IndexContractTest.registerTagIndex(mirrored);
            assertThat(IndexContractTest.lookup(mirrored, "a", "team=web")).containsExactly("m-1", "m-3", "m-4");
        }
        assertThat(rows(url, "SELECT value FROM alto_meta WHERE name = 'schema_version'")).containsExactly("2");
        assertThat(rows(url, "SELECT k.key || ' ' || k.id FROM alto_doc_keys k ORDER BY k.id"))
                .containsExactly("team=web m-1", "team=db m-2", "team=web m-3", "team=web m-4");
        assertThat(rows(url, "SELECT collation_name FROM information_schema.columns"
                + " WHERE table_name = 'alto_documents' AND column_name = 'id'")).containsExactly("C");
    }

    @Test
    void aDatabaseOfANewerSchemaIsRefusedByEveryKindOfStore() throws SQLException {
        String url = SharedPostgres.newDatabase();
        try (StateStore store = StateStores.open(url)) {
            store.read(StateView::revision);
        }
        sql(url, List.of("UPDATE alto_meta SET value = 99 WHERE name = 'schema_version'"));

        for (String kind : List.of("mirrored", "direct", "serving")) {
            AltoException refused = catchThrowableOfType(AltoException.class, () -> {
                try (StateStore store = switch (kind) {
                    case "mirrored" -> StateStores.open(url);
                    case "direct" -> StateStores.openDirect(url);
                    default -> StateStores.openServing(url);
                }) {
                    store.read(StateView::revision);
                }
            });
            assertThat(refused).as(kind).isNotNull();
            assertThat(refused.providerCode()).as(kind).isEqualTo("StateSchemaMismatch");
            assertThat(refused.getMessage()).as(kind).contains("newer alto", "99");
        }
    }

    /** A machine as schema 1 stored it: its JSON, stamped with the revision that wrote it. */
    private static String row(String id, String team, int revision) {
        String json = "{\"name\":\"" + id + "\",\"size\":\"SMALL\",\"disks\":[],\"tags\":{\"team\":\"" + team
                + "\"},\"notes\":[]}";
        return "INSERT INTO alto_documents (kind, account, id, json, revision) VALUES ('" + IndexContractTest.KIND
                + "', 'a', '" + id + "', '" + json + "', " + revision + ")";
    }

    private static Connection connect(String url) throws SQLException {
        // postgresql://USER@HOST:PORT/DB, as ThrowawayPostgres gives it (no password on loopback).
        String user = url.substring("postgresql://".length(), url.indexOf('@'));
        return DriverManager.getConnection("jdbc:postgresql://" + url.substring(url.indexOf('@') + 1), user, "");
    }

    private static void sql(String url, List<String> statements) throws SQLException {
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static List<String> rows(String url, String query) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = connect(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
