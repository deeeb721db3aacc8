package io.altostratus.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.store.Documents.Named;
import io.altostratus.store.internal.WarmingStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract for a server's store, which serves from the file and then, once loaded, from memory. */
class WarmingStoreContractTest extends StateStoreContractTest {

    @TempDir
    Path dir;

    @Override
    protected StateStore newStore() {
        return StateStores.openServing(dir);
    }

    @Override
    protected boolean mirrorsDocuments() {
        return false; // it does once warm, but a test cannot know which side answered
    }

    @Test
    void whatWasWrittenBeforeTheMirrorTookOverIsThereAfterAndIndexesFromBothSidesAnswer() throws Exception {
        store.close();
        try (StateStore seed = StateStores.open(dir)) {
            seed.write(tx -> {
                for (int i = 0; i < 2_000; i++) {
                    tx.put("n", "a", String.format("%05d", i), new Named(i % 2 == 0 ? "even" : "odd"));
                }
                return null;
            });
        }
        store = StateStores.openServing(dir);
        WarmingStore warming = (WarmingStore) store;
        store.index("n", "name", Named.class, n -> List.of(n.name()));
        store.write(tx -> {
            tx.put("n", "a", "new", new Named("even"));
            return null;
        });

        assertThat(warming.awaitWarm(60_000)).as("warm-up failure: %s", warming.warmUpFailure()).isTrue();
        store.index("n", "late", Named.class, n -> List.of(n.name().substring(0, 1)));

        List<String> even = store.read(v -> v.lookup("n", "a", "name", "even"));
        List<String> late = store.read(v -> v.lookup("n", "a", "late", "o"));
        assertThat(even).hasSize(1_001).contains("new");
        assertThat(late).hasSize(1_000);
        int count = store.read(v -> v.count("n", "a"));
        assertThat(count).isEqualTo(2_001);
    }
}
