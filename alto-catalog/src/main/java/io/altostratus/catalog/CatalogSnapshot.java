package io.altostratus.catalog;

import io.altostratus.catalog.internal.snapshot.SnapshotCatalog;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Zone;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything one provider's catalog knows, as one value: what a refresh produces, what the cache holds and what
 * {@code freeze} turns into shipped data. Instance types are described once (their figures do not change between
 * regions); what a region adds is whether it offers a type, where, and at what price.
 *
 * @param format   the layout version of the snapshot file; readers refuse a newer one
 * @param provider {@code aws}, ...
 * @param source   where the data came from and when it was taken
 * @param notes    what the source could not answer and how the snapshot made up for it (e.g. prices carried over)
 * @param types    every type offered somewhere, unpriced, sorted by name
 * @param regions  the regions, sorted by name
 */
public record CatalogSnapshot(int format, String provider, Catalog.Source source, List<String> notes,
                              List<InstanceType> types, List<RegionData> regions) {
    /** The snapshot layout this code writes. */
    public static final int FORMAT = 1;

    public CatalogSnapshot {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(source, "source");
        notes = notes == null ? List.of() : List.copyOf(notes);
        types = types == null ? List.of() : List.copyOf(types);
        regions = regions == null ? List.of() : List.copyOf(regions);
    }

    /**
     * One region: its zones, the types it offers and its well-known images.
     *
     * @param region the region
     * @param zones  its zones, sorted by name
     * @param offers the types it offers, sorted by type name
     * @param images well-known public images, sorted by name
     */
    public record RegionData(Region region, List<Zone> zones, List<Offer> offers, List<Image> images) {
        public RegionData {
            Objects.requireNonNull(region, "region");
            zones = zones == null ? List.of() : List.copyOf(zones);
            offers = offers == null ? List.of() : List.copyOf(offers);
            images = images == null ? List.of() : List.copyOf(images);
        }

        public String name() {
            return region.name();
        }
    }

    /**
     * A type as one region offers it.
     *
     * @param type             the type name
     * @param pricePerHour     on-demand Linux USD per hour, or null when unknown
     * @param spotPricePerHour the latest Linux spot price seen in the region (lowest over its zones), or null
     * @param zones            the zones offering it, by zone name, sorted
     * @param priceSource      where {@code pricePerHour} comes from and whether it is estimated; null means the
     *                         snapshot's own source at its {@code takenAt} (snapshots written before prices carried
     *                         their source, and clouds whose refresh asks one source for everything)
     * @param spotSource       where {@code spotPricePerHour} comes from; null as for {@code priceSource}
     */
    public record Offer(String type, Double pricePerHour, Double spotPricePerHour, List<String> zones,
                        PriceSource priceSource, PriceSource spotSource) {
        public Offer {
            Objects.requireNonNull(type, "type");
            zones = zones == null ? List.of() : List.copyOf(zones);
            priceSource = pricePerHour == null ? null : priceSource;
            spotSource = spotPricePerHour == null ? null : spotSource;
        }

        /** An offer whose prices come from the snapshot's own source. */
        public Offer(String type, Double pricePerHour, Double spotPricePerHour, List<String> zones) {
            this(type, pricePerHour, spotPricePerHour, zones, null, null);
        }

        public Offer withPrices(Double onDemand, Double spot) {
            return new Offer(type, onDemand, spot, zones);
        }

        /** The same offer at an on-demand price from {@code source} (null price: none). */
        public Offer withOnDemand(Price price) {
            return price == null ? new Offer(type, null, spotPricePerHour, zones, null, spotSource)
                    : new Offer(type, price.perHour(), spotPricePerHour, zones, price.source(), spotSource);
        }
    }

    /** This snapshot as a {@link Catalog}. */
    public Catalog catalog() {
        return new SnapshotCatalog(this);
    }

    /** The snapshot a catalog reads, when it is a refreshed one (the shipped catalog has none). */
    public static java.util.Optional<CatalogSnapshot> behind(Catalog catalog) {
        return catalog instanceof SnapshotCatalog s ? java.util.Optional.of(s.snapshot()) : java.util.Optional.empty();
    }

    /** One region's data, or null when the snapshot lacks it. */
    public RegionData region(String name) {
        for (RegionData r : regions) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }

    /** How many type offerings all regions hold together. */
    public int offerCount() {
        int n = 0;
        for (RegionData r : regions) {
            n += r.offers.size();
        }
        return n;
    }

    /**
     * Every region of a catalog, copied, with the prices the catalog knows and their sources (the shipped AWS
     * catalog knows no spot prices); the source and notes are the catalog's.
     */
    public static CatalogSnapshot of(Catalog catalog, List<String> notes) {
        return of(catalog, notes, null);
    }

    /** Like {@link #of(Catalog, List)} but only the named regions (all when {@code regions} is null). */
    public static CatalogSnapshot of(Catalog catalog, List<String> notes, Collection<String> regions) {
        Map<String, InstanceType> types = new TreeMap<>();
        List<RegionData> out = new ArrayList<>();
        for (Region region : catalog.regions()) {
            if (regions != null && !regions.contains(region.name())) {
                continue;
            }
            List<Zone> zones = catalog.zones(region.name());
            Map<String, List<String>> zonesByType = new LinkedHashMap<>();
            for (Zone zone : zones) {
                Set<String> offered = catalog.typesOfferedInZone(zone.name());
                for (String t : offered) {
                    zonesByType.computeIfAbsent(t, k -> new ArrayList<>()).add(zone.name());
                }
            }
            List<Offer> offers = new ArrayList<>();
            for (InstanceType t : catalog.instanceTypes(region.name())) {
                types.putIfAbsent(t.name(), t.withPrice(null));
                Price onDemand = catalog.onDemandPrice(region.name(), t.name()).orElse(null);
                Price spot = catalog.spotPrice(region.name(), t.name()).orElse(null);
                offers.add(new Offer(t.name(), onDemand == null ? null : onDemand.perHour(),
                        spot == null ? null : spot.perHour(),
                        zonesByType.getOrDefault(t.name(), List.of()).stream().sorted().toList(),
                        onDemand == null ? null : onDemand.source(), spot == null ? null : spot.source()));
            }
            offers.sort(java.util.Comparator.comparing(Offer::type));
            out.add(new RegionData(region, zones, offers, catalog.images(region.name())));
        }
        return new CatalogSnapshot(FORMAT, catalog.provider(), catalog.source(), notes,
                List.copyOf(types.values()), out);
    }
}
