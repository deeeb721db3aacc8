package io.altostratus.catalog.internal.snapshot;

import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.CatalogSnapshot;
import io.altostratus.catalog.Price;
import io.altostratus.catalog.PriceSource;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Zone;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link Catalog} over a {@link CatalogSnapshot} held in memory (a refreshed cache file). Indexes are built once
 * at construction; everything handed out is immutable, so the catalog is safe to share between threads.
 */
public final class SnapshotCatalog implements Catalog {
    private static final String ERROR_CODE = "InvalidParameterValue";

    private final CatalogSnapshot snapshot;
    private final List<Region> regions;
    private final Map<String, CatalogSnapshot.RegionData> byRegion = new HashMap<>();
    private final Map<String, Map<String, InstanceType>> pricedByRegion = new HashMap<>();
    private final Map<String, Set<String>> typesByZone = new HashMap<>();
    private final Map<String, Map<String, Double>> spotByRegion = new HashMap<>();
    private final Map<String, Map<String, CatalogSnapshot.Offer>> offersByRegion = new HashMap<>();

    public SnapshotCatalog(CatalogSnapshot snapshot) {
        this.snapshot = snapshot;
        Map<String, InstanceType> types = new HashMap<>();
        for (InstanceType t : snapshot.types()) {
            types.put(t.name(), t);
        }
        List<Region> regionList = new ArrayList<>();
        for (CatalogSnapshot.RegionData r : snapshot.regions()) {
            regionList.add(r.region());
            byRegion.put(r.name(), r);
            Map<String, InstanceType> priced = new LinkedHashMap<>();
            Map<String, Double> spot = new HashMap<>();
            Map<String, CatalogSnapshot.Offer> offerMap = new HashMap<>();
            Map<String, Set<String>> zoneSets = new LinkedHashMap<>();
            for (Zone z : r.zones()) {
                zoneSets.put(z.name(), new LinkedHashSet<>());
            }
            for (CatalogSnapshot.Offer offer : r.offers()) {
                InstanceType type = types.get(offer.type());
                if (type == null) {
                    throw new IllegalStateException(r.name() + " offers " + offer.type()
                            + " but the snapshot does not describe it");
                }
                priced.put(offer.type(), type.withPrice(offer.pricePerHour()));
                offerMap.put(offer.type(), offer);
                if (offer.spotPricePerHour() != null) {
                    spot.put(offer.type(), offer.spotPricePerHour());
                }
                for (String zone : offer.zones()) {
                    Set<String> set = zoneSets.get(zone);
                    if (set == null) {
                        throw new IllegalStateException(offer.type() + " is offered in " + zone
                                + ", which is not a zone of " + r.name());
                    }
                    set.add(offer.type());
                }
            }
            pricedByRegion.put(r.name(), Collections.unmodifiableMap(priced));
            spotByRegion.put(r.name(), Collections.unmodifiableMap(spot));
            offersByRegion.put(r.name(), offerMap);
            zoneSets.forEach((zone, set) -> typesByZone.put(zone, Collections.unmodifiableSet(set)));
        }
        regionList.sort(java.util.Comparator.comparing(Region::name));
        this.regions = List.copyOf(regionList);
    }

    /** The snapshot this catalog reads. */
    public CatalogSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public String provider() {
        return snapshot.provider();
    }

    @Override
    public Source source() {
        return snapshot.source();
    }

    @Override
    public List<Region> regions() {
        return regions;
    }

    @Override
    public List<Zone> zones(String region) {
        return region(region).zones();
    }

    @Override
    public List<InstanceType> instanceTypes(String region) {
        region(region);
        return List.copyOf(pricedByRegion.get(region).values());
    }

    @Override
    public Optional<InstanceType> instanceType(String region, String name) {
        region(region);
        return Optional.ofNullable(pricedByRegion.get(region).get(name));
    }

    @Override
    public Set<String> typesOfferedInZone(String zone) {
        Set<String> offered = zone == null ? null : typesByZone.get(zone);
        if (offered == null) {
            throw AltoException.invalid(ERROR_CODE, "unknown " + snapshot.provider() + " availability zone '" + zone
                    + "'");
        }
        return offered;
    }

    @Override
    public List<Image> images(String region) {
        return region(region).images();
    }

    @Override
    public Optional<Double> spotPricePerHour(String region, String type) {
        region(region);
        return Optional.ofNullable(spotByRegion.get(region).get(type));
    }

    /** The offer's price with the source it records; one without a source is the snapshot's own. */
    @Override
    public Optional<Price> onDemandPrice(String region, String type) {
        region(region);
        CatalogSnapshot.Offer offer = offersByRegion.get(region).get(type);
        if (offer == null || offer.pricePerHour() == null || !(offer.pricePerHour() > 0)) {
            return Optional.empty();
        }
        PriceSource source = offer.priceSource() != null ? offer.priceSource()
                : PriceSource.quoted(snapshot.provider() + "-refresh", snapshot.source().takenAt());
        return Optional.of(new Price(offer.pricePerHour(), source));
    }

    @Override
    public Optional<Price> spotPrice(String region, String type) {
        region(region);
        CatalogSnapshot.Offer offer = offersByRegion.get(region).get(type);
        if (offer == null || offer.spotPricePerHour() == null || !(offer.spotPricePerHour() > 0)) {
            return Optional.empty();
        }
        PriceSource source = offer.spotSource() != null ? offer.spotSource()
                : PriceSource.quoted(PriceSource.SPOT, snapshot.source().takenAt());
        return Optional.of(new Price(offer.spotPricePerHour(), source));
    }

    private CatalogSnapshot.RegionData region(String name) {
        CatalogSnapshot.RegionData data = name == null ? null : byRegion.get(name);
        if (data == null) {
            throw AltoException.invalid(ERROR_CODE, "unknown " + snapshot.provider() + " region '" + name + "'");
        }
        return data;
    }
}
