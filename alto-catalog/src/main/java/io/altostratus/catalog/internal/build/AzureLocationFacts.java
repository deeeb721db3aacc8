package io.altostratus.catalog.internal.build;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The public Azure locations the shipped catalog lists, with their display names and whether they have
 * availability zones (three, numbered 1 to 3), from Microsoft's public lists ("Azure regions with availability zone
 * support", learn.microsoft.com/azure/reliability/availability-zones-region-support). Sovereign clouds (US Gov,
 * the retired Germany cloud) are left out: they have other endpoints and are not part of the public catalog.
 */
final class AzureLocationFacts {
    /** One location: its display name and zone count (0 or 3). */
    record Location(String displayName, int zones) {
    }

    static final Map<String, Location> LOCATIONS;

    static {
        Map<String, Location> m = new LinkedHashMap<>();
        add(m, "australiacentral", "Australia Central", 0);
        add(m, "australiacentral2", "Australia Central 2", 0);
        add(m, "australiaeast", "Australia East", 3);
        add(m, "australiasoutheast", "Australia Southeast", 0);
        add(m, "brazilsouth", "Brazil South", 3);
        add(m, "brazilsoutheast", "Brazil Southeast", 0);
        add(m, "canadacentral", "Canada Central", 3);
        add(m, "canadaeast", "Canada East", 0);
        add(m, "centralindia", "Central India", 3);
        add(m, "centralus", "Central US", 3);
        add(m, "eastasia", "East Asia", 3);
        add(m, "eastus", "East US", 3);
        add(m, "eastus2", "East US 2", 3);
        add(m, "francecentral", "France Central", 3);
        add(m, "francesouth", "France South", 0);
        add(m, "germanynorth", "Germany North", 0);
        add(m, "germanywestcentral", "Germany West Central", 3);
        add(m, "japaneast", "Japan East", 3);
        add(m, "japanwest", "Japan West", 0);
        add(m, "koreacentral", "Korea Central", 3);
        add(m, "koreasouth", "Korea South", 0);
        add(m, "northcentralus", "North Central US", 0);
        add(m, "northeurope", "North Europe", 3);
        add(m, "norwayeast", "Norway East", 3);
        add(m, "norwaywest", "Norway West", 0);
        add(m, "southafricanorth", "South Africa North", 3);
        add(m, "southafricawest", "South Africa West", 0);
        add(m, "southcentralus", "South Central US", 3);
        add(m, "southeastasia", "Southeast Asia", 3);
        add(m, "southindia", "South India", 0);
        add(m, "switzerlandnorth", "Switzerland North", 3);
        add(m, "switzerlandwest", "Switzerland West", 0);
        add(m, "uaecentral", "UAE Central", 0);
        add(m, "uaenorth", "UAE North", 3);
        add(m, "uksouth", "UK South", 3);
        add(m, "ukwest", "UK West", 0);
        add(m, "westcentralus", "West Central US", 0);
        add(m, "westeurope", "West Europe", 3);
        add(m, "westindia", "West India", 0);
        add(m, "westus", "West US", 0);
        add(m, "westus2", "West US 2", 3);
        LOCATIONS = java.util.Collections.unmodifiableMap(m);
    }

    /** Locations the price data names that the catalog leaves out on purpose (sovereign clouds). */
    static final java.util.Set<String> LEFT_OUT = java.util.Set.of("usgovarizona", "usgovtexas", "usgovvirginia",
            "germanycentral", "germanynortheast");

    private AzureLocationFacts() {
    }

    private static void add(Map<String, Location> m, String name, String displayName, int zones) {
        m.put(name, new Location(displayName, zones));
    }
}
