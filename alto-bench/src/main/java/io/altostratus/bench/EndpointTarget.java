package io.altostratus.bench;

import java.net.URI;
import java.util.OptionalLong;

/** A server someone else started: {@code --endpoint URL}, optionally {@code --pid} for its memory figure. */
record EndpointTarget(URI endpoint, String accessKey, String secretKey, OptionalLong pid) implements Target {
    @Override
    public String label() {
        return "endpoint " + endpoint;
    }

    @Override
    public void close() {
        // Not ours to stop.
    }
}
