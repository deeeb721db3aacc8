package io.altostratus.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The direct store's index contract on a SQLite file. */
class SqliteDirectIndexTest extends DirectIndexContractTest {

    @TempDir
    Path dir;

    @Override
    protected String location() {
        return dir.toString();
    }
}
