package io.altostratus.core.placement;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Zone;
import io.altostratus.core.query.Glob;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Builds the candidate list for a {@link FailoverPolicy}: every (cloud, region, zone, type) that meets the
 * requirements, cheapest first. Each zone that offers a type is its own candidate, so the same type in the next zone
 * and the next region follows right after a zone that ran out of it; a region without zones gives one candidate per
 * type with no zone.
 *
 * <pre>{@code
 * List<Candidate> list = Candidates.builder()
 *         .offerings(awsOfferings).offerings(gcpOfferings)
 *         .requirements(Requirements.of(4, 16 * 1024))
 *         .regions(List.of("us-*", "europe-west1"))
 *         .build();
 * }</pre>
 *
 * <p>Order: price ascending with unpriced types last (their cost is unknown, so they are never preferred over a known
 * one), then fewer vCPUs, less memory, the order the clouds were given in, region, zone and type name, so the
 * same inputs always give the same list.
 */
public final class Candidates {
    private final List<Offerings> clouds;
    private final Requirements requirements;
    private final List<String> regions;
    private final List<String> zones;
    private final int limit;

    private Candidates(Builder b) {
        this.clouds = List.copyOf(b.clouds);
        this.requirements = b.requirements;
        this.regions = List.copyOf(b.regions);
        this.zones = List.copyOf(b.zones);
        this.limit = b.limit;
    }

    public static Builder builder() {
        return new Builder();
    }

    private record Ranked(Candidate candidate, InstanceType type, int cloudIndex) {
    }

    private static final Comparator<Ranked> ORDER = Comparator
            .comparing((Ranked r) -> r.candidate().pricePerHour(), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparingInt(r -> r.type().vcpus())
            .thenComparingLong(r -> r.type().memoryMiB())
            .thenComparingInt(Ranked::cloudIndex)
            .thenComparing(r -> r.candidate().region())
            .thenComparing(r -> r.candidate().zone(), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(r -> r.candidate().instanceType());

    /**
     * The candidates, cheapest first.
     *
     * @throws AltoException {@code INVALID_PARAMETER}: a region or zone that no given cloud has ({@code
     *         InvalidRegion}, {@code InvalidZone}), or nothing that fits ({@code NoMatchingInstanceType})
     */
    public List<Candidate> list() {
        checkNamedPlacesExist();
        List<Ranked> ranked = new ArrayList<>();
        for (int c = 0; c < clouds.size(); c++) {
            Offerings cloud = clouds.get(c);
            for (Region region : cloud.regions()) {
                if (!regionWanted(region.name())) {
                    continue;
                }
                List<InstanceType> fitting = cloud.instanceTypes(region.name()).stream()
                        .filter(requirements::matches).toList();
                if (fitting.isEmpty()) {
                    continue;
                }
                List<Zone> regionZones = cloud.zones(region.name()).stream()
                        .filter(z -> zones.isEmpty() || zones.contains(z.name())).toList();
                if (regionZones.isEmpty()) {
                    if (!zones.isEmpty()) {
                        continue;
                    }
                    for (InstanceType t : fitting) {
                        ranked.add(new Ranked(candidate(cloud, region.name(), null, t), t, c));
                    }
                    continue;
                }
                for (Zone zone : regionZones) {
                    Set<String> offered = cloud.typesOfferedInZone(zone.name());
                    for (InstanceType t : fitting) {
                        if (offered.isEmpty() || offered.contains(t.name())) {
                            ranked.add(new Ranked(candidate(cloud, region.name(), zone.name(), t), t, c));
                        }
                    }
                }
            }
        }
        if (ranked.isEmpty()) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "NoMatchingInstanceType",
                    "no candidate fits: no instance type of " + String.join(", ", clouds.stream()
                            .map(Offerings::provider).toList()) + describeWhere() + " has " + describeNeeds());
        }
        ranked.sort(ORDER);
        List<Ranked> kept = limit > 0 && ranked.size() > limit ? ranked.subList(0, limit) : ranked;
        return kept.stream().map(Ranked::candidate).toList();
    }

    private static Candidate candidate(Offerings cloud, String region, String zone, InstanceType t) {
        return new Candidate(cloud.provider(), region, zone, t.name(), t.pricePerHour());
    }

    private boolean regionWanted(String region) {
        if (!zones.isEmpty()) {
            return true; // the zones decide
        }
        return regions.isEmpty() || regions.stream().anyMatch(p -> Glob.matches(p, region));
    }

    /** A region or zone named exactly (no wildcard) that no cloud has is a typo, not an empty answer. */
    private void checkNamedPlacesExist() {
        Set<String> known = new LinkedHashSet<>();
        for (Offerings cloud : clouds) {
            cloud.regions().forEach(r -> known.add(r.name()));
        }
        for (String r : regions) {
            if (!Glob.hasWildcard(r) && !known.contains(r)) {
                throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidRegion", "no region '" + r + "' in "
                        + String.join(", ", clouds.stream().map(Offerings::provider).toList()));
            }
        }
        if (zones.isEmpty()) {
            return;
        }
        Set<String> knownZones = new LinkedHashSet<>();
        for (Offerings cloud : clouds) {
            for (Region region : cloud.regions()) {
                if (regions.isEmpty() || regions.stream().anyMatch(p -> Glob.matches(p, region.name()))) {
                    cloud.zones(region.name()).forEach(z -> knownZones.add(z.name()));
                }
            }
        }
        for (String z : zones) {
            if (!knownZones.contains(z)) {
                throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidZone", "no zone '" + z + "' in "
                        + (regions.isEmpty() ? "" : String.join(", ", regions) + " of ")
                        + String.join(", ", clouds.stream().map(Offerings::provider).toList()));
            }
        }
    }

    private String describeWhere() {
        if (!zones.isEmpty()) {
            return " in zone(s) " + String.join(", ", zones);
        }
        return regions.isEmpty() ? "" : " in region(s) " + String.join(", ", regions);
    }

    private String describeNeeds() {
        List<String> needs = new ArrayList<>();
        if (requirements.minVcpus() > 0) {
            needs.add(requirements.minVcpus() + " vCPUs");
        }
        if (requirements.minMemoryMiB() > 0) {
            needs.add(requirements.minMemoryMiB() + " MiB");
        }
        if (requirements.gpuModel() != null) {
            needs.add(requirements.gpuCount() + " x " + requirements.gpuModel());
        }
        if (requirements.architecture() != null) {
            needs.add("on " + requirements.architecture());
        }
        if (requirements.maxPrice() != null) {
            needs.add("at most $" + requirements.maxPrice() + "/h");
        }
        return needs.isEmpty() ? "any size" : "at least " + String.join(", ", needs);
    }

    /** Mutable builder; {@link #build()} checks it. */
    public static final class Builder {
        private final List<Offerings> clouds = new ArrayList<>();
        private Requirements requirements = Requirements.of(0, 0);
        private final List<String> regions = new ArrayList<>();
        private final List<String> zones = new ArrayList<>();
        private int limit;

        private Builder() {
        }

        /** A cloud to take candidates from; clouds given earlier win ties on price. */
        public Builder offerings(Offerings cloud) {
            clouds.add(Objects.requireNonNull(cloud, "cloud"));
            return this;
        }

        public Builder requirements(Requirements v) {
            requirements = Objects.requireNonNull(v, "requirements");
            return this;
        }

        /** Only these regions; each a name or a glob such as {@code eu-*}. Empty: every region. */
        public Builder regions(List<String> v) {
            regions.addAll(v);
            return this;
        }

        /** Only these zones (exact names). Empty: every zone of the chosen regions. */
        public Builder zones(List<String> v) {
            zones.addAll(v);
            return this;
        }

        /** At most this many candidates, the cheapest; 0 for all. */
        public Builder limit(int v) {
            if (v < 0) {
                throw new IllegalArgumentException("limit cannot be negative");
            }
            limit = v;
            return this;
        }

        /** The candidates, cheapest first (see {@link Candidates#list()}). */
        public List<Candidate> build() {
            if (clouds.isEmpty()) {
                throw new IllegalArgumentException("candidates need at least one cloud's offerings");
            }
            return new Candidates(this).list();
        }
    }
}
