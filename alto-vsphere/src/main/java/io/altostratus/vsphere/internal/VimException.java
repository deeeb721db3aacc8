package io.altostratus.vsphere.internal;

/**
 * A failed vim25 call: the fault's name as vSphere names it ({@code InvalidLogin}, {@code ManagedObjectNotFound},
 * {@code TaskInProgress}; {@code Http503} or {@code Unreachable} when no fault came back), the HTTP status (0 when
 * there was no answer) and the fault string.
 */
public final class VimException extends RuntimeException {
    private final int status;
    private final String fault;

    public VimException(int status, String fault, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.fault = fault;
    }

    public int status() {
        return status;
    }

    public String fault() {
        return fault;
    }
}
