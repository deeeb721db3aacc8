package io.altostratus.catalog.gcp;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How the Cloud Billing Catalog words the Compute Engine SKUs of the unit prices ({@link GcpUnitPrice}), both ways:
 * the description a SKU carries ("N2 Instance Core running in Americas", "Spot Preemptible E2 Instance Ram running in
 * Virginia", "Micro Instance with burstable CPU running in Japan") and the category's resource group, for a server
 * that answers as the catalog does; and, for a price refresh that reads Google's catalog, which family, resource and
 * usage a description names. The names are facts of the public API for the families the GCP catalog prices, typed in
 * here.
 *
 * <p>A refresh should take the region(s) from the SKU's {@code serviceRegions}, never from the place in the
 * description: Google's older SKUs name one place for several regions ("Americas" covers us-central1, us-east1 and
 * us-west1).
 */
public final class GcpSkuWording {
    /** What a family's per-vCPU and per-GiB SKUs are called, before " Core"/" Ram". */
    private static final Map<String, String> UNIT_NAMES = Map.of(
            "e2", "E2 Instance",
            "n1", "N1 Predefined Instance",
            "n2", "N2 Instance",
            "n2d", "N2D AMD Instance",
            "m1", "Memory-optimized Instance",
            // The compute-optimized SKUs say "Compute optimized Core", without "Instance".
            "c2", "Compute optimized");

    /** The per-instance SKUs of the first shared-core types. */
    private static final Map<String, String> INSTANCE_NAMES = Map.of(
            "f1", "Micro Instance with burstable CPU",
            "g1", "Small Instance with 1 VCPU");

    private static final Map<String, String> FAMILY_BY_UNIT_NAME = invert(UNIT_NAMES);
    private static final Map<String, String> FAMILY_BY_INSTANCE_NAME = invert(INSTANCE_NAMES);

    /**
     * The place a description names for a region: the three first US regions share "Americas", the first European
     * and Asian ones are "EMEA" and "APAC"; the others are named after their city or country.
     */
    private static final Map<String, String> PLACES = Map.ofEntries(
            Map.entry("us-central1", "Americas"), Map.entry("us-east1", "Americas"), Map.entry("us-west1", "Americas"),
            Map.entry("us-east4", "Virginia"), Map.entry("us-west2", "Los Angeles"),
            Map.entry("us-west3", "Salt Lake City"), Map.entry("us-west4", "Las Vegas"),
            Map.entry("northamerica-northeast1", "Montreal"), Map.entry("southamerica-east1", "Sao Paulo"),
            Map.entry("europe-west1", "EMEA"), Map.entry("europe-west2", "London"),
            Map.entry("europe-west3", "Frankfurt"), Map.entry("europe-west4", "Netherlands"),
            Map.entry("europe-west6", "Zurich"), Map.entry("europe-north1", "Finland"),
            Map.entry("asia-east1", "APAC"), Map.entry("asia-east2", "Hong Kong"),
            Map.entry("asia-northeast1", "Japan"), Map.entry("asia-northeast2", "Osaka"),
            Map.entry("asia-northeast3", "Seoul"), Map.entry("asia-south1", "Mumbai"),
            Map.entry("asia-southeast1", "Singapore"), Map.entry("asia-southeast2", "Jakarta"),
            Map.entry("australia-southeast1", "Sydney"));

    private static final String RUNNING_IN = " running in ";
    // Spot VMs are billed at the preemptible SKUs; Google renamed their prefix from "Preemptible" to this.
    private static final String SPOT = "Spot Preemptible ";
    private static final String OLD_SPOT = "Preemptible ";

    /** What a unit-price SKU's description names. */
    public record Meaning(String family, GcpUnitPrice.Resource resource, boolean spot) {
    }

    private GcpSkuWording() {
    }

    /** The description of the SKU of a unit price, as Google's catalog words it today. */
    public static String description(GcpUnitPrice price) {
        String place = PLACES.getOrDefault(price.region(), price.region());
        return (price.spot() ? SPOT : "") + what(price.family(), price.resource()) + RUNNING_IN + place;
    }

    /**
     * The category's resource group: "CPU" and "RAM" for most families' unit prices, the machine series for N1
     * ("N1Standard") and for the shared-core types ("F1Micro", "G1Small").
     */
    public static String resourceGroup(GcpUnitPrice price) {
        return switch (price.family()) {
            case "n1" -> "N1Standard";
            case "f1" -> "F1Micro";
            case "g1" -> "G1Small";
            default -> price.resource() == GcpUnitPrice.Resource.RAM ? "RAM" : "CPU";
        };
    }

    /** The category's usage type: {@code Preemptible} for Spot, else {@code OnDemand}. */
    public static String usageType(boolean spot) {
        return spot ? "Preemptible" : "OnDemand";
    }

    /**
     * What a Compute Engine SKU description names, when it is the unit price of a family this catalog knows
     * (predefined core, RAM or shared-core instance, on demand or Spot/preemptible); empty for every other SKU
     * (custom and sole-tenant cores, commitments, licences, disks, GPUs, network...).
     */
    public static Optional<Meaning> parse(String description) {
        if (description == null) {
            return Optional.empty();
        }
        int at = description.lastIndexOf(RUNNING_IN);
        if (at < 0) {
            return Optional.empty();
        }
        String what = description.substring(0, at);
        boolean spot = false;
        if (what.startsWith(SPOT)) {
            spot = true;
            what = what.substring(SPOT.length());
        } else if (what.startsWith(OLD_SPOT)) {
            spot = true;
            what = what.substring(OLD_SPOT.length());
        }
        String instanceFamily = FAMILY_BY_INSTANCE_NAME.get(what);
        if (instanceFamily != null) {
            return Optional.of(new Meaning(instanceFamily, GcpUnitPrice.Resource.INSTANCE, spot));
        }
        GcpUnitPrice.Resource resource;
        String name;
        if (what.endsWith(" Core")) {
            resource = GcpUnitPrice.Resource.CORE;
            name = what.substring(0, what.length() - " Core".length());
        } else if (what.endsWith(" Ram")) {
            resource = GcpUnitPrice.Resource.RAM;
            name = what.substring(0, what.length() - " Ram".length());
        } else {
            return Optional.empty();
        }
        String family = FAMILY_BY_UNIT_NAME.get(name);
        return family == null ? Optional.empty() : Optional.of(new Meaning(family, resource, spot));
    }

    private static String what(String family, GcpUnitPrice.Resource resource) {
        if (resource == GcpUnitPrice.Resource.INSTANCE) {
            return INSTANCE_NAMES.getOrDefault(family, family.toUpperCase(Locale.ROOT) + " Instance");
        }
        return UNIT_NAMES.getOrDefault(family, family.toUpperCase(Locale.ROOT) + " Instance")
                + (resource == GcpUnitPrice.Resource.CORE ? " Core" : " Ram");
    }

    private static Map<String, String> invert(Map<String, String> map) {
        Map<String, String> out = new HashMap<>();
        map.forEach((k, v) -> out.put(v, k));
        return Map.copyOf(out);
    }
}
