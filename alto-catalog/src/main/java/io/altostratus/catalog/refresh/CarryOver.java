package io.altostratus.catalog.refresh;

import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.CatalogSnapshot;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Regions a refresh did not ask for, taken from the catalog in use, so that refreshing some regions does not drop
 * the others from the snapshot.
 */
public final class CarryOver {
    private CarryOver() {
    }

    /**
     * Adds the fallback's regions not in {@code refreshed} to {@code regions}, their types missing from {@code types}
     * to it, and a note naming them to {@code notes}; adds nothing when every region was refreshed.
     */
    public static void regionsNotRefreshed(Catalog fallback, Set<String> refreshed,
                                           List<CatalogSnapshot.RegionData> regions, Map<String, InstanceType> types,
                                           List<String> notes) {
        List<String> skipped = fallback.regions().stream().map(Region::name)
                .filter(r -> !refreshed.contains(r)).toList();
        if (skipped.isEmpty()) {
            return;
        }
        CatalogSnapshot old = CatalogSnapshot.of(fallback, List.of(), skipped);
        regions.addAll(old.regions());
        old.types().forEach(t -> types.putIfAbsent(t.name(), t));
        notes.add("regions not refreshed, carried over from the fallback catalog: " + String.join(", ", skipped));
    }
}
