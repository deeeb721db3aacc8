package io.altostratus.core.wait;

import java.time.Duration;

/** Pauses the calling thread; tests inject one that advances a manual clock instead. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    Sleeper SYSTEM = d -> Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
}
