package io.altostratus.store;

/** The contract for a server's PostgreSQL store, which serves with queries and then, once loaded, from memory. */
class PostgresWarmingStoreContractTest extends StateStoreContractTest {

    @Override
    protected StateStore newStore() {
        return StateStores.openServing(SharedPostgres.newDatabase());
    }

    @Override
    protected boolean mirrorsDocuments() {
        return false; // it does once warm, but a test cannot know which side answered
    }
}
