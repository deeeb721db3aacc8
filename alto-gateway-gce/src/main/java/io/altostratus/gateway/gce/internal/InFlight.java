package io.altostratus.gateway.gce.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Backend questions that requests ask at the same moment, asked once: a caller that finds the same question already
 * on its way to the backend waits for that answer instead of asking again. Nothing is kept once the answer is in, so
 * no answer is older than the call that fetched it. (A catalog refresh asks {@code machineTypes.list} of every zone at
 * once; the zones of one region then share one instance-type call and one offerings call.)
 */
final class InFlight<K, V> {
    private final ConcurrentHashMap<K, CompletableFuture<V>> running = new ConcurrentHashMap<>();

    /** The answer of {@code call}, or of the same question (by {@code key}) already being asked; failures alike. */
    V ask(K key, Supplier<V> call) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> theirs = running.putIfAbsent(key, mine);
        if (theirs != null) {
            try {
                return theirs.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }
        try {
            V answer = call.get();
            mine.complete(answer);
            return answer;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            running.remove(key, mine);
        }
    }
}
