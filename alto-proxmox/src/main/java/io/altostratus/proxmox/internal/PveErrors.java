package io.altostratus.proxmox.internal;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.wait.Retrier;
import java.util.Locale;

/**
 * How Proxmox VE fails, in portable terms. Proxmox has no error codes: its words say what happened (HTTP 500
 * "VM is locked (clone)", 595 "Connection refused" when the proxying node cannot reach another, a task's last log line
 * "TASK ERROR: ..."), so the code is chosen by the words.
 */
public final class PveErrors {
    /** The retrier's view of Proxmox failures: locks and lost connections pass, the rest does not. */
    public static final Retrier.Failures<PveException> FAILURES =
            new Retrier.Failures<>(PveException.class, PveErrors::isTransient, PveErrors::translate);

    private PveErrors() {
    }

    /** Whether the same call may succeed a moment later: a lock held by another task, a node briefly unreachable. */
    public static boolean isTransient(PveException e) {
        int s = e.status();
        if (s == PveException.NO_ANSWER || s == 595 || s == 502 || s == 503 || s == 504) {
            return true;
        }
        if (s == 500 || s == PveException.TASK_FAILED) {
            String m = words(e);
            return isLocked(m) || m.contains("connection refused") || m.contains("connection timed out")
                    || m.contains("got timeout") || m.contains("no route to host");
        }
        return false;
    }

    /** The portable error for a failed call of {@code operation}; the provider code names the kind of failure. */
    public static AltoException translate(String operation, PveException e) {
        String m = words(e);
        String detail = operation + ": " + (e.getMessage() == null ? "HTTP " + e.status() : e.getMessage().strip());
        if (e.status() == 401) {
            return new AltoException(ErrorCode.AUTH_FAILURE, "AuthenticationFailure", detail
                    + " (check the API token: USER@REALM!TOKENID=SECRET)", e);
        }
        if (e.status() == 403 || m.contains("permission check failed")) {
            return new AltoException(ErrorCode.AUTH_FAILURE, "PermissionDenied", detail, e);
        }
        if (isLocked(m)) {
            return new AltoException(ErrorCode.INVALID_STATE, "VmLocked", detail, e);
        }
        if (m.contains("already exists")) {
            return new AltoException(ErrorCode.ALREADY_EXISTS, "AlreadyExists", detail, e);
        }
        if (m.contains("does not exist") || m.contains("no such") || m.contains("not found") || e.status() == 404) {
            return new AltoException(ErrorCode.NOT_FOUND, "NotFound", detail, e);
        }
        if (m.contains("not running") || m.contains("is running") || m.contains("is a template")) {
            return new AltoException(ErrorCode.INVALID_STATE, "InvalidState", detail, e);
        }
        if (m.contains("not enough") || m.contains("no space left") || m.contains("out of memory")) {
            return new AltoException(ErrorCode.INSUFFICIENT_CAPACITY, "InsufficientCapacity", detail, e);
        }
        if (e.status() == 400) {
            return new AltoException(ErrorCode.INVALID_PARAMETER, "ParameterVerificationFailed", detail, e);
        }
        if (e.status() == PveException.NO_ANSWER || e.status() == 595) {
            return new AltoException(ErrorCode.PROVIDER_ERROR, "Unreachable", detail, e);
        }
        return new AltoException(ErrorCode.PROVIDER_ERROR, e.status() == PveException.TASK_FAILED ? "TaskFailed"
                : "Http" + e.status(), detail, e);
    }

    static boolean isLocked(String words) {
        return words.contains("is locked") || words.contains("can't lock file") || words.contains("got lock");
    }

    private static String words(PveException e) {
        return e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    }
}
