package io.altostratus.store;

/**
 * The inside of a write transaction: reads see the latest committed state plus this transaction's own writes.
 * Nothing is visible to others, or durable, until the transaction function returns normally.
 */
public interface StateTx extends StateView {

    /** Inserts or replaces a document. */
    void put(String kind, String account, String id, Object document);

    /** Removes a document; removing one that is not there does nothing. */
    void delete(String kind, String account, String id);
}
