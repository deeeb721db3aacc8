package io.altostratus.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the direct SQLite store. */
class SqliteDirectStoreContractTest extends DirectStoreContractTest {

    @TempDir
    Path dir;

    @Override
    protected String location() {
        return dir.toString();
    }
}
