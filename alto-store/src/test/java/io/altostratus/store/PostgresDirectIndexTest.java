package io.altostratus.store;

/** The direct store's index contract on PostgreSQL (a fresh database per test). */
class PostgresDirectIndexTest extends DirectIndexContractTest {

    private String url;

    @Override
    protected String location() {
        if (url == null) {
            url = SharedPostgres.newDatabase();
        }
        return url;
    }
}
