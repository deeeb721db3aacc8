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
    /** The largest single write {@link #of} makes. */
    int SLICE_BYTES = 64 * 1024;

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

    /**
     * A body that is already complete. It is written in slices of {@value #SLICE_BYTES} bytes: the JDK server copies
     * each write whole into a buffer of its own, twice the size, that lives as long as the connection, and the socket
     * layer copies it again into native memory of that size, so one write of megabytes costs megabytes more.
     */
    static ResponseBody of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new ResponseBody() {
            @Override
            public void writeTo(OutputStream out) throws IOException {
                for (int off = 0; off < bytes.length; off += SLICE_BYTES) {
                    out.write(bytes, off, Math.min(SLICE_BYTES, bytes.length - off));
                }
            }

            @Override
            public long length() {
                return bytes.length;
            }
        };
    }
}
