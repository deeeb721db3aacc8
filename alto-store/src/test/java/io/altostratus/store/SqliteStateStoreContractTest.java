package io.altostratus.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.store.Documents.Named;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStateStoreContractTest extends StateStoreContractTest {

    @TempDir
    Path dir;

    @Override
    protected StateStore newStore() {
        return StateStores.open(dir);
    }

    @Test
    void aClearIsDurableAndSeenByAnotherStoreOnTheSameDirectory() {
        store.write(tx -> {
            tx.put("instance", "acct", "i-1", new Named("one"));
            tx.put("key", "_system", "k", new Named("key"));
            return null;
        });
        try (StateStore other = StateStores.open(dir)) {
            // The other store has read the document, so its mirror must learn of the deletion, not just start empty.
            assertThat(get(other, "instance", "acct", "i-1")).isPresent();

            store.clear(kind -> kind.equals("instance"));

            assertThat(get(other, "instance", "acct", "i-1")).isEmpty();
            assertThat(get(other, "key", "_system", "k")).isPresent();
        }
        store.close();
        try (StateStore reopened = StateStores.open(dir)) {
            assertThat(list(reopened, "instance", "acct")).isEmpty();
            assertThat(list(reopened, "key", "_system")).hasSize(1);
        }
        store = StateStores.open(dir);
    }

    private static Optional<Named> get(StateStore from, String kind, String account, String id) {
        return from.read(v -> v.get(kind, account, id, Named.class));
    }

    private static List<Named> list(StateStore from, String kind, String account) {
        return from.read(v -> v.list(kind, account, Named.class));
    }
}
