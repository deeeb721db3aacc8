package io.altostratus.lambda;

import io.altostratus.catalog.CatalogSnapshot;
import io.altostratus.catalog.refresh.CatalogRefresher;
import io.altostratus.core.wait.Retrier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The lambda catalog refresh: one call to Lambda's instance-types, mapped by {@link LambdaCatalogMapping}. Nothing is
 * carried over from another catalog, since alto ships none for Lambda: the snapshot is the API's answer alone.
 */
final class LambdaCatalogRefresher implements CatalogRefresher {
    private final LambdaApi api;
    private final Retrier retrier;
    private final Clock clock;

    /** @param retrier repeats the call on 429, 5xx or no answer (with {@link LambdaErrors#FAILURES}) */
    LambdaCatalogRefresher(LambdaApi api, Retrier retrier, Clock clock) {
        this.api = Objects.requireNonNull(api, "api");
        this.retrier = Objects.requireNonNull(retrier, "retrier");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String provider() {
        return LambdaCatalogMapping.PROVIDER;
    }

    @Override
    public Result refresh(Request request) {
        long start = System.nanoTime();
        Instant takenAt = clock.instant();
        int attemptsBefore = api.attempts();
        String body = retrier.call("ListInstanceTypes", api::instanceTypes);
        if (request.progress() != null) {
            request.progress().update(1, 1, 1, 1);
        }
        CatalogSnapshot snapshot = LambdaCatalogMapping.snapshot(body, api.endpoint().toString(), request.regions(),
                takenAt);
        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        return new Result(snapshot, new Stats(1, api.attempts() - attemptsBefore, 1, wall, snapshot.regions().size(), snapshot.types().size(),
                snapshot.offerCount(), 0));
    }
}
