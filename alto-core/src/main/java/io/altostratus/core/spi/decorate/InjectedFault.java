package io.altostratus.core.spi.decorate;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.util.Objects;

/**
 * The failure a {@link Faults} decorator raised instead of asking the backend. It is an ordinary
 * {@link AltoException} to every caller (each front maps it as it maps the backend's own errors); the subtype only
 * lets a server tell a fault it was asked to inject from one that needs looking into, e.g. to keep it out of error
 * logs.
 */
public final class InjectedFault extends AltoException {
    private static final long serialVersionUID = 1L;

    private final FaultKind kind;

    public InjectedFault(FaultKind kind, ErrorCode code, String providerCode, String message) {
        super(code, providerCode, message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** Which fault of the plan this is. */
    public FaultKind kind() {
        return kind;
    }
}
