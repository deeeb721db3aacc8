package io.altostratus.vsphere.internal;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.wait.Retrier;

/**
 * vim25 faults in portable terms, with the fault's name as the provider's code. {@code TaskInProgress} (another
 * task holds the VM) and a host that does not answer are transient: retried with backoff, then reported
 * ({@code TaskInProgress} as INVALID_STATE). {@code NotAuthenticated} never gets here: {@link VimClient} logs in
 * again once and repeats the call.
 */
public final class VimErrors {
    public static final Retrier.Failures<VimException> FAILURES =
            new Retrier.Failures<>(VimException.class, VimErrors::isTransient, VimErrors::translate);

    private VimErrors() {
    }

    public static boolean isTransient(VimException e) {
        return switch (e.fault()) {
            case "TaskInProgress", "Unreachable", "Http502", "Http503", "Http504", "HostCommunication",
                 "HostNotConnected" -> true;
            default -> false;
        };
    }

    public static AltoException translate(String operation, VimException e) {
        String message = e.getMessage() == null ? operation : e.getMessage();
        if (!message.startsWith(operation)) {
            message = operation + ": " + message;
        }
        ErrorCode code = switch (e.fault()) {
            case "InvalidLogin", "NotAuthenticated", "NoPermission", "NotAuthorized", "Http401",
                 "UntrustedCertificate" ->
                    ErrorCode.AUTH_FAILURE;
            case "ManagedObjectNotFound", "FileNotFound", "NotFound", "Http404" -> ErrorCode.NOT_FOUND;
            case "InvalidPowerState", "InvalidState", "TaskInProgress", "ToolsUnavailable", "InvalidDatastoreState",
                 "VmConfigIncompatibleForPowerOn" -> ErrorCode.INVALID_STATE;
            case "DuplicateName", "FileAlreadyExists", "AlreadyExists" -> ErrorCode.ALREADY_EXISTS;
            case "InvalidArgument", "InvalidRequest", "InvalidName", "InvalidDeviceSpec", "InvalidType" ->
                    ErrorCode.INVALID_PARAMETER;
            case "InsufficientResourcesFault", "InsufficientMemoryResourcesFault", "InsufficientCpuResourcesFault",
                 "NoDiskSpace", "OutOfBounds" -> ErrorCode.INSUFFICIENT_CAPACITY;
            case "NotSupported", "NotImplemented", "MethodNotFound" -> ErrorCode.UNSUPPORTED;
            default -> ErrorCode.PROVIDER_ERROR;
        };
        return new AltoException(code, e.fault(), message, e);
    }
}
