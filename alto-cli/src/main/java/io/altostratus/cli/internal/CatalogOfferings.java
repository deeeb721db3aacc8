package io.altostratus.cli.internal;

import io.altostratus.catalog.Catalog;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Zone;
import io.altostratus.core.placement.Offerings;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A shipped catalog as the placement candidates' {@link Offerings}, under the provider name the sessions are opened
 * with (the {@code local} cloud answers from the AWS catalog, as its sessions do).
 */
public record CatalogOfferings(String provider, Catalog catalog) implements Offerings {
    public CatalogOfferings {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(catalog, "catalog");
    }

    @Override
    public List<Region> regions() {
        return catalog.regions();
    }

    @Override
    public List<Zone> zones(String region) {
        return catalog.zones(region);
    }

    @Override
    public List<InstanceType> instanceTypes(String region) {
        return catalog.instanceTypes(region);
    }

    @Override
    public Set<String> typesOfferedInZone(String zone) {
        return catalog.typesOfferedInZone(zone);
    }
}
