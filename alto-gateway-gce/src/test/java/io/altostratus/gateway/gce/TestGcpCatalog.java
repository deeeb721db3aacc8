package io.altostratus.gateway.gce;

import io.altostratus.catalog.Catalog;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Zone;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A small GCE-shaped catalog for the endpoint's tests: us-central1 with four zones, three machine types and the
 * Ubuntu 24.04 family image, with the image conventions the GCP catalog follows ({@code Image.id} =
 * {@code projects/{project}/global/images/{name}}, family in the tag {@code gce:family}). Kept independent of the
 * shipped catalog so these tests pin the endpoint, not the catalog's data.
 */
final class TestGcpCatalog implements Catalog {
    static final String REGION = "us-central1";
    static final List<String> ZONES = List.of("us-central1-a", "us-central1-b", "us-central1-c", "us-central1-f");
    static final String UBUNTU = "ubuntu-2404-noble-amd64-v20241115";
    static final String UBUNTU_OLD = "ubuntu-2404-noble-amd64-v20240901";
    static final String UBUNTU_FAMILY = "ubuntu-2404-lts-amd64";

    private static final List<InstanceType> TYPES = List.of(
            new InstanceType("e2-medium", 2, 4096, 0, null, List.of(Architecture.X86_64), 0.033503, true, true,
                    null, 0),
            new InstanceType("e2-small", 2, 2048, 0, null, List.of(Architecture.X86_64), 0.016751, true, true,
                    null, 0),
            new InstanceType("n2-standard-4", 4, 16384, 0, null, List.of(Architecture.X86_64), 0.194236, false,
                    true, null, 0));

    @Override
    public String provider() {
        return "gcp";
    }

    @Override
    public Source source() {
        return new Source("test catalog of the GCE endpoint", Instant.parse("2026-12-01T00:00:00Z"));
    }

    @Override
    public List<Region> regions() {
        return List.of(new Region(REGION, "Iowa", null, false));
    }

    @Override
    public List<Zone> zones(String region) {
        check(region);
        return ZONES.stream().map(z -> new Zone(z, z, REGION, "available")).toList();
    }

    @Override
    public List<InstanceType> instanceTypes(String region) {
        check(region);
        return TYPES;
    }

    @Override
    public Optional<InstanceType> instanceType(String region, String name) {
        check(region);
        return TYPES.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    @Override
    public Set<String> typesOfferedInZone(String zone) {
        if (!ZONES.contains(zone)) {
            throw AltoException.invalid("InvalidParameterValue", "unknown zone " + zone);
        }
        return TYPES.stream().map(InstanceType::name).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public List<Image> images(String region) {
        check(region);
        return List.of(image(UBUNTU, "2024-11-15T00:00:00Z"), image(UBUNTU_OLD, "2024-09-01T00:00:00Z"));
    }

    private static Image image(String name, String created) {
        return new Image("projects/ubuntu-os-cloud/global/images/" + name, name, "Canonical, Ubuntu, 24.04 LTS",
                "ubuntu-os-cloud", "ubuntu-os-cloud", "ubuntu", "24.04", Architecture.X86_64, Image.AVAILABLE, true,
                null, 10, List.of(), null, Instant.parse(created), Map.of("gce:family", UBUNTU_FAMILY));
    }

    private static void check(String region) {
        if (!REGION.equals(region)) {
            throw AltoException.invalid("InvalidParameterValue", "unknown region " + region);
        }
    }
}
