package io.altostratus.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.store.Documents.Named;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The store contract on a direct store, and what sharing the state with a mirrored store adds. Run on each database
 * ({@link SqliteDirectStoreContractTest}, {@link PostgresDirectStoreContractTest}).
 */
abstract class DirectStoreContractTest extends StateStoreContractTest {

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

    @Override
    protected boolean mirrorsDocuments() {
        return false;
    }

    @Test
    void aMirroredStoreAndADirectOneOnTheSameDirectorySeeEachOthersWrites() {
        try (StateStore mirrored = openMirrored()) {
            mirrored.write(tx -> {
                tx.put("n", "a", "1", new Named("from the mirror"));
                return null;
            });
            Optional<Named> seen = store.read(v -> v.get("n", "a", "1", Named.class));
            assertThat(seen).contains(new Named("from the mirror"));

            store.write(tx -> {
                tx.put("n", "a", "2", new Named("direct"));
                tx.delete("n", "a", "1");
                return null;
            });
            List<Named> listed = mirrored.read(v -> v.list("n", "a", Named.class));
            assertThat(listed).containsExactly(new Named("direct"));
            assertThat(mirrored.read(StateView::revision)).isEqualTo(store.read(StateView::revision));
        }
    }

    @Test
    void aDocumentDeletedAndPutAgainInOneTransactionKeepsItsPlace() {
        store.write(tx -> {
            tx.put("n", "a", "1", new Named("one"));
            tx.put("n", "a", "2", new Named("two"));
            return null;
        });
        store.write(tx -> {
            tx.delete("n", "a", "1");
            tx.put("n", "a", "1", new Named("one again"));
            return null;
        });

        List<Named> listed = store.read(v -> v.list("n", "a", Named.class));
        assertThat(listed).containsExactly(new Named("one again"), new Named("two"));
    }
}
