package io.altostratus.store;

/** The index contract on a server's PostgreSQL store, which answers with queries and then, once loaded, from memory. */
class PostgresWarmingIndexTest extends IndexContractTest {

    @Override
    protected StateStore newStore() {
        return StateStores.openServing(SharedPostgres.newDatabase());
    }
}
