package io.altostratus.catalog.internal.shipped;

import io.altostratus.catalog.CatalogSnapshot;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Zone;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One region as both layouts' region files give it: zone lines, and type lines each with a name, an on-demand price
 * (empty: unknown) and a zone mask in hex, bit i set when the i-th zone line offers the type, so a region holds at
 * most {@value #MAX_ZONES} zones. Prices and each zone's types are decoded on first use and kept, so a call about one
 * type stays cheap in a cold JVM; a layout's own columns live in its subclass. Safe for concurrent use.
 */
public class ShippedRegion {
    public static final int MAX_ZONES = 64;

    /** In file order. */
    protected final String[] typeNames;
    private final String name;
    private final List<Zone> zones;
    private final String[] priceTexts;
    private final long[] masks;
    private final Map<String, Set<String>> typesByZone = new ConcurrentHashMap<>();
    private List<InstanceType> priced;

    /** Over the zones in file order and the type lines' names, price fields and masks, in file order. */
    protected ShippedRegion(String name, List<Zone> zones, List<String> typeNames, List<String> priceTexts,
                            List<Long> masks) {
        this.name = name;
        this.zones = List.copyOf(zones);
        this.typeNames = typeNames.toArray(String[]::new);
        this.priceTexts = priceTexts.toArray(String[]::new);
        this.masks = new long[masks.size()];
        for (int i = 0; i < this.masks.length; i++) {
            this.masks[i] = masks.get(i);
        }
    }

    public final List<Zone> zones() {
        return zones;
    }

    /** The i-th type of the file, from the type table {@code all}, at this region's price. */
    public final InstanceType priced(Map<String, InstanceType> all, int i) {
        InstanceType type = all.get(typeNames[i]);
        if (type == null) {
            throw new IllegalStateException(name + " offers " + typeNames[i] + " but the catalog lacks it");
        }
        String price = priceTexts[i];
        return price.isEmpty() ? type : type.withPrice(Double.valueOf(price));
    }

    /** Every type of the file, priced, in file order. */
    public final synchronized List<InstanceType> pricedTypes(Map<String, InstanceType> all) {
        if (priced == null) {
            InstanceType[] out = new InstanceType[typeNames.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = priced(all, i);
            }
            priced = List.of(out);
        }
        return priced;
    }

    /** The types offered in one zone of this region (in file order), or null when the region has no such zone. */
    public final Set<String> typesIn(String zone) {
        Set<String> known = typesByZone.get(zone);
        if (known != null) {
            return known;
        }
        for (int z = 0; z < zones.size(); z++) {
            if (zones.get(z).name().equals(zone)) {
                long bit = 1L << z;
                Set<String> offered = new LinkedHashSet<>(typeNames.length * 2);
                for (int i = 0; i < typeNames.length; i++) {
                    if ((masks[i] & bit) != 0) {
                        offered.add(typeNames[i]);
                    }
                }
                Set<String> frozen = Collections.unmodifiableSet(offered);
                Set<String> raced = typesByZone.putIfAbsent(zone, frozen);
                return raced != null ? raced : frozen;
            }
        }
        return null;
    }

    /** Fails when a region has more zones than a mask has bits. */
    public static void checkFits(String region, List<Zone> zones) {
        if (zones.size() > MAX_ZONES) {
            throw new IllegalStateException(region + " has " + zones.size() + " zones; the layout holds " + MAX_ZONES);
        }
    }

    /** The zone mask of one offer over the region's {@code zones} in file order. */
    public static long mask(List<Zone> zones, CatalogSnapshot.Offer offer) {
        long mask = 0;
        for (String zone : offer.zones()) {
            int i = indexOf(zones, zone);
            if (i < 0) {
                throw new IllegalStateException(offer.type() + " offered in unknown zone " + zone);
            }
            mask |= 1L << i;
        }
        return mask;
    }

    private static int indexOf(List<Zone> zones, String name) {
        for (int i = 0; i < zones.size(); i++) {
            if (zones.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
