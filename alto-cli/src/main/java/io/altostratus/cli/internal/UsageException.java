package io.altostratus.cli.internal;

/** Input the command line cannot use (a missing file, a malformed value found after parsing); exits 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
