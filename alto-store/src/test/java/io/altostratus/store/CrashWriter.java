package io.altostratus.store;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The child process of {@link CrashTest}: writes to a store in a loop until it is killed, printing the number of
 * writes acknowledged so far after each {@code write} returns. Every write adds one entry and moves a counter and
 * two twin documents, all of which must agree after any crash.
 */
public final class CrashWriter {

    record Ledger(long entries) {
    }

    record Entry(long number, Instant at, List<String> padding) {
    }

    record Twin(long value) {
    }

    // A child left behind by a test JVM that died must still stop by itself.
    private static final long MAX_WRITES = 20_000;

    private CrashWriter() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        List<String> padding = List.of("x".repeat(1_000), "y".repeat(1_000), "z".repeat(1_000));
        try (StateStore store = StateStores.open(dir)) {
            for (long written = 0; written < MAX_WRITES; written++) {
                long total = store.write(tx -> {
                    long n = tx.get("ledger", "acct", "ledger", Ledger.class).map(Ledger::entries).orElse(0L);
                    tx.put("entry", "acct", "e-" + n, new Entry(n, Instant.now(), padding));
                    tx.put("twin", "acct", "left", new Twin(n + 1));
                    tx.put("twin", "acct", "right", new Twin(n + 1));
                    tx.put("ledger", "acct", "ledger", new Ledger(n + 1));
                    return n + 1;
                });
                System.out.println(total);
                System.out.flush();
            }
        }
    }
}
