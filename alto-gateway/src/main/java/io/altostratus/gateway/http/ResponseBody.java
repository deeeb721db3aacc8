package io.altostratus.gateway.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The body of a successful EC2 answer, written once straight to the HTTP response, so that a document of megabytes
 * (DescribeInstances over thousands of instances) goes to the socket as it is encoded instead of being built whole
 * first. The front sends a body of unknown length with {@code Content-Length} when it turns out small and chunked
 * otherwise.
 */
public interface ResponseBody {

    /**
     * Writes the whole body to {@code out} (and does not close it). Called at most once, on the request's thread.
     *
     * @throws IOException when {@code out} fails (the client went away)
     */
    void writeTo(OutputStream out) throws IOException;

    /** The body's length in bytes when known before writing, else -1. */
    default long length() {
        return -1;
    }

    /** A body that is already complete. */
    static ResponseBody of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new ResponseBody() {
            @Override
            public void writeTo(OutputStream out) throws IOException {
                out.write(bytes);
            }

            @Override
            public long length() {
                return bytes.length;
            }
        };
    }
}
