package io.altostratus.catalog.internal.shipped;

import java.util.function.Supplier;

/** A value computed on first use, once, and kept; safe for concurrent use. */
public final class Lazy<T> {
    private final Supplier<T> compute;
    private volatile T value;

    public Lazy(Supplier<T> compute) {
        this.compute = compute;
    }

    public T get() {
        T local = value;
        if (local == null) {
            synchronized (this) {
                local = value;
                if (local == null) {
                    local = compute.get();
                    value = local;
                }
            }
        }
        return local;
    }
}
