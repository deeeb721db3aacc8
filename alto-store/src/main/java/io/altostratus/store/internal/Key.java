package io.altostratus.store.internal;

import java.util.Objects;

/** Where a document lives: its kind, the account that owns it, and its id within both. */
record Key(String kind, String account, String id) {

    Key {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(id, "id");
    }

    @Override
    public String toString() {
        return kind + "/" + account + "/" + id;
    }
}
