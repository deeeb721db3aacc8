package io.altostratus.gateway.arm.prices;

import io.altostratus.catalog.Catalog;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Retail Prices API's items for a catalog: per location and VM size, one Linux on-demand item and, where the
 * catalog knows a spot price, one Spot item ({@code "<meter> Spot"} as meter and SKU name, as Microsoft names its
 * Spot meters). Ids are derived from the names, so they are stable across calls and restarts.
 */
final class RetailPriceItems {
    static final String SERVICE_NAME = "Virtual Machines";
    /** The Virtual Machines service's id in Microsoft's price list. */
    static final String SERVICE_ID = "DZH313Z7MMC8";
    static final String SERVICE_FAMILY = "Compute";
    static final String UNIT = "1 Hour";
    static final String CONSUMPTION = "Consumption";
    static final String SPOT_SUFFIX = " Spot";

    // Standard_D2s_v3: series letters, size digits (and sub-sizes like 8-2), feature letters, version.
    private static final Pattern SIZE = Pattern.compile("([A-Za-z]+)([0-9][0-9-]*)([a-z]*)(?:_(v[0-9]+))?.*");
    private static final String ID_ALPHABET = "0123456789BCDFGHJKLMNPQRSTVWXZ";

    /**
     * The price list's own name of a location (its billing location, {@code US East} for {@code eastus}), which is
     * not the location's display name; a location missing here is named by its display name.
     */
    private static final Map<String, String> BILLING_LOCATIONS = Map.ofEntries(
            Map.entry("australiacentral", "AU Central"), Map.entry("australiacentral2", "AU Central 2"),
            Map.entry("australiaeast", "AU East"), Map.entry("australiasoutheast", "AU Southeast"),
            Map.entry("brazilsouth", "BR South"), Map.entry("brazilsoutheast", "BR Southeast"),
            Map.entry("canadacentral", "CA Central"), Map.entry("canadaeast", "CA East"),
            Map.entry("centralindia", "IN Central"), Map.entry("centralus", "US Central"),
            Map.entry("eastasia", "AP East"), Map.entry("eastus", "US East"), Map.entry("eastus2", "US East 2"),
            Map.entry("francecentral", "FR Central"), Map.entry("francesouth", "FR South"),
            Map.entry("germanynorth", "DE North"), Map.entry("germanywestcentral", "DE West Central"),
            Map.entry("japaneast", "JA East"), Map.entry("japanwest", "JA West"),
            Map.entry("koreacentral", "KR Central"), Map.entry("koreasouth", "KR South"),
            Map.entry("northcentralus", "US North Central"), Map.entry("northeurope", "EU North"),
            Map.entry("norwayeast", "NO East"), Map.entry("norwaywest", "NO West"),
            Map.entry("southafricanorth", "ZA North"), Map.entry("southafricawest", "ZA West"),
            Map.entry("southcentralus", "US South Central"), Map.entry("southeastasia", "AP Southeast"),
            Map.entry("southindia", "IN South"), Map.entry("switzerlandnorth", "CH North"),
            Map.entry("switzerlandwest", "CH West"), Map.entry("uaecentral", "AE Central"),
            Map.entry("uaenorth", "AE North"), Map.entry("uksouth", "UK South"), Map.entry("ukwest", "UK West"),
            Map.entry("westcentralus", "US West Central"), Map.entry("westeurope", "EU West"),
            Map.entry("westindia", "IN West"), Map.entry("westus", "US West"), Map.entry("westus2", "US West 2"),
            Map.entry("westus3", "US West 3"));

    private RetailPriceItems() {
    }

    /** Every item of the catalog, by location, size, on demand before Spot; prices in USD. */
    static List<RetailPriceItem> of(Catalog catalog) {
        // Microsoft's rows take effect at midnight UTC; the catalog's prices took effect when they were collected.
        String effective = DateTimeFormatter.ISO_INSTANT.format(catalog.source().takenAt()
                .truncatedTo(ChronoUnit.DAYS));
        List<RetailPriceItem> out = new ArrayList<>();
        for (Region region : catalog.regions()) {
            for (InstanceType type : catalog.instanceTypes(region.name())) {
                if (type.pricePerHour() != null) {
                    out.add(item(region, type.name(), type.pricePerHour(), false, effective));
                }
                Optional<Double> spot = catalog.spotPricePerHour(region.name(), type.name());
                spot.ifPresent(price -> out.add(item(region, type.name(), price, true, effective)));
            }
        }
        return List.copyOf(out);
    }

    private static RetailPriceItem item(Region region, String size, double price, boolean spot, String effective) {
        String meter = meterName(size) + (spot ? SPOT_SUFFIX : "");
        String product = productName(size);
        String productId = "DZH318Z0" + code(product, 4);
        String meterId = UUID.nameUUIDFromBytes(("azure-retail-price:" + region.name() + ":" + meter)
                .getBytes(StandardCharsets.UTF_8)).toString();
        String location = BILLING_LOCATIONS.getOrDefault(region.name(), region.displayName());
        return new RetailPriceItem("USD", 0.0, price, price, region.name(), location, effective, meterId,
                meter, productId, productId + "/" + code(meter, 4), null, product, meter, SERVICE_NAME, SERVICE_ID,
                SERVICE_FAMILY, UNIT, CONSUMPTION, true, size);
    }

    /** Microsoft's meter name of a size: {@code Standard_D2s_v3} is metered as {@code D2s v3}. */
    static String meterName(String size) {
        String bare = size.startsWith("Standard_") ? size.substring("Standard_".length()) : size;
        return bare.replace('_', ' ');
    }

    /**
     * The Linux product a size is billed under, {@code Virtual Machines <series> Series}, named as Microsoft names
     * its series: up to v3 the letters, an {@code S} for premium-storage sizes and the version
     * ({@code Standard_D2s_v3}: {@code DSv3}, {@code Standard_B2s}: {@code BS}); from v4 the letters, the feature
     * letters as they are and the version ({@code Standard_E4ds_v4}: {@code Edsv4}). An approximation: a few series
     * carry names of their own.
     */
    static String productName(String size) {
        String bare = size.startsWith("Standard_") ? size.substring("Standard_".length()) : size;
        Matcher m = SIZE.matcher(bare);
        String series = bare;
        if (m.matches()) {
            String version = m.group(4) == null ? "" : m.group(4);
            boolean modern = !version.isEmpty() && Integer.parseInt(version.substring(1)) >= 4;
            series = m.group(1).toUpperCase(Locale.ROOT)
                    + (modern ? m.group(3) : m.group(3).contains("s") ? "S" : "") + version;
        }
        return SERVICE_NAME + " " + series + " Series";
    }

    /** A short code derived from a name, in the alphabet of Microsoft's product ids. */
    private static String code(String name, int length) {
        long h = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits() >>> 1;
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ID_ALPHABET.charAt((int) (h % ID_ALPHABET.length())));
            h /= ID_ALPHABET.length();
        }
        return out.toString();
    }
}
