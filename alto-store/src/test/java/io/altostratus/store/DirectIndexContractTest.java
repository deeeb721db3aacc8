package io.altostratus.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.store.Documents.Machine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The index contract for a direct store, whose lookups are queries on the keys persisted with the documents, and how
 * those keys stay right when mirrored and direct processes, or builds that file differently, share the state. Run on
 * each database ({@link SqliteDirectIndexTest}, {@link PostgresDirectIndexTest}).
 */
abstract class DirectIndexContractTest extends IndexContractTest {

    private static final List<String> KEYS = List.of("team=web", "team=db", "env=prod");

    /** Where the test's state lives (a directory or a database URL): the same for every call in one test. */
    protected abstract String location();

    /** A direct store on the test's state; the first is the test's store, the others stand for other processes. */
    protected StateStore openDirect() {
        return StateStores.openDirect(location());
    }

    /** A mirrored store on the test's state. */
    protected StateStore openMirrored() {
        return StateStores.open(location());
    }

    @Override
    protected StateStore newStore() {
        return openDirect();
    }

    @Test
    void keysAMirroredStoreCommitsAreWhatADirectStoreLooksUp() {
        try (StateStore mirrored = openMirrored()) {
            registerTagIndex(mirrored);
            put(mirrored, "a", "m-1", Map.of("team", "web"));
            put(mirrored, "a", "m-2", Map.of("team", "web", "env", "prod"));
            put(mirrored, "a", "m-1", Map.of("team", "db"));
            mirrored.write(tx -> {
                tx.delete(KIND, "a", "m-2");
                tx.put(KIND, "a", "m-3", tagged("m-3", Map.of("env", "prod")));
                return null;
            });

            assertThat(lookup(store, "a", "team=web")).isEmpty();
            assertThat(lookup(store, "a", "team=db")).containsExactly("m-1");
            assertThat(everyLookup(store, "a", KEYS)).isEqualTo(everyScan(mirrored, "a", KEYS));

            // And what the direct store commits, the mirrored one files.
            put(store, "a", "m-4", Map.of("team", "web"));
            assertThat(lookup(mirrored, "a", "team=web")).containsExactly("m-4");
        }
    }

    @Test
    void aRestartedMirroredStoreFilesItsIndexFromThePersistedKeys() {
        put(store, "a", "m-1", Map.of("team", "web"));
        put(store, "a", "m-2", Map.of("team", "db", "env", "prod"));
        try (StateStore mirrored = openMirrored()) {
            registerTagIndex(mirrored);
            assertThat(everyLookup(mirrored, "a", KEYS)).isEqualTo(everyScan(mirrored, "a", KEYS));
            put(mirrored, "a", "m-2", Map.of("team", "web"));
            assertThat(lookup(mirrored, "a", "team=web")).containsExactly("m-1", "m-2");
            assertThat(lookup(store, "a", "env=prod")).isEmpty();
        }
    }

    @Test
    void aProcessThatDoesNotKnowAnIndexDropsItAndTheNextRegistrationFilesItAgain() {
        put(store, "a", "m-1", Map.of("team", "web"));
        try (StateStore unaware = openDirect()) {
            // This process never registered the index, so it cannot keep the file's keys right for this change.
            put(unaware, "a", "m-1", Map.of("team", "db"));
        }
        // Still right (read the slow way, from the documents) while the file lacks the index...
        assertThat(lookup(store, "a", "team=db")).containsExactly("m-1");
        assertThat(lookup(store, "a", "team=web")).isEmpty();
        // ...and filed again by the next registration.
        try (StateStore next = openDirect()) {
            registerTagIndex(next);
            assertThat(lookup(next, "a", "team=db")).containsExactly("m-1");
            assertThat(everyLookup(next, "a", KEYS)).isEqualTo(everyScan(next, "a", KEYS));
        }
    }

    @Test
    void aNewVersionOfAnIndexRefilesEveryDocument() {
        put(store, "a", "m-1", Map.of("team", "web"));
        try (StateStore upgraded = openDirect()) {
            // Version 2 files by tag key only.
            upgraded.index(KIND, BY_TAG, 2, Machine.class, m -> List.copyOf(m.tags().keySet()));
            List<String> byKey = upgraded.read(v -> v.lookup(KIND, "a", BY_TAG, "team"));
            List<String> byOldKey = upgraded.read(v -> v.lookup(KIND, "a", BY_TAG, "team=web"));
            assertThat(byKey).containsExactly("m-1");
            assertThat(byOldKey).isEmpty();
        }
    }

    @Test
    void pagesOfALookupWalkThePersistedKeysInIdOrderAcrossChunks() {
        store.write(tx -> {
            for (int i = 0; i < 1_300; i++) {
                String id = String.format("m-%05d", 1_300 - i);
                tx.put(KIND, "a", id, tagged(id, Map.of("team", i % 2 == 0 ? "web" : "db")));
            }
            return null;
        });

        List<String> walked = store.read(v -> {
            List<String> ids = new java.util.ArrayList<>();
            v.lookupFrom(KIND, "a", BY_TAG, List.of("team=web", "team=db"), "m-00100").forEachRemaining(ids::add);
            return ids;
        });

        assertThat(walked).hasSize(1_200).isSorted();
        assertThat(walked.get(0)).isEqualTo("m-00101");
        int size = store.read(v -> v.lookupSize(KIND, "a", BY_TAG, List.of("team=web")));
        assertThat(size).isEqualTo(650);
    }

    @Test
    void keysHoldingNulAndBackslashesStayDistinctAndReadBackAsFiled() {
        // Index keys join their parts with U+0000, which PostgreSQL text cannot hold: the stored form must not let
        // two keys meet, and a mirror filing from the stored keys must get the keys themselves back.
        Map<String, String> keys = Map.of("m-1", "tag\0a", "m-2", "tag\\0a", "m-3", "tag\\\0a", "m-4", "tag\\");
        store.index(KIND, "raw", Machine.class, m -> List.of(keys.get(m.name())));
        keys.keySet().forEach(id -> put(store, "a", id, Map.of()));

        try (StateStore mirrored = openMirrored()) {
            mirrored.index(KIND, "raw", Machine.class, m -> List.of(keys.get(m.name())));
            for (Map.Entry<String, String> e : keys.entrySet()) {
                List<String> direct = store.read(v -> v.lookup(KIND, "a", "raw", e.getValue()));
                List<String> fromMirror = mirrored.read(v -> v.lookup(KIND, "a", "raw", e.getValue()));
                assertThat(direct).as("direct %s", e.getValue()).containsExactly(e.getKey());
                assertThat(fromMirror).as("mirrored %s", e.getValue()).containsExactly(e.getKey());
            }
        }
    }
}
