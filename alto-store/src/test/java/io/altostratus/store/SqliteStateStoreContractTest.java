package io.altostratus.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteStateStoreContractTest extends StateStoreContractTest {

    @TempDir
    Path dir;

    @Override
    protected StateStore newStore() {
        return StateStores.open(dir);
    }
}
