package io.altostratus.gateway.pve;

import java.util.Objects;

/**
 * A template the front shows in every account's cluster from the start: VMID {@code vmid} on {@code node} (null:
 * the first node) standing for the backend image {@code image} (an id or alias such as {@code ubuntu:24.04}), with
 * the guest agent enabled or not.
 */
public record PveTemplate(int vmid, String node, String name, String image, int cores, long memoryMiB,
                          boolean agent) {
    public PveTemplate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        if (vmid < 100) {
            throw new IllegalArgumentException("a VMID is at least 100");
        }
    }

    public static PveTemplate of(int vmid, String name, String image, boolean agent) {
        return new PveTemplate(vmid, null, name, image, 1, 2048, agent);
    }
}
