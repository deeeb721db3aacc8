package io.altostratus.catalog;

import io.altostratus.core.query.TypeQuery;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A snapshot in formats other tools read: the snapshot JSON itself, CSV (one row per region and type), and Kconfig
 * fragments in the style kdevops generates for its Terraform AWS settings (a region choice, a type-family choice,
 * one size choice per family, and string symbols that carry the chosen names).
 */
public final class CatalogExport {
    private CatalogExport() {
    }

    /** The snapshot as JSON, the same document {@link SnapshotStore} keeps (uncompressed). */
    public static String json(CatalogSnapshot snapshot) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        try {
            SnapshotStore.write(snapshot, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The CSV header; every row has these columns in this order. */
    public static final List<String> CSV_COLUMNS = List.of("region", "type", "vcpus", "memoryMiB", "gpus", "gpuModel",
            "architectures", "burstable", "currentGeneration", "networkPerformance", "localStorageGiB", "pricePerHour",
            "spotPricePerHour", "zones", "priceSource", "priceEstimated");

    /**
     * One line per (region, type) offered, regions and types in name order; {@code region} null for all regions.
     * Lists inside a field are separated by spaces; fields with commas or quotes are quoted as RFC 4180 says. The
     * last column says where the on-demand price comes from ({@link PriceSource#label()}: source and date, and what an
     * estimate was derived from), empty where the snapshot's own source priced it; {@code priceEstimated} is
     * {@code true} for a price the catalog worked out for a gap in its source, {@code false} for one the source quotes,
     * and empty where there is no price.
     */
    public static String csv(CatalogSnapshot snapshot, String region) {
        Map<String, InstanceType> types = typesByName(snapshot);
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", CSV_COLUMNS)).append('\n');
        for (CatalogSnapshot.RegionData r : regions(snapshot, region)) {
            for (CatalogSnapshot.Offer offer : r.offers()) {
                InstanceType t = types.get(offer.type());
                List<String> row = List.of(r.name(), t.name(), Integer.toString(t.vcpus()),
                        Long.toString(t.memoryMiB()), Integer.toString(t.gpus()), nullToEmpty(t.gpuModel()),
                        t.architectures().stream().map(Architecture::wireName).collect(Collectors.joining(" ")),
                        Boolean.toString(t.burstable()), Boolean.toString(t.currentGeneration()),
                        nullToEmpty(t.networkPerformance()), Long.toString(t.localStorageGiB()),
                        price(offer.pricePerHour()), price(offer.spotPricePerHour()), String.join(" ", offer.zones()),
                        offer.priceSource() == null ? "" : offer.priceSource().label(),
                        offer.pricePerHour() == null ? ""
                                : Boolean.toString(offer.priceSource() != null && offer.priceSource().estimated()));
                for (int i = 0; i < row.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    out.append(csvField(row.get(i)));
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    /**
     * Kconfig for one region: {@code <PREFIX>_REGION} as a choice over every region, then the region's types as a
     * family choice with one size choice per family, and {@code <PREFIX>_INSTANCE_TYPE} as the chosen name. The
     * prefix is {@code TERRAFORM_AWS} for aws, as kdevops names it. Defaults: the region asked for, and the
     * family and size of the cheapest priced type with at least 2 vCPUs. A size's help gives its price with the
     * price's source and date, and says "about" and what it was derived from where the catalog estimated it.
     */
    public static String kconfig(CatalogSnapshot snapshot, String region) {
        String prefix = "TERRAFORM_" + symbol(snapshot.provider());
        CatalogSnapshot.RegionData data = snapshot.region(region);
        if (data == null) {
            throw io.altostratus.core.error.AltoException.invalid("InvalidParameterValue",
                    "unknown " + snapshot.provider() + " region '" + region + "'");
        }
        Map<String, InstanceType> types = typesByName(snapshot);
        StringBuilder k = new StringBuilder();
        k.append("# Generated by 'alto catalog export --format kconfig' from: ").append(snapshot.source().description())
                .append(" (taken ").append(snapshot.source().takenAt()).append(")\n\n");

        k.append("choice\n\tprompt \"").append(providerName(snapshot)).append(" region\"\n\tdefault ")
                .append(prefix).append("_REGION_").append(symbol(region)).append("\n\n");
        for (CatalogSnapshot.RegionData r : snapshot.regions()) {
            Region reg = r.region();
            k.append("config ").append(prefix).append("_REGION_").append(symbol(reg.name())).append('\n')
                    .append("\tbool \"").append(reg.name()).append("\"\n")
                    .append("\thelp\n\t  ").append(reg.displayName())
                    .append(reg.optIn() ? " (opt-in region)" : "").append(".\n\n");
        }
        k.append("endchoice\n\n");
        k.append("config ").append(prefix).append("_REGION\n\tstring\n\toutput yaml\n");
        for (CatalogSnapshot.RegionData r : snapshot.regions()) {
            k.append("\tdefault \"").append(r.name()).append("\" if ").append(prefix).append("_REGION_")
                    .append(symbol(r.name())).append('\n');
        }
        k.append('\n');

        Map<String, List<InstanceType>> families = new LinkedHashMap<>();
        List<InstanceType> offered = new ArrayList<>();
        Map<String, PriceSource> priceSources = new HashMap<>();
        for (CatalogSnapshot.Offer offer : data.offers()) {
            offered.add(types.get(offer.type()).withPrice(offer.pricePerHour()));
            if (offer.priceSource() != null) {
                priceSources.put(offer.type(), offer.priceSource());
            }
        }
        offered.sort(java.util.Comparator.comparing(InstanceType::name));
        for (InstanceType t : offered) {
            families.computeIfAbsent(family(t.name()), f -> new ArrayList<>()).add(t);
        }
        InstanceType preferred = offered.stream().filter(t -> t.pricePerHour() != null && t.vcpus() >= 2)
                .min(TypeQuery.CHEAPEST_FIRST).orElse(offered.isEmpty() ? null : offered.get(0));
        if (preferred == null) {
            return k.toString();
        }
        k.append("choice\n\tprompt \"").append(providerName(snapshot)).append(" instance type family in ")
                .append(region).append("\"\n\tdefault ").append(prefix).append("_INSTANCE_TYPE_")
                .append(symbol(family(preferred.name()))).append("\n\n");
        for (Map.Entry<String, List<InstanceType>> f : families.entrySet()) {
            k.append("config ").append(prefix).append("_INSTANCE_TYPE_").append(symbol(f.getKey())).append('\n')
                    .append("\tbool \"").append(f.getKey()).append("\"\n")
                    .append("\thelp\n\t  The ").append(f.getKey()).append(" family: ").append(f.getValue().size())
                    .append(f.getValue().size() == 1 ? " size" : " sizes").append(" in ").append(region)
                    .append(".\n\n");
        }
        k.append("endchoice\n\n");
        for (Map.Entry<String, List<InstanceType>> f : families.entrySet()) {
            String familySymbol = prefix + "_INSTANCE_TYPE_" + symbol(f.getKey());
            InstanceType cheapest = f.getValue().stream().min(TypeQuery.CHEAPEST_FIRST).orElseThrow();
            InstanceType defaultSize = f.getKey().equals(family(preferred.name())) ? preferred : cheapest;
            k.append("if ").append(familySymbol).append("\n\n");
            k.append("choice\n\tprompt \"").append(f.getKey()).append(" size\"\n\tdefault ")
                    .append(sizeSymbol(prefix, defaultSize.name())).append("\n\n");
            for (InstanceType t : f.getValue()) {
                k.append("config ").append(sizeSymbol(prefix, t.name())).append('\n')
                        .append("\tbool \"").append(t.name()).append("\"\n")
                        .append("\thelp\n\t  ").append(describe(t, priceSources.get(t.name()))).append("\n\n");
            }
            k.append("endchoice\n\nendif # ").append(familySymbol).append("\n\n");
        }
        k.append("config ").append(prefix).append("_INSTANCE_TYPE\n\tstring\n\toutput yaml\n");
        for (InstanceType t : offered) {
            k.append("\tdefault \"").append(t.name()).append("\" if ").append(sizeSymbol(prefix, t.name()))
                    .append('\n');
        }
        return k.toString();
    }

    /** A Kconfig symbol part: upper case, every other character than letters and digits as an underscore. */
    static String symbol(String name) {
        StringBuilder s = new StringBuilder(name.length());
        for (char c : name.toUpperCase(Locale.ROOT).toCharArray()) {
            s.append((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
        }
        return s.toString();
    }

    private static String sizeSymbol(String prefix, String type) {
        return prefix + "_INSTANCE_" + symbol(type);
    }

    /** EC2's family is what comes before the dot ({@code t3}); GCE's the series before the first dash ({@code n2}). */
    private static String family(String type) {
        int dot = type.indexOf('.');
        if (dot >= 0) {
            return type.substring(0, dot);
        }
        int dash = type.indexOf('-');
        return dash < 0 ? type : type.substring(0, dash);
    }

    /** A size's help line; {@code source} is where its price comes from, null for the snapshot's own source. */
    private static String describe(InstanceType t, PriceSource source) {
        StringBuilder d = new StringBuilder();
        d.append(t.vcpus()).append(" vCPUs, ").append(gib(t.memoryMiB())).append(" GiB memory, ")
                .append(t.architectures().stream().map(Architecture::wireName).collect(Collectors.joining("/")));
        if (t.gpus() > 0) {
            d.append(", ").append(t.gpus()).append(" x ").append(t.gpuModel() == null ? "GPU" : t.gpuModel());
        }
        if (t.localStorageGiB() > 0) {
            d.append(", ").append(t.localStorageGiB()).append(" GB instance storage");
        }
        if (t.pricePerHour() == null) {
            d.append(", price unknown");
        } else if (source == null) {
            d.append(", $").append(price(t.pricePerHour())).append(" per hour");
        } else if (source.estimated()) {
            d.append(", about $").append(price(t.pricePerHour())).append(" per hour (estimated from ")
                    .append(source.estimatedFrom()).append(", ").append(source.dated()).append(')');
        } else {
            d.append(", $").append(price(t.pricePerHour())).append(" per hour (").append(source.dated()).append(')');
        }
        return d.append('.').toString();
    }

    private static String gib(long mib) {
        return BigDecimal.valueOf(mib).divide(BigDecimal.valueOf(1024)).stripTrailingZeros().toPlainString();
    }

    private static String providerName(CatalogSnapshot snapshot) {
        return snapshot.provider().toUpperCase(Locale.ROOT);
    }

    private static Map<String, InstanceType> typesByName(CatalogSnapshot snapshot) {
        Map<String, InstanceType> types = new HashMap<>();
        snapshot.types().forEach(t -> types.put(t.name(), t));
        return types;
    }

    private static List<CatalogSnapshot.RegionData> regions(CatalogSnapshot snapshot, String region) {
        if (region == null) {
            return snapshot.regions();
        }
        CatalogSnapshot.RegionData data = snapshot.region(region);
        if (data == null) {
            throw io.altostratus.core.error.AltoException.invalid("InvalidParameterValue",
                    "unknown " + snapshot.provider() + " region '" + region + "'");
        }
        return List.of(data);
    }

    private static String price(Double p) {
        return p == null ? "" : BigDecimal.valueOf(p).stripTrailingZeros().toPlainString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String csvField(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
