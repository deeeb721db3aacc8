package io.altostratus.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The index contract on a server's store, which answers from the file and then, once loaded, from memory. */
class WarmingIndexTest extends IndexContractTest {

    @TempDir
    Path dir;

    @Override
    protected StateStore newStore() {
        return StateStores.openServing(dir);
    }
}
