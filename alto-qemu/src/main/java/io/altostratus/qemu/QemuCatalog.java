package io.altostratus.qemu;

import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Zone;
import java.util.List;

/**
 * The one place this provider has (this machine) and the sizes it offers (QEMU takes any; these are names). Every
 * size runs either architecture: the image decides which QEMU runs it.
 */
final class QemuCatalog {
    static final String REGION = "local";
    static final String ZONE = "local-a";
    static final List<Region> REGIONS = List.of(new Region(REGION, "this machine", null, false));
    static final List<Zone> ZONES = List.of(new Zone(ZONE, ZONE, REGION, "available"));
    static final List<InstanceType> TYPES = List.of(
            type("q.tiny", 1, 512),
            type("q.small", 1, 1024),
            type("q.medium", 2, 2048),
            type("q.large", 2, 4096),
            type("q.xlarge", 4, 8192));

    private QemuCatalog() {
    }

    private static InstanceType type(String name, int vcpus, long memoryMiB) {
        return new InstanceType(name, vcpus, memoryMiB, 0, null, List.of(Architecture.X86_64, Architecture.ARM64),
                0.0, false, true, "user-mode", 0);
    }
}
