package io.altostratus.bench;

import java.net.URI;
import java.util.OptionalLong;

/** An EC2 endpoint the workload runs against, and what is known about the process serving it. */
interface Target extends AutoCloseable {
    /** A short name for the report, e.g. {@code alto (in-process)}. */
    String label();

    URI endpoint();

    String accessKey();

    String secretKey();

    /** The serving process, when it is one the bench can read {@code /proc/<pid>/status} of. */
    OptionalLong pid();

    /** Whether {@link #pid()} is this JVM (so its memory includes the SDK client and the bench itself). */
    default boolean sharesThisProcess() {
        return false;
    }

    /** Milliseconds from starting the server to its first answer, when the bench started it; else -1. */
    default long startupMillis() {
        return -1;
    }

    @Override
    void close();
}
