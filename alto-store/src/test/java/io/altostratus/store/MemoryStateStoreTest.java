package io.altostratus.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemoryStateStoreTest extends StateStoreContractTest {

    @Override
    protected StateStore newStore() {
        return StateStores.inMemory();
    }

    @Test
    void saysItLivesInMemory() {
        assertThat(store.location()).isEqualTo("memory");
    }
}
