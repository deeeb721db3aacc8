package io.altostratus.catalog.internal.shipped;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.InstanceType;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link ShippedCatalog} whose region files carry spot prices ({@link SpotRegion}), whose zones are named after
 * their region, and whose images are one list, the same in every region, read on first use and kept. A subclass
 * says how its zone names give the region ({@link #regionOfZone}), reads its image list and its region files.
 */
public abstract class SpotCatalog extends ShippedCatalog<SpotRegion> {
    private final String cloud;
    private final String errorCode;
    private final Lazy<List<Image>> images = new Lazy<>(this::loadImages);

    /** As {@link ShippedCatalog#ShippedCatalog}. */
    protected SpotCatalog(ShippedFiles files, String typesFile, String cloud, String errorCode) {
        super(files, typesFile, cloud, errorCode);
        this.cloud = cloud;
        this.errorCode = errorCode;
    }

    /** The region a zone's name names, or null where the name is not of a zone. */
    protected abstract String regionOfZone(String zone);

    /** The image list, the same in every region. */
    protected abstract List<Image> loadImages();

    @Override
    public final Optional<InstanceType> instanceType(String region, String name) {
        return region(region).instanceType(types(), name);
    }

    @Override
    public final Optional<Double> spotPricePerHour(String region, String type) {
        return region(region).spotPrice(type);
    }

    @Override
    public final Set<String> typesOfferedInZone(String zone) {
        if (zone == null) {
            throw AltoException.invalid(errorCode, "a zone name is required");
        }
        String region = regionOfZone(zone);
        Set<String> offered = region != null && isRegion(region) ? region(region).typesIn(zone) : null;
        if (offered == null) {
            throw AltoException.invalid(errorCode, "unknown " + cloud + " zone '" + zone + "'");
        }
        return offered;
    }

    @Override
    public final List<Image> images(String region) {
        region(region);
        return images.get();
    }
}
