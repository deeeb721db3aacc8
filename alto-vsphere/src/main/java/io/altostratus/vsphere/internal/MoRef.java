package io.altostratus.vsphere.internal;

import java.util.Objects;

/**
 * A managed object reference: the object's type ({@code VirtualMachine}) and its value ({@code vm-42}), which is
 * what the provider uses as ids.
 */
public record MoRef(String type, String value) {
    public MoRef {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    public static MoRef vm(String value) {
        return new MoRef("VirtualMachine", value);
    }

    @Override
    public String toString() {
        return type + ":" + value;
    }
}
