package io.altostratus.catalog.internal.shipped;

import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Zone;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * One region of a layout whose type lines carry a spot price after the on-demand one ({@code TYPE name price spot
 * mask}), with an index of the types by name; types are in the file's (name) order. A layout's zone lines stay its
 * own: {@link #read} takes how to make a zone of one.
 */
public final class SpotRegion extends ShippedRegion {
    private final Map<String, Integer> indexByName;
    private final Double[] spotPrices;

    private SpotRegion(String name, List<Zone> zones, List<String> typeNames, List<String> priceTexts,
                       Double[] spotPrices, List<Long> masks) {
        super(name, zones, typeNames, priceTexts, masks);
        this.spotPrices = spotPrices;
        Map<String, Integer> index = new HashMap<>(this.typeNames.length * 2);
        for (int i = 0; i < this.typeNames.length; i++) {
            index.put(this.typeNames[i], i);
        }
        this.indexByName = Collections.unmodifiableMap(index);
    }

    /** The type {@code name} (null: none) at this region's price, from the type table {@code all}. */
    public Optional<InstanceType> instanceType(Map<String, InstanceType> all, String name) {
        Integer i = name == null ? null : indexByName.get(name);
        return i == null ? Optional.empty() : Optional.of(pricedTypes(all).get(i));
    }

    /** The spot price of the type {@code name} (null: none), empty where unknown. */
    public Optional<Double> spotPrice(String name) {
        Integer i = name == null ? null : indexByName.get(name);
        return i == null ? Optional.empty() : Optional.ofNullable(spotPrices[i]);
    }

    /**
     * Reads the lines of {@code region}'s file.
     *
     * @param zoneWord the first field of a zone line, made a zone by {@code zone} (its fields and the region)
     * @param typeWord the first field of a type line
     * @param cloud    the cloud's name in the message about any other line
     */
    public static SpotRegion read(String region, List<String> lines, String zoneWord,
                                  BiFunction<List<String>, String, Zone> zone, String typeWord, String cloud) {
        List<Zone> zones = new ArrayList<>();
        List<String> names = new ArrayList<>(256);
        List<String> prices = new ArrayList<>(256);
        List<Double> spots = new ArrayList<>(256);
        List<Long> masks = new ArrayList<>(256);
        for (String line : lines) {
            List<String> f = ShippedFiles.fields(line);
            if (zoneWord.equals(f.get(0))) {
                zones.add(zone.apply(f, region));
            } else if (typeWord.equals(f.get(0))) {
                names.add(f.get(1));
                prices.add(f.get(2));
                spots.add(f.get(3).isEmpty() ? null : Double.valueOf(f.get(3)));
                masks.add(Long.parseLong(f.get(4), 16));
            } else {
                throw new IllegalStateException("unexpected line in the " + cloud + " catalog file of " + region
                        + ": " + line);
            }
        }
        return new SpotRegion(region, zones, names, prices, spots.toArray(Double[]::new), masks);
    }
}
