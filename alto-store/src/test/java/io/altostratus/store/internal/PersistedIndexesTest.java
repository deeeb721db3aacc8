package io.altostratus.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the file holds for the persisted index keys, and how an older file gets them. */
class PersistedIndexesTest {

    record Tagged(String name, String team) {
    }

    @TempDir
    Path dir;

    @Test
    void everyCommitKeepsTheFilesKeysEqualToWhatTheKeyFunctionGives() throws SQLException {
        try (StateStore mirrored = StateStores.open(dir); StateStore direct = StateStores.openDirect(dir)) {
            register(mirrored);
            register(direct);
            put(mirrored, "1", new Tagged("one", "web"));
            put(direct, "2", new Tagged("two", "web"));
            put(mirrored, "2", new Tagged("two", "db"));
            direct.write(tx -> {
                tx.delete("t", "a", "1");
                return null;
            });
        }

        assertThat(rows("SELECT k.key || ' ' || k.id FROM doc_keys k JOIN doc_indexes i ON i.ix = k.ix"
                + " WHERE i.kind = 't' AND i.name = 'team' AND i.version = 1"))
                .containsExactly("db 2");
    }

    @Test
    void aSchemaOneFileIsUpgradedAndItsDocumentsFiledWhenTheIndexIsRegistered() throws SQLException {
        try (StateStore store = StateStores.open(dir)) {
            put(store, "1", new Tagged("one", "web"));
        }
        sql("DROP TABLE doc_keys");
        sql("DROP TABLE doc_indexes");
        sql("UPDATE meta SET value = 1 WHERE name = 'schema_version'");

        try (StateStore direct = StateStores.openDirect(dir)) {
            register(direct);
            List<String> web = direct.read(v -> v.lookup("t", "a", "team", "web"));
            assertThat(web).containsExactly("1");
        }
        assertThat(rows("SELECT value FROM meta WHERE name = 'schema_version'")).containsExactly("2");
        assertThat(rows("SELECT key || ' ' || id FROM doc_keys")).containsExactly("web 1");
    }

    private static void register(StateStore store) {
        store.index("t", "team", Tagged.class, t -> List.of(t.team()));
    }

    private static void put(StateStore store, String id, Tagged doc) {
        store.write(tx -> {
            tx.put("t", "a", id, doc);
            return null;
        });
    }

    private List<String> rows(String query) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(StateStores.FILE_NAME));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(StateStores.FILE_NAME));
             Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
