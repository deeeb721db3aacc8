package io.altostratus.proxmox.internal;

/**
 * A failed Proxmox VE API call or task, before it becomes an {@code AltoException}.
 *
 * @param status  the HTTP status; 0 when no answer came (connection refused, reset); -1 for a task whose exit status
 *                was not OK
 * @param message what Proxmox said: the body's {@code message} or {@code errors}, or a failed task's last log line
 */
public final class PveException extends RuntimeException {
    public static final int NO_ANSWER = 0;
    public static final int TASK_FAILED = -1;

    private final int status;

    public PveException(int status, String message) {
        super(message);
        this.status = status;
    }

    public PveException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
