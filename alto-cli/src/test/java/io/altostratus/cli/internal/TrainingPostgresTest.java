package io.altostratus.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingPostgresTest {

    @Test
    void theDriverOpensAStoreOnTheStandInAndReadsItsMadeUpRows() throws Exception {
        try (TrainingPostgres server = TrainingPostgres.start();
             StateStore store = StateStores.openDirect(server.url())) {
            store.index("training", "all", 1, Map.class, document -> List.of("all"));
            for (int i = 0; i < 7; i++) { // past the driver's switch to named, binary statements (the fifth use)
                List<Object> read = store.read(view -> List.of(view.count("training", "a"),
                        view.get("training", "a", "training-1", Map.class).orElseThrow(),
                        view.lookup("training", "a", "all", "all"),
                        view.getAll("training", "a", List.of("training-1"), Map.class)));

                assertThat(read).containsExactly(2, Map.of(), List.of("training-1"), List.of(Map.of()));
            }
        }
    }

    @Test
    void columnsAreTypedByTheirNames() {
        assertThat(TrainingPostgres.columns("SELECT d.seq, k.id FROM alto_doc_keys k JOIN alto_documents d ON x"))
                .containsExactly(20, 25);
        assertThat(TrainingPostgres.columns("SELECT to_regclass($1) IS NOT NULL")).containsExactly(16);
        assertThat(TrainingPostgres.columns("SELECT count(*) FROM alto_doc_keys WHERE ix = $1")).containsExactly(20);
        assertThat(TrainingPostgres.columns("INSERT INTO t (a) VALUES ($1) RETURNING ix")).containsExactly(20);
        assertThat(TrainingPostgres.columns("SET synchronous_commit = on")).isEmpty();
    }
}
