package io.altostratus.store;

class MemoryIndexTest extends IndexContractTest {

    @Override
    protected StateStore newStore() {
        return StateStores.inMemory();
    }
}
