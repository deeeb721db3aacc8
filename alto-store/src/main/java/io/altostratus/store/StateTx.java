package io.altostratus.store;

/**
 * The inside of a write transaction: reads see the latest committed state plus this transaction's own writes.
 * Nothing is visible to others, or durable, until the transaction function returns normally.
 */
public interface StateTx extends StateView {

    /**
     * Inserts or replaces a document. Its JSON is taken now; a record is also kept as it is and handed back to reads
     * of its own class in this process, so a record put must not change afterwards (copy mutable collections in its
     * constructor, as the model records do).
     */
    void put(String kind, String account, String id, Object document);

    /** Removes a document; removing one that is not there does nothing. */
    void delete(String kind, String account, String id);
}
