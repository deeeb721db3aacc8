package io.altostratus.store.internal;

/**
 * Where the two SQL stores' schemas differ: the tables' names (PostgreSQL's carry an {@code alto_} prefix, since they
 * share a database's schema with whatever else lives there) and the column types of the tables both create. The
 * statements the stores run are otherwise the same text on SQLite and PostgreSQL.
 *
 * @param documents the documents table
 * @param meta      the meta table (schema version, revision, purge mark)
 * @param indexes   the persisted indexes' names ({@link PersistedIndexes})
 * @param keys      the persisted indexes' keys
 * @param serial    the column type of a number the database hands out on insert
 * @param text      the type of a text column compared and ordered as pages walk it: by code point, whatever the
 *                  database's locale says (PostgreSQL sorts by the locale unless told otherwise)
 * @param keysTable what follows the keys table's definition
 * @param textHoldsNul whether a text value may hold the character U+0000 (PostgreSQL refuses it, and index keys
 *                     use it as a separator)
 */
record SqlDialect(String documents, String meta, String indexes, String keys, String serial, String text,
                  String keysTable, boolean textHoldsNul) {

    static final SqlDialect SQLITE = new SqlDialect("documents", "meta", "doc_indexes", "doc_keys",
            "INTEGER PRIMARY KEY", "TEXT", " WITHOUT ROWID", true);

    static final SqlDialect POSTGRES = new SqlDialect("alto_documents", "alto_meta", "alto_doc_indexes",
            "alto_doc_keys", "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "TEXT COLLATE \"C\"", "", false);

    /**
     * An index key as the keys table stores it: as it is where text may hold U+0000, else with that character
     * written {@code \0} and a backslash {@code \\}, which keeps distinct keys distinct ({@link #indexKey} reads it
     * back).
     */
    String storedKey(String key) {
        if (textHoldsNul || (key.indexOf('\0') < 0 && key.indexOf('\\') < 0)) {
            return key;
        }
        return key.replace("\\", "\\\\").replace("\0", "\\0");
    }

    /** The index key {@link #storedKey} stored as {@code stored}. */
    String indexKey(String stored) {
        if (textHoldsNul || stored.indexOf('\\') < 0) {
            return stored;
        }
        StringBuilder key = new StringBuilder(stored.length());
        for (int i = 0; i < stored.length(); i++) {
            char c = stored.charAt(i);
            if (c == '\\' && i + 1 < stored.length()) {
                char next = stored.charAt(++i);
                key.append(next == '0' ? '\0' : next);
            } else {
                key.append(c);
            }
        }
        return key.toString();
    }

    /** Counts a kind's live documents without reading them (a count otherwise visits every row for its json). */
    String liveIndex() {
        return "CREATE INDEX IF NOT EXISTS " + documents + "_live ON " + documents
                + " (kind, account) WHERE json IS NOT NULL";
    }
}
