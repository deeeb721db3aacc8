package io.altostratus.store;

import java.util.Collection;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Durable state behind a small interface: mirrored in memory, so reads never touch the disk unless another writer
 * (thread or process) changed something since the last read, or, for short-lived processes, read straight from the
 * file or database with indexed queries ({@link StateStores#openDirect}).
 *
 * <p>Guarantees every implementation gives:
 * <ul>
 *   <li>{@link #write} is serialised across threads and across processes sharing the same state; the function
 *       sees the latest committed state; when {@code write} returns, the change is durable (on disk, synced);
 *       when the function throws, nothing it did is kept and the exception propagates unchanged.</li>
 *   <li>{@link #read} sees every write committed before it started, by any process.</li>
 *   <li>A process killed at any point leaves the store openable, holding exactly the writes that returned
 *       (plus possibly the one in flight, whole or not at all).</li>
 * </ul>
 *
 * <p>A {@code read} nested in another {@code read} on the same thread sees the outer read's snapshot; a {@code write}
 * inside a {@code read} is refused (it could deadlock against the reader's own lock). Keep reader functions short:
 * a commit becomes visible in memory only after the reads running at that moment finish.
 */
public interface StateStore extends AutoCloseable {

    <T> T read(Function<StateView, T> reader);

    <T> T write(Function<StateTx, T> writer);

    /**
     * Keeps a secondary index, in memory, over the documents of {@code kind}: every document is decoded as
     * {@code type} and filed under each key {@code keys} gives for it, so that {@link StateView#lookup} finds the
     * documents under a key without reading the others. The index follows every change this store applies, its own
     * commits and those pulled from other processes alike, and is built from the current documents when registered;
     * a write transaction's lookups also see its own uncommitted puts and deletes.
     *
     * <p>Register indexes when the store is opened (each process that shares the state registers its own). Registering
     * a name that already exists for the kind keeps the first definition, so every session on a shared store may
     * register the indexes it relies on. A document that cannot be decoded as {@code type}, or for which {@code keys}
     * throws, is filed under no key. {@code keys} must be a pure function of the document: it is called under the
     * store's locks.
     *
     * <p>A durable store also keeps each index's keys with the documents, written by whichever process commits, so
     * that a process that does not mirror the documents (see {@link StateStores#openDirect}) answers lookups and pages
     * without reading the others, and a restart files documents without decoding them. Persisted keys are trusted
     * only by a registration of the same name and {@code version}: give a higher version whenever {@code keys}
     * changes what it files. A process that commits documents of a kind whose persisted index it does not know
     * drops that index from the file (it cannot keep it right); the next registration fills it again.
     *
     * @throws IllegalStateException when called inside a read function of this store
     */
    <T> void index(String kind, String name, int version, Class<T> type,
                   Function<? super T, ? extends Collection<String>> keys);

    /** {@link #index(String, String, int, Class, Function)} at version 1. */
    default <T> void index(String kind, String name, Class<T> type,
                           Function<? super T, ? extends Collection<String>> keys) {
        index(kind, name, 1, type, keys);
    }

    /**
     * Removes every document whose kind {@code kinds} accepts, in every account, as one write transaction with the
     * guarantees of {@link #write}: durable when this returns, seen by every later read of any process sharing the
     * state, all or nothing. Documents of other kinds are untouched. This is how a server wipes what its clients
     * made (a test suite's reset) while keeping its own configuration, such as credentials.
     *
     * @param kinds which kinds to empty; called once per kind present, under the store's lock, so keep it cheap
     * @return how many documents were removed
     */
    int clear(Predicate<String> kinds);

    /** Where the state lives, for messages ({@code memory} or the file path). */
    String location();

    @Override
    void close();
}
