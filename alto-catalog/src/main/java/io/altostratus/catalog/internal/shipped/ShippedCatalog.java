package io.altostratus.catalog.internal.shipped;

import io.altostratus.catalog.Catalog;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Zone;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A catalog over {@link ShippedFiles}, the part every layout shares. Nothing is read at construction: the source, the
 * region index ({@value ShippedFiles#REGIONS}), the {@link TypeTable} and each region's file are read on first use
 * and kept, so a CLI call about one region stays cheap in a cold JVM. A subclass reads its layout's region lines and
 * region files and answers what differs between clouds. Safe for concurrent use: caches are filled under a lock or
 * through {@link ConcurrentHashMap#computeIfAbsent}, and everything handed out is immutable.
 *
 * @param <R> a region as the layout's region file gives it
 */
public abstract class ShippedCatalog<R extends ShippedRegion> implements Catalog {
    protected final ShippedFiles files;
    private final String cloud;
    private final String errorCode;
    private final Map<String, R> regionData = new ConcurrentHashMap<>();
    private final Lazy<Index> index = new Lazy<>(this::loadIndex);
    private final Lazy<Map<String, InstanceType>> types;

    /**
     * @param files     the catalog's files
     * @param typesFile the layout's {@link TypeTable}
     * @param cloud     the cloud's name in messages (AWS, GCP)
     * @param errorCode the cloud's own code for an unknown region
     */
    protected ShippedCatalog(ShippedFiles files, String typesFile, String cloud, String errorCode) {
        this.files = files;
        this.cloud = cloud;
        this.errorCode = errorCode;
        this.types = new Lazy<>(() -> TypeTable.read(files.lines(typesFile)));
    }

    /** The region one line of {@value ShippedFiles#REGIONS} describes. */
    protected abstract Region readRegion(List<String> fields);

    /** Reads the file of one region. */
    protected abstract R readRegionFile(String region);

    @Override
    public final Source source() {
        return files.source();
    }

    @Override
    public final List<Region> regions() {
        return index.get().list;
    }

    @Override
    public final List<Zone> zones(String region) {
        return region(region).zones();
    }

    @Override
    public final List<InstanceType> instanceTypes(String region) {
        return region(region).pricedTypes(types());
    }

    /** The type table, by name. */
    protected final Map<String, InstanceType> types() {
        return types.get();
    }

    protected final boolean isRegion(String name) {
        return index.get().byName.containsKey(name);
    }

    /** One region's data, read on first use; an unknown region is the cloud's invalid-parameter error. */
    protected final R region(String name) {
        if (name == null || !isRegion(name)) {
            throw AltoException.invalid(errorCode, "unknown " + cloud + " region '" + name + "'");
        }
        R data = regionData.get(name);
        return data != null ? data : regionData.computeIfAbsent(name, this::readRegionFile);
    }

    /** The regions in file order, and by name. */
    private record Index(List<Region> list, Map<String, Region> byName) {
    }

    private Index loadIndex() {
        Map<String, Region> out = new LinkedHashMap<>();
        for (String line : files.lines(ShippedFiles.REGIONS)) {
            Region region = readRegion(ShippedFiles.fields(line));
            out.put(region.name(), region);
        }
        return new Index(List.copyOf(out.values()), Collections.unmodifiableMap(out));
    }
}
