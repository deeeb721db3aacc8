package io.altostratus.vsphere;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.spec.LaunchSpec;
import java.util.List;

/**
 * The sizes a launch may ask for. vSphere has none of its own (a VM has vCPUs and memory), so the provider offers the
 * table alto-proxmox offers: small (1 vCPU, 2 GiB), medium (2, 4), large (4, 8), xlarge (8, 16).
 */
final class Sizes {
    static final List<InstanceType> TABLE = List.of(
            type("small", 1, 2048), type("medium", 2, 4096), type("large", 4, 8192), type("xlarge", 8, 16384));

    private Sizes() {
    }

    private static InstanceType type(String name, int vcpus, long memoryMiB) {
        return new InstanceType(name, vcpus, memoryMiB, 0, null, List.of(Architecture.X86_64),
                null, false, true, null, 0);
    }

    /** The launch's size: the named one, else the smallest with the minimum vCPUs and memory, else small. */
    static InstanceType of(LaunchSpec spec) {
        if (spec.instanceType() != null && !spec.instanceType().isBlank()) {
            return TABLE.stream().filter(t -> t.name().equals(spec.instanceType())).findFirst()
                    .orElseThrow(() -> new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidInstanceType",
                            "'" + spec.instanceType() + "' is not a vsphere size (small, medium, large, xlarge)"));
        }
        return TABLE.stream().filter(t -> t.vcpus() >= spec.minVcpus() && t.memoryMiB() >= spec.minMemoryMiB())
                .findFirst().orElseThrow(() -> new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidInstanceType",
                        "no vsphere size has " + spec.minVcpus() + " vCPUs and " + spec.minMemoryMiB() + " MiB"));
    }

    /** The size a VM's cores and memory match, else null (a VM sized by hand). */
    static String named(int cores, long memoryMiB) {
        return TABLE.stream().filter(t -> t.vcpus() == cores && t.memoryMiB() == memoryMiB).map(InstanceType::name)
                .findFirst().orElse(null);
    }
}
