package io.altostratus.catalog.internal.build;

import io.altostratus.catalog.gcp.GcpUnitPrices;
import io.altostratus.core.model.Architecture;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compute Engine's predefined machine types, as Google's machine-family pages describe them ("General-purpose
 * machine family", "Compute-optimized machine family", "Memory-optimized machine family", "Arm VMs": vCPUs and GB of
 * memory per size), and which regions offer each family. These are facts typed in from the public documentation;
 * nothing here comes from another project's code. Memory figures in those pages are GiB (GCE's own
 * {@code machineTypes} answer {@code memoryMb: 16384} for e2-standard-4), so {@code memoryMiB} is GB x 1024, rounded
 * to the nearest MiB as GCE reports it (n1-highcpu-8: 7.2 GB is 7373 MB), except where GCE reports otherwise.
 *
 * <p>GPUs are not listed: accelerator-optimized families (a2, a3, g2) need GPU facts this catalog cannot source
 * offline, so they are left out rather than guessed.
 */
final class GceMachineShapes {

    /** How the price of a family's types is put together from the price data's entries. */
    enum PriceRule {
        /** vCPUs x the family's per-vCPU price + GiB x its per-GiB price. */
        UNIT,
        /** one price per instance: the price data's whole-instance figure (f1-micro, g1-small). */
        FLAT,
        /** the price data has nothing for the family: the types are offered unpriced. */
        NONE
    }

    /**
     * One machine type.
     *
     * @param name        e.g. {@code n2-standard-4}
     * @param family      its family, the key of the price data ({@code n2})
     * @param vcpus       the vCPUs the guest sees (GCE's {@code guestCpus}: 2 for e2-micro, whose share is 0.25)
     * @param memoryGb    memory as the documentation gives it, in GiB (priced on this figure)
     * @param memoryMiB   memory as GCE reports it ({@code memoryMb})
     * @param sharedCore  whether the vCPUs are a time-shared fraction of a core (GCE's {@code isSharedCpu})
     * @param pricedVcpus the vCPUs the bill counts: the fraction for shared-core e2 types, else {@code vcpus}
     * @param arch        the CPU architecture
     */
    record Shape(String name, String family, int vcpus, BigDecimal memoryGb, long memoryMiB, boolean sharedCore,
                 BigDecimal pricedVcpus, Architecture arch) {
    }

    /**
     * A family and where it is offered.
     *
     * @param name          the family ({@code e2}); the key of the price data for UNIT and FLAT families
     * @param rule          how its prices are put together
     * @param extraRegions  regions (beyond those where the price data prices it) that offer the family, each with the
     *                      zone letters that offer it, or an empty list for every zone of the region
     */
    record Family(String name, PriceRule rule, Map<String, List<String>> extraRegions) {
    }

    private static final List<String> ALL_ZONES = List.of();
    private static final BigDecimal MIB_PER_GIB = BigDecimal.valueOf(1024);

    /*
     * Where a family is offered. The price data prices a family per region; where it does, the family is offered
     * in every zone of that region. That is an approximation: Google's "Available regions and zones" table shows
     * some families missing from some zones. us-east1 and us-west1 are missing from the price data altogether;
     * the general-purpose families are offered there (unpriced), as that table lists them. Families the price data
     * does not know (c2d, c3, t2d, t2a, c4a) are offered, unpriced, in the regions below, taken from the same table
     * and kept to the regions it lists them in since their launch; only t2a is placed zone by zone (us-central1-a/b/f,
     * europe-west4-a/b, asia-southeast1-b/c), for the rest every zone of the region is assumed.
     */
    private static final Map<String, List<String>> GENERAL_PURPOSE_EXTRA = Map.of(
            "us-east1", ALL_ZONES, "us-west1", ALL_ZONES);
    private static final Map<String, List<String>> NEWER_X86 = Map.of(
            "us-central1", ALL_ZONES, "us-east1", ALL_ZONES, "us-east4", ALL_ZONES, "us-west1", ALL_ZONES,
            "europe-west1", ALL_ZONES, "europe-west4", ALL_ZONES, "asia-southeast1", ALL_ZONES);

    static final List<Family> FAMILIES = List.of(
            new Family("e2", PriceRule.UNIT, GENERAL_PURPOSE_EXTRA),
            new Family("n1", PriceRule.UNIT, GENERAL_PURPOSE_EXTRA),
            new Family("n2", PriceRule.UNIT, GENERAL_PURPOSE_EXTRA),
            new Family("n2d", PriceRule.UNIT, GENERAL_PURPOSE_EXTRA),
            new Family("c2", PriceRule.UNIT, GENERAL_PURPOSE_EXTRA),
            new Family("m1", PriceRule.UNIT, Map.of()),
            new Family("f1", PriceRule.FLAT, GENERAL_PURPOSE_EXTRA),
            new Family("g1", PriceRule.FLAT, GENERAL_PURPOSE_EXTRA),
            new Family("c2d", PriceRule.NONE, plus(NEWER_X86, "asia-east1")),
            new Family("c3", PriceRule.NONE, plus(NEWER_X86, "asia-northeast1")),
            new Family("t2d", PriceRule.NONE, NEWER_X86),
            new Family("t2a", PriceRule.NONE, Map.of(
                    "us-central1", List.of("a", "b", "f"),
                    "europe-west4", List.of("a", "b"),
                    "asia-southeast1", List.of("b", "c"))),
            new Family("c4a", PriceRule.NONE, Map.of(
                    "us-central1", List.of("a", "b", "c"), "us-east1", ALL_ZONES, "us-east4", ALL_ZONES,
                    "europe-west1", ALL_ZONES, "europe-west4", ALL_ZONES, "asia-southeast1", ALL_ZONES)));

    private GceMachineShapes() {
    }

    /** Every predefined machine type of the families above. */
    static List<Shape> all() {
        List<Shape> out = new ArrayList<>();
        // E2 shared-core: two vCPUs the guest sees, billed as a share of one at e2's vCPU price.
        out.add(shared("e2-micro", "e2", 2, "1"));
        out.add(shared("e2-small", "e2", 2, "2"));
        out.add(shared("e2-medium", "e2", 2, "4"));
        series(out, "e2", "standard", "4", 2, 4, 8, 16, 32);
        series(out, "e2", "highmem", "8", 2, 4, 8, 16);
        series(out, "e2", "highcpu", "1", 2, 4, 8, 16, 32);

        series(out, "n1", "standard", "3.75", 1, 2, 4, 8, 16, 32, 64, 96);
        series(out, "n1", "highmem", "6.5", 2, 4, 8, 16, 32, 64, 96);
        series(out, "n1", "highcpu", "0.9", 2, 4, 8, 16, 32, 64, 96);

        series(out, "n2", "standard", "4", 2, 4, 8, 16, 32, 48, 64, 80, 96, 128);
        series(out, "n2", "highmem", "8", 2, 4, 8, 16, 32, 48, 64, 80, 96);
        out.add(fixed("n2-highmem-128", "n2", 128, "864", Architecture.X86_64)); // not 8 GB per vCPU at this size
        series(out, "n2", "highcpu", "1", 2, 4, 8, 16, 32, 48, 64, 80, 96);

        series(out, "n2d", "standard", "4", 2, 4, 8, 16, 32, 48, 64, 80, 96, 128, 224);
        series(out, "n2d", "highmem", "8", 2, 4, 8, 16, 32, 48, 64, 80, 96);
        series(out, "n2d", "highcpu", "1", 2, 4, 8, 16, 32, 48, 64, 80, 96, 128, 224);

        series(out, "c2", "standard", "4", 4, 8, 16, 30, 60);

        series(out, "c2d", "standard", "4", 2, 4, 8, 16, 32, 56, 112);
        series(out, "c2d", "highmem", "8", 2, 4, 8, 16, 32, 56, 112);
        series(out, "c2d", "highcpu", "2", 2, 4, 8, 16, 32, 56, 112);

        series(out, "c3", "standard", "4", 4, 8, 22, 44, 88, 176);
        series(out, "c3", "highmem", "8", 4, 8, 22, 44, 88, 176);
        series(out, "c3", "highcpu", "2", 4, 8, 22, 44, 88, 176);

        series(out, "t2d", "standard", "4", 1, 2, 4, 8, 16, 32, 48, 60);

        arm(out, "t2a", "standard", "4", 1, 2, 4, 8, 16, 32, 48);
        arm(out, "c4a", "standard", "4", 1, 2, 4, 8, 16, 32, 48, 64, 72);
        arm(out, "c4a", "highmem", "8", 1, 2, 4, 8, 16, 32, 48, 64, 72);
        arm(out, "c4a", "highcpu", "2", 1, 2, 4, 8, 16, 32, 48, 64, 72);

        out.add(fixed("m1-ultramem-40", "m1", 40, "961", Architecture.X86_64));
        out.add(fixed("m1-ultramem-80", "m1", 80, "1922", Architecture.X86_64));
        out.add(fixed("m1-ultramem-160", "m1", 160, "3844", Architecture.X86_64));
        out.add(fixed("m1-megamem-96", "m1", 96, "1433.6", Architecture.X86_64));

        // The first-generation shared-core types: one vCPU the guest sees (a 0.2 and 0.5 share), priced per instance.
        out.add(new Shape("f1-micro", "f1", 1, new BigDecimal("0.6"), 614, true, new BigDecimal("0.2"),
                Architecture.X86_64));
        // GCE reports 1740 MB for g1-small's 1.7 GB (it rounds this one down).
        out.add(new Shape("g1-small", "g1", 1, new BigDecimal("1.7"), 1740, true, new BigDecimal("0.5"),
                Architecture.X86_64));
        return List.copyOf(out);
    }

    private static Map<String, List<String>> plus(Map<String, List<String>> regions, String region) {
        java.util.HashMap<String, List<String>> out = new java.util.HashMap<>(regions);
        out.put(region, ALL_ZONES);
        return Map.copyOf(out);
    }

    private static void series(List<Shape> out, String family, String kind, String gbPerVcpu, int... sizes) {
        for (int vcpus : sizes) {
            out.add(fixed(family + "-" + kind + "-" + vcpus, family, vcpus,
                    new BigDecimal(gbPerVcpu).multiply(BigDecimal.valueOf(vcpus)).toPlainString(), Architecture.X86_64));
        }
    }

    private static void arm(List<Shape> out, String family, String kind, String gbPerVcpu, int... sizes) {
        for (int vcpus : sizes) {
            out.add(fixed(family + "-" + kind + "-" + vcpus, family, vcpus,
                    new BigDecimal(gbPerVcpu).multiply(BigDecimal.valueOf(vcpus)).toPlainString(), Architecture.ARM64));
        }
    }

    private static Shape fixed(String name, String family, int vcpus, String gb, Architecture arch) {
        BigDecimal memory = new BigDecimal(gb);
        return new Shape(name, family, vcpus, memory, mib(memory), false, BigDecimal.valueOf(vcpus), arch);
    }

    private static Shape shared(String name, String family, int vcpus, String gb) {
        BigDecimal memory = new BigDecimal(gb);
        BigDecimal share = GcpUnitPrices.sharedCoreShare(name).orElseThrow(
                () -> new IllegalStateException("no billed share known for shared-core " + name));
        return new Shape(name, family, vcpus, memory, mib(memory), true, share, Architecture.X86_64);
    }

    private static long mib(BigDecimal gb) {
        return gb.multiply(MIB_PER_GIB).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
