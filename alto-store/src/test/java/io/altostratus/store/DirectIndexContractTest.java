package io.altostratus.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.store.Documents.Machine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index contract for the direct store, whose lookups are queries on the keys persisted in the file, and how
 * those keys stay right when mirrored and direct processes, or builds that file differently, share the file.
 */
class SqliteDirectIndexTest extends IndexContractTest {

    private static final List<String> KEYS = List.of("team=web", "team=db", "env=prod");

    @TempDir
    Path dir;

    @Override
    protected StateStore newStore() {
        return StateStores.openDirect(dir);
    }

    @Test
    void keysAMirroredStoreCommitsAreWhatADirectStoreLooksUp() {
        try (StateStore mirrored = StateStores.open(dir)) {
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
        try (StateStore mirrored = StateStores.open(dir)) {
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
        try (StateStore unaware = StateStores.openDirect(dir)) {
            // This process never registered the index, so it cannot keep the file's keys right for this change.
            put(unaware, "a", "m-1", Map.of("team", "db"));
        }
        // Still right (read the slow way, from the documents) while the file lacks the index...
        assertThat(lookup(store, "a", "team=db")).containsExactly("m-1");
        assertThat(lookup(store, "a", "team=web")).isEmpty();
        // ...and filed again by the next registration.
        try (StateStore next = StateStores.openDirect(dir)) {
            registerTagIndex(next);
            assertThat(lookup(next, "a", "team=db")).containsExactly("m-1");
            assertThat(everyLookup(next, "a", KEYS)).isEqualTo(everyScan(next, "a", KEYS));
        }
    }

    @Test
    void aNewVersionOfAnIndexRefilesEveryDocument() {
        put(store, "a", "m-1", Map.of("team", "web"));
        try (StateStore upgraded = StateStores.openDirect(dir)) {
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
}
