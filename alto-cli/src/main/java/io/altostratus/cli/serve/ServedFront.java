package io.altostratus.cli.serve;

import java.net.URI;
import java.util.List;

/**
 * A cloud API that {@code alto serve} answers on the same port as EC2 ({@link GceServed}, {@link ArmServed}): what
 * the server needs of each, so that adding one is a class and a {@link ServeApi} constant, not edits through
 * {@link GatewayServer}.
 */
interface ServedFront extends AutoCloseable {
    /** Forgets the front's own records of resources (its tokens stay), for the local backend's reset. */
    void resetState();

    /**
     * The lines of the start-up announcement: where clients point, and a credential made on this start.
     *
     * @param endpoint the server's base URL
     * @param backend the backend provider's name
     * @param auth the authentication mode, in words
     */
    List<String> announcement(URI endpoint, String backend, String auth);

    /** Prepares what the first request would otherwise build (codecs, descriptors), on the calling thread. */
    default void warm() {
    }

    @Override
    void close();
}
