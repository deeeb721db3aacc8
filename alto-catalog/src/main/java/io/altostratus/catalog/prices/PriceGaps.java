package io.altostratus.catalog.prices;

import io.altostratus.catalog.Price;
import io.altostratus.catalog.PriceSource;
import io.altostratus.core.model.InstanceType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The rule for AWS types a price source does not price (a gap, which a zero in the source also is: no machine is
 * free), applied region by region; every price it makes is marked estimated and says what it was derived from.
 * Quoted prices are never changed. In order, the first step that finds a base wins:
 *
 * <ol>
 *   <li><b>sibling</b>: the nearest priced size of the same family in the same region (nearest by memory; GPU types
 *       only from a size with as many GPUs), scaled by memory. Within a family AWS prices sizes in proportion (an
 *       {@code m5.2xlarge} costs twice an {@code m5.xlarge}); memory rather than vCPUs because burstable sizes share
 *       vCPU counts ({@code t3.micro} and {@code t3.small} both have 2) but not memory. Skipped at first for GPU
 *       types, whose sizes are not proportional (a GPU costs the same whatever CPU comes with it), and tried for them
 *       after the next step.</li>
 *   <li><b>other region</b>: the same type priced (quoted, or by the sibling step) in another region, times the price
 *       ratio of the two regions (the median over the types quoted in both, at least {@value #MIN_COMMON} of them);
 *       of the regions that price the type, the one whose price level is closest to this region's (us-east-1 and
 *       us-east-2 price alike; sa-east-1 costs 60% more).</li>
 *   <li><b>previous generation</b>: the nearest earlier generation of the same class and attributes priced in the
 *       region ({@link AwsFamily#predecessors()}: {@code m8g} from {@code m7g}, {@code m7i} from {@code m6i} or
 *       {@code m5}), its nearest size scaled by memory, times the median ratio between consecutive generations of
 *       the same size and region in the quoted data itself ({@link #generationStep}). Earlier generations are done
 *       first, so {@code m8a} can stand on an estimated {@code m7a}.</li>
 *   <li><b>variant</b>: for a family that is a variant of another of the same generation ({@link
 *       AwsFamily#variantOf()}: {@code c7i-flex} of {@code c7i}, {@code m8gn} of {@code m8g}, {@code r7iz} of
 *       {@code r7i}), the base family's nearest size priced in the region, scaled by memory, times the median
 *       variant-to-base ratio the quoted data shows for that suffix ({@code n}, {@code -flex}, ...; over all variants
 *       where a suffix has fewer than {@value #MIN_COMMON} pairs); then the previous-generation step again, for
 *       families whose predecessor only this step priced.</li>
 *   <li>the other-region step once more, for types that only the previous steps priced elsewhere.</li>
 * </ol>
 * A type none of these reaches stays unpriced: shown as unknown, never as zero.
 */
public final class PriceGaps {
    /** The fewest types two regions must both quote before their price ratio is trusted. */
    static final int MIN_COMMON = 5;

    private final Map<String, InstanceType> types;
    private final Map<String, Map<String, Price>> quoted;
    private final Map<String, Map<String, Price>> out = new TreeMap<>();
    private final Map<String, Map<String, List<String>>> familiesByRegion = new HashMap<>();
    private final Map<String, Ratio> ratios = new HashMap<>();
    private final Map<String, Set<String>> offered;
    private double generationStep = 1.0;
    private Map<String, Double> variantSteps = Map.of();

    private PriceGaps(Map<String, InstanceType> types, Map<String, ? extends Collection<String>> offered,
                      Map<String, Map<String, Price>> quoted) {
        this.types = types;
        this.quoted = quoted;
        this.offered = new TreeMap<>();
        offered.forEach((region, names) -> this.offered.put(region, new TreeSet<>(names)));
        for (Map.Entry<String, Set<String>> e : this.offered.entrySet()) {
            Map<String, Price> prices = new HashMap<>();
            Map<String, Price> q = quoted.getOrDefault(e.getKey(), Map.of());
            Map<String, List<String>> families = new HashMap<>();
            for (String type : e.getValue()) {
                if (!types.containsKey(type)) {
                    throw new IllegalArgumentException(e.getKey() + " offers " + type + ", which is not described");
                }
                Price p = q.get(type);
                if (p != null) {
                    prices.put(type, p);
                }
                families.computeIfAbsent(AwsFamily.ofType(type).name(), k -> new ArrayList<>()).add(type);
            }
            out.put(e.getKey(), prices);
            familiesByRegion.put(e.getKey(), families);
        }
    }

    /**
     * The prices of every offered type that quoted prices or the rule can price.
     *
     * @param types   every type, by name (vCPUs, memory and GPUs are what the rule reads)
     * @param offered the type names each region offers
     * @param quoted  the prices the source quotes, by region and type; missing entries are the gaps
     * @return by region and type, the quoted prices and the estimated ones
     */
    public static Map<String, Map<String, Price>> fill(Map<String, InstanceType> types,
                                                       Map<String, ? extends Collection<String>> offered,
                                                       Map<String, Map<String, Price>> quoted) {
        PriceGaps gaps = new PriceGaps(types, offered, quoted);
        gaps.run();
        return gaps.out;
    }

    /**
     * The median ratio of a generation's price to its predecessor's for the same size in the same region, over
     * every such pair the quoted prices hold (1.0 when they hold none).
     */
    public static double generationStep(Map<String, InstanceType> types,
                                        Map<String, ? extends Collection<String>> offered,
                                        Map<String, Map<String, Price>> quoted) {
        PriceGaps gaps = new PriceGaps(types, offered, quoted);
        return gaps.measureGenerationStep();
    }

    private void run() {
        generationStep = measureGenerationStep();
        for (String region : offered.keySet()) {
            siblings(region, false);
        }
        otherRegions();
        for (String region : offered.keySet()) {
            siblings(region, true);
        }
        for (String region : offered.keySet()) {
            previousGenerations(region);
        }
        variantSteps = measureVariantSteps();
        for (String region : offered.keySet()) {
            variants(region);
            previousGenerations(region);
        }
        otherRegions();
    }

    // ------------------------------------------------------------------ sibling

    private void siblings(String region, boolean gpuTypes) {
        Map<String, Price> prices = out.get(region);
        Map<String, Price> q = quoted.getOrDefault(region, Map.of());
        for (List<String> family : familiesByRegion.get(region).values()) {
            for (String type : family) {
                InstanceType t = types.get(type);
                if (prices.containsKey(type) || (t.gpus() > 0) != gpuTypes) {
                    continue;
                }
                String base = nearest(t, family, q.keySet());
                if (base != null) {
                    Price b = q.get(base);
                    prices.put(type, estimate(scaled(b.perHour(), base, t),
                            b.source().estimate("sibling " + base)));
                }
            }
        }
    }

    /** Of {@code candidates} in {@code family}, the one nearest to {@code t} in memory, with as many GPUs. */
    private String nearest(InstanceType t, Collection<String> family, Collection<String> candidates) {
        String best = null;
        double bestDistance = Double.MAX_VALUE;
        for (String name : family) {
            if (name.equals(t.name()) || !candidates.contains(name)) {
                continue;
            }
            InstanceType c = types.get(name);
            if (c.gpus() != t.gpus() || c.memoryMiB() <= 0) {
                continue;
            }
            double distance = Math.abs(Math.log((double) t.memoryMiB() / c.memoryMiB()));
            if (distance < bestDistance - 1e-12 || (Math.abs(distance - bestDistance) <= 1e-12
                    && name.compareTo(best) < 0)) {
                best = name;
                bestDistance = distance;
            }
        }
        return best;
    }

    private double scaled(double price, String base, InstanceType to) {
        return price * to.memoryMiB() / types.get(base).memoryMiB();
    }

    // ------------------------------------------------------------------ other region

    private void otherRegions() {
        // Bases are the prices as they stand before this pass, so the pass does not depend on region order.
        Map<String, Map<String, Price>> before = new HashMap<>();
        out.forEach((r, p) -> before.put(r, Map.copyOf(p)));
        for (String region : offered.keySet()) {
            Map<String, Price> prices = out.get(region);
            List<String> others = offered.keySet().stream().filter(r -> !r.equals(region))
                    .filter(r -> ratio(region, r) != null)
                    .sorted(Comparator.comparingDouble((String r) -> Math.abs(Math.log(ratio(region, r).value)))
                            .thenComparing(r -> -ratio(region, r).common)
                            .thenComparing(Comparator.naturalOrder()))
                    .toList();
            for (String type : offered.get(region)) {
                if (prices.containsKey(type)) {
                    continue;
                }
                for (String other : others) {
                    Price b = before.get(other).get(type);
                    if (b != null) {
                        double r = ratio(region, other).value;
                        String basis = type + " in " + other + String.format(Locale.ROOT, " x%.3f", r)
                                + (b.estimated() ? " (itself estimated from " + b.source().estimatedFrom() + ")" : "");
                        prices.put(type, estimate(b.perHour() * r, b.source().estimate(basis)));
                        break;
                    }
                }
            }
        }
    }

    /** A price ratio between two regions and how many types it rests on. */
    private record Ratio(double value, int common) {
    }

    /** The median of price(region) / price(other) over types both quote; null when too few do. */
    private Ratio ratio(String region, String other) {
        String key = region + "\t" + other;
        if (ratios.containsKey(key)) {
            return ratios.get(key);
        }
        Map<String, Price> a = quoted.getOrDefault(region, Map.of());
        Map<String, Price> b = quoted.getOrDefault(other, Map.of());
        List<Double> r = new ArrayList<>();
        for (Map.Entry<String, Price> e : a.entrySet()) {
            Price p = b.get(e.getKey());
            if (p != null) {
                r.add(e.getValue().perHour() / p.perHour());
            }
        }
        Ratio ratio = r.size() < MIN_COMMON ? null : new Ratio(median(r), r.size());
        ratios.put(key, ratio);
        return ratio;
    }

    // ------------------------------------------------------------------ previous generation

    private void previousGenerations(String region) {
        Map<String, Price> prices = out.get(region);
        Map<String, List<String>> families = familiesByRegion.get(region);
        List<String> byGeneration = new ArrayList<>(families.keySet());
        byGeneration.sort(Comparator.comparingInt((String f) -> AwsFamily.of(f).generation())
                .thenComparing(Comparator.naturalOrder()));
        for (String family : byGeneration) {
            List<String> predecessors = AwsFamily.of(family).predecessors();
            for (String type : families.get(family)) {
                if (prices.containsKey(type)) {
                    continue;
                }
                InstanceType t = types.get(type);
                for (String older : predecessors) {
                    List<String> members = families.get(older);
                    String base = members == null ? null : nearest(t, members, prices.keySet());
                    if (base != null) {
                        Price b = prices.get(base);
                        String basis = "previous generation " + base
                                + String.format(Locale.ROOT, " x%.3f", generationStep)
                                + (b.estimated() ? " (itself estimated)" : "");
                        prices.put(type, estimate(scaled(b.perHour(), base, t) * generationStep,
                                b.source().estimate(basis)));
                        break;
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ variant

    private void variants(String region) {
        Map<String, Price> prices = out.get(region);
        Map<String, List<String>> families = familiesByRegion.get(region);
        for (Map.Entry<String, List<String>> family : new TreeMap<>(families).entrySet()) {
            AwsFamily f = AwsFamily.of(family.getKey());
            for (String type : family.getValue()) {
                if (prices.containsKey(type)) {
                    continue;
                }
                InstanceType t = types.get(type);
                for (String base : f.variantOf()) {
                    List<String> members = families.get(base);
                    String from = members == null ? null : nearest(t, members, prices.keySet());
                    if (from != null) {
                        Price b = prices.get(from);
                        double step = variantStep(f.suffixOver(base));
                        String basis = "variant of " + from + String.format(Locale.ROOT, " x%.3f", step)
                                + (b.estimated() ? " (itself estimated)" : "");
                        prices.put(type, estimate(scaled(b.perHour(), from, t) * step, b.source().estimate(basis)));
                        break;
                    }
                }
            }
        }
    }

    /** The measured ratio of a variant suffix, or of all variants together when that suffix has too few pairs. */
    private double variantStep(String suffix) {
        Double own = variantSteps.get(suffix);
        return own != null ? own : variantSteps.getOrDefault("", 1.0);
    }

    /**
     * The median ratio of a variant's price to its base family's for the same size in the same region, per suffix
     * where the quoted prices hold at least {@value #MIN_COMMON} pairs, and over all pairs under the key "".
     */
    private Map<String, Double> measureVariantSteps() {
        Map<String, List<Double>> bySuffix = new TreeMap<>();
        for (Map<String, Price> q : quoted.values()) {
            for (Map.Entry<String, Price> p : q.entrySet()) {
                AwsFamily family = AwsFamily.ofType(p.getKey());
                String size = AwsFamily.size(p.getKey());
                for (String base : family.variantOf()) {
                    Price o = q.get(base + "." + size);
                    if (o != null) {
                        double r = p.getValue().perHour() / o.perHour();
                        bySuffix.computeIfAbsent(family.suffixOver(base), k -> new ArrayList<>()).add(r);
                        bySuffix.computeIfAbsent("", k -> new ArrayList<>()).add(r);
                        break;
                    }
                }
            }
        }
        Map<String, Double> out = new TreeMap<>();
        bySuffix.forEach((suffix, ratios) -> {
            if (ratios.size() >= MIN_COMMON) {
                out.put(suffix, median(ratios));
            }
        });
        return out;
    }

    private double measureGenerationStep() {
        List<Double> steps = new ArrayList<>();
        for (Map.Entry<String, Map<String, Price>> e : quoted.entrySet()) {
            Map<String, Price> q = e.getValue();
            for (Map.Entry<String, Price> p : q.entrySet()) {
                AwsFamily family = AwsFamily.ofType(p.getKey());
                String size = AwsFamily.size(p.getKey());
                for (String older : family.predecessors()) {
                    Price o = q.get(older + "." + size);
                    if (o != null) {
                        steps.add(p.getValue().perHour() / o.perHour());
                        break;
                    }
                }
            }
        }
        return steps.isEmpty() ? 1.0 : median(steps);
    }

    /**
     * An estimate, kept to a millionth of a dollar per hour: more digits would claim a precision the rule does not
     * have, and a rounded figure reads back from the shipped files exactly as it was made.
     */
    private static Price estimate(double perHour, PriceSource source) {
        return new Price(Math.round(perHour * 1_000_000d) / 1_000_000d, source);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
