package io.altostratus.catalog.internal.build;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compute Engine regions, their zones and where they are, from Google's public "Regions and zones" page: every
 * region the price data prices (22), plus us-east1 and us-west1, which it lacks but which are among the most used.
 * GCE zones are named region + "-" + letter, and the letters are not always a, b, c (us-central1 has f, us-east1
 * and europe-west1 start at b).
 */
final class GceRegionFacts {
    /**
     * One region.
     *
     * @param location    where it is, as Google names it (the catalog's display name)
     * @param zoneLetters its zones' letters, in order
     */
    record Facts(String location, List<String> zoneLetters) {
        List<String> zones(String region) {
            return zoneLetters.stream().map(letter -> region + "-" + letter).toList();
        }
    }

    private static final List<String> ABC = List.of("a", "b", "c");
    private static final List<String> BCD = List.of("b", "c", "d");

    static final Map<String, Facts> REGIONS = new TreeMap<>(Map.ofEntries(
            Map.entry("asia-east1", new Facts("Changhua County, Taiwan", ABC)),
            Map.entry("asia-east2", new Facts("Hong Kong", ABC)),
            Map.entry("asia-northeast1", new Facts("Tokyo, Japan", ABC)),
            Map.entry("asia-northeast2", new Facts("Osaka, Japan", ABC)),
            Map.entry("asia-northeast3", new Facts("Seoul, South Korea", ABC)),
            Map.entry("asia-south1", new Facts("Mumbai, India", ABC)),
            Map.entry("asia-southeast1", new Facts("Jurong West, Singapore", ABC)),
            Map.entry("asia-southeast2", new Facts("Jakarta, Indonesia", ABC)),
            Map.entry("australia-southeast1", new Facts("Sydney, Australia", ABC)),
            Map.entry("europe-north1", new Facts("Hamina, Finland", ABC)),
            Map.entry("europe-west1", new Facts("St. Ghislain, Belgium", BCD)),
            Map.entry("europe-west2", new Facts("London, England", ABC)),
            Map.entry("europe-west3", new Facts("Frankfurt, Germany", ABC)),
            Map.entry("europe-west4", new Facts("Eemshaven, Netherlands", ABC)),
            Map.entry("europe-west6", new Facts("Zurich, Switzerland", ABC)),
            Map.entry("northamerica-northeast1", new Facts("Montréal, Québec", ABC)),
            Map.entry("southamerica-east1", new Facts("Osasco, São Paulo, Brazil", ABC)),
            Map.entry("us-central1", new Facts("Council Bluffs, Iowa", List.of("a", "b", "c", "f"))),
            Map.entry("us-east1", new Facts("Moncks Corner, South Carolina", BCD)),
            Map.entry("us-east4", new Facts("Ashburn, Virginia", ABC)),
            Map.entry("us-west1", new Facts("The Dalles, Oregon", ABC)),
            Map.entry("us-west2", new Facts("Los Angeles, California", ABC)),
            Map.entry("us-west3", new Facts("Salt Lake City, Utah", ABC)),
            Map.entry("us-west4", new Facts("Las Vegas, Nevada", ABC))));

    private GceRegionFacts() {
    }
}
