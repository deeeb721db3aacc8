package io.altostratus.gateway.pve.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure as PVE answers it: 400 "Parameter verification failed." with {@code errors} naming each bad parameter,
 * or another status with the message (PVE puts it in the status line and the body's {@code message}).
 */
public final class PveException extends RuntimeException {
    private final int status;
    private final Map<String, String> errors;

    public PveException(int status, String message, Map<String, String> errors) {
        super(message);
        this.status = status;
        this.errors = errors == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(errors));
    }

    public static PveException param(String name, String message) {
        return new PveException(400, "Parameter verification failed.", Map.of(name, message));
    }

    public static PveException missing(String name) {
        return param(name, "property is missing and it is not optional");
    }

    public static PveException server(String message) {
        return new PveException(500, message, null);
    }

    public static PveException noConfig(String node, int vmid) {
        return server("Configuration file 'nodes/" + node + "/qemu-server/" + vmid + ".conf' does not exist");
    }

    public static PveException notImplemented(String method, String path) {
        return new PveException(501, "Method '" + method + " /" + path + "' not implemented", null);
    }

    public int status() {
        return status;
    }

    public Map<String, String> errors() {
        return errors;
    }
}
