package io.altostratus.minimal;

import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Zone;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The minimal cloud's fixed world: one region with two zones, three sizes and two public images. */
final class MinimalCatalog {
    static final String REGION = "local-1";

    /** Who owns the public images, as {@link Image#ownerId()} says (and as an image query's owner may name it). */
    static final String PUBLIC_OWNER = "minimal";

    static final List<Region> REGIONS = List.of(new Region(REGION, "Minimal local region", null, false));

    static final List<Zone> ZONES = List.of(
            new Zone("local-1a", null, REGION, null),
            new Zone("local-1b", null, REGION, null));

    static final List<InstanceType> TYPES = List.of(
            type("small", 1, 1024, 0.01),
            type("medium", 2, 4096, 0.04),
            type("large", 4, 16384, 0.16));

    static final List<Image> IMAGES = List.of(
            image("img-ubuntu-2404", "ubuntu-24.04-amd64", "ubuntu", "24.04"),
            image("img-debian-12", "debian-12-amd64", "debian", "12"));

    private MinimalCatalog() {
    }

    private static InstanceType type(String name, int vcpus, long memoryMiB, double pricePerHour) {
        return new InstanceType(name, vcpus, memoryMiB, 0, null, List.of(Architecture.X86_64), pricePerHour,
                false, true, null, 0);
    }

    private static Image image(String id, String name, String distro, String release) {
        return new Image(id, name, distro + " " + release + " for the minimal cloud", PUBLIC_OWNER, null, distro,
                release, Architecture.X86_64, Image.AVAILABLE, true, "root", 8, List.of(), null,
                Instant.parse("2025-01-01T00:00:00Z"), Map.of());
    }
}
