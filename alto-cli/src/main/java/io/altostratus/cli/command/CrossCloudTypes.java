package io.altostratus.cli.command;

import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.CatalogChoice;
import io.altostratus.catalog.Price;
import io.altostratus.catalog.PriceSource;
import io.altostratus.cli.ExitCode;
import io.altostratus.cli.internal.Args;
import io.altostratus.cli.internal.CatalogOfferings;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.Table;
import io.altostratus.cli.internal.UsageException;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Zone;
import io.altostratus.core.placement.Candidate;
import io.altostratus.core.placement.Candidates;
import io.altostratus.core.placement.Offerings;
import io.altostratus.core.placement.Requirements;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code alto types --clouds ...}: the placement candidates over several clouds' catalogs, cheapest first, each with
 * its price's source. A cloud's catalog is its refreshed snapshot while that is younger than {@code catalog_ttl}, else
 * the shipped data, as {@code alto catalog status} would say.
 */
final class CrossCloudTypes {
    private final TypesCommand command;

    CrossCloudTypes(TypesCommand command) {
        this.command = command;
    }

    /**
     * One candidate as listed.
     *
     * @param priceSource where its price comes from (the on-demand or the spot price, as asked)
     */
    record Row(String cloud, String region, String zone, String type, int vcpus, long memoryMiB, int gpus,
               String gpuModel, Double pricePerHour, PriceSource priceSource) {
    }

    ExitCode run(Output out) {
        List<String> clouds = clouds();
        Requirements needs = requirements();
        Map<String, CatalogChoice> choices = new LinkedHashMap<>();
        Candidates.Builder candidates = Candidates.builder().requirements(needs).limit(command.limit);
        for (String cloud : clouds) {
            CatalogChoice choice = CatalogsInUse.choose(command.cli(), cloud);
            choices.put(cloud, choice);
            candidates.offerings(new Priced(cloud, choice.catalog(), command.spot));
        }
        if (command.regionFilter != null) {
            candidates.regions(command.regionFilter.stream().map(String::strip).filter(r -> !r.isEmpty()).toList());
        }
        List<Candidate> list = candidates.build();
        List<Row> rows = new ArrayList<>(list.size());
        for (Candidate c : list) {
            Catalog catalog = choices.get(c.provider()).catalog();
            InstanceType t = catalog.instanceType(c.region(), c.instanceType()).orElseThrow();
            Optional<Price> price = Priced.price(catalog, c.region(), c.instanceType(), command.spot);
            rows.add(new Row(c.provider(), c.region(), c.zone(), c.instanceType(), t.vcpus(), t.memoryMiB(),
                    t.gpus(), t.gpuModel(), c.pricePerHour(), price.map(Price::source).orElse(null)));
        }
        out.list(rows, r -> r, table());
        if (out.isTable()) {
            List<String> used = new ArrayList<>();
            choices.forEach((cloud, choice) -> used.add(cloud + " " + (choice.origin() == CatalogChoice.Origin.CACHE
                    ? "refreshed snapshot, " + choice.age().toHours() + " h old"
                    : "shipped data of " + choice.catalog().source().takenAt().toString().substring(0, 10))));
            out.text((command.spot ? "spot" : "on-demand") + " prices; catalogs: " + String.join("; ", used)
                    + "; " + TypesCommand.ESTIMATED + " marks an estimated price");
        }
        return ExitCode.OK;
    }

    private List<String> clouds() {
        Set<String> out = new LinkedHashSet<>();
        for (String c : command.clouds) {
            String cloud = c.strip().toLowerCase(Locale.ROOT);
            if (cloud.isEmpty()) {
                continue;
            }
            if (!CatalogsInUse.clouds().contains(cloud)) {
                throw new UsageException("--clouds: no catalog for '" + c.strip() + "' (catalogs: "
                        + String.join(", ", CatalogsInUse.clouds()) + ")");
            }
            out.add(cloud);
        }
        if (out.isEmpty()) {
            throw new UsageException("--clouds needs at least one cloud, e.g. --clouds aws,gcp,azure");
        }
        return List.copyOf(out);
    }

    private Requirements requirements() {
        Architecture architecture = command.arch == null ? null : Architecture.parse(command.arch);
        Requirements needs = new Requirements(command.minVcpus, Args.gibToMib(command.minMemory), null, 0,
                architecture, null);
        if (command.gpu != null) {
            try {
                needs = needs.withGpu(command.gpu);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--gpu: " + e.getMessage());
            }
        }
        return needs;
    }

    private static Table<Row> table() {
        return Table.of(Row.class)
                .col("CLOUD", Row::cloud)
                .col("REGION", Row::region)
                .col("ZONE", Row::zone)
                .col("TYPE", Row::type)
                .col("VCPUS", Row::vcpus)
                .col("MEMORY-GIB", r -> TypesCommand.gib(r.memoryMiB()))
                .col("GPUS", r -> r.gpus() == 0 ? null : r.gpus() + (r.gpuModel() == null ? "" : " " + r.gpuModel()))
                .col("USD/HOUR", r -> r.pricePerHour() == null ? null
                        : (r.priceSource() != null && r.priceSource().estimated() ? TypesCommand.ESTIMATED : "")
                        + String.format(Locale.ROOT, "%.4f", r.pricePerHour()))
                .col("PRICE-SOURCE", r -> r.priceSource() == null ? null
                        : r.priceSource().estimated() ? "estimated: " + r.priceSource().estimatedFrom()
                        + " (" + r.priceSource().dated() + ")" : r.priceSource().dated());
    }

    /**
     * A catalog as candidates' offerings, each type priced as asked: on demand with the catalog's own provenance, or
     * spot, where a type without a spot price is left out (it cannot be bought that way).
     */
    private static final class Priced implements Offerings {
        private final CatalogOfferings catalog;
        private final boolean spot;
        private final Map<String, List<InstanceType>> types = new ConcurrentHashMap<>();

        Priced(String cloud, Catalog catalog, boolean spot) {
            this.catalog = new CatalogOfferings(cloud, catalog);
            this.spot = spot;
        }

        static Optional<Price> price(Catalog catalog, String region, String type, boolean spot) {
            return spot ? catalog.spotPrice(region, type) : catalog.onDemandPrice(region, type);
        }

        @Override
        public String provider() {
            return catalog.provider();
        }

        @Override
        public List<Region> regions() {
            return catalog.regions();
        }

        @Override
        public List<Zone> zones(String region) {
            return catalog.zones(region);
        }

        @Override
        public List<InstanceType> instanceTypes(String region) {
            return types.computeIfAbsent(region, r -> {
                List<InstanceType> out = new ArrayList<>();
                for (InstanceType t : catalog.instanceTypes(r)) {
                    Optional<Price> p = price(catalog.catalog(), r, t.name(), spot);
                    if (p.isPresent()) {
                        out.add(t.withPrice(p.get().perHour()));
                    } else if (!spot) {
                        out.add(t.withPrice(null));
                    }
                }
                return List.copyOf(out);
            });
        }

        @Override
        public Set<String> typesOfferedInZone(String zone) {
            return catalog.typesOfferedInZone(zone);
        }
    }
}
