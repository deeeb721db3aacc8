package io.altostratus.core.placement;

import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Zone;
import java.util.List;
import java.util.Set;

/**
 * What one cloud offers, as {@link Candidates} needs it: regions, their zones, priced types per region and the types
 * of each zone. The shape of alto-catalog's {@code Catalog}, kept here so the core needs no catalog; a catalog fits it
 * method for method.
 */
public interface Offerings {
    /** The provider name candidates are made for. */
    String provider();

    List<Region> regions();

    /** The zones of a region; empty for a cloud without zones. */
    List<Zone> zones(String region);

    /** The types offered in a region, with the region's on-demand price where known. */
    List<InstanceType> instanceTypes(String region);

    /** The names of the types one zone offers; empty when the cloud does not say (every type is then assumed). */
    Set<String> typesOfferedInZone(String zone);
}
