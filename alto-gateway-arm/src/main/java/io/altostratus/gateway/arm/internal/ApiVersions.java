package io.altostratus.gateway.arm.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code api-version} values each resource provider namespace accepts: those the Azure SDK for Java (compute
 * 2.55, network 2.57, resources 2.53) and the current {@code @azure/arm-compute} 24.1 / {@code @azure/arm-network}
 * 36.0 / {@code @azure/arm-resources} 7.0 releases send (2026-03-01 for VMs, 2025-03-03 galleries, 2025-05-01
 * network), the versions of the recorded sessions, and the released versions between them. ARM refuses a
 * missing version and an unknown one, naming the supported list; so do we.
 */
public final class ApiVersions {
    private static final List<String> COMPUTE = List.of("2026-03-01", "2025-04-01", "2025-03-03", "2025-01-02",
            "2024-11-01", "2024-07-01", "2024-03-03", "2024-03-02", "2024-03-01", "2023-10-02", "2023-09-01",
            "2023-07-03", "2023-07-01", "2023-04-02", "2023-03-01", "2023-01-02", "2022-11-01", "2022-08-03",
            "2022-08-01", "2022-07-02", "2022-03-02", "2022-03-01", "2021-12-01", "2021-11-01", "2021-08-01",
            "2021-07-01", "2021-04-01", "2021-03-01", "2020-12-01", "2020-09-30", "2020-06-30", "2020-06-01",
            "2019-12-01", "2019-07-01", "2019-03-01", "2018-10-01", "2018-06-01", "2018-04-01", "2017-12-01",
            "2017-09-01", "2017-03-30");
    private static final List<String> NETWORK = List.of("2025-05-01", "2025-03-01", "2025-01-01", "2024-10-01",
            "2024-07-01", "2024-05-01", "2024-03-01", "2024-01-01", "2023-11-01", "2023-09-01", "2023-06-01",
            "2023-05-01", "2023-04-01", "2023-02-01", "2022-11-01", "2022-09-01", "2022-07-01", "2022-05-01",
            "2022-01-01", "2021-08-01", "2021-05-01", "2021-03-01", "2021-02-01", "2020-11-01", "2020-08-01",
            "2020-07-01", "2020-06-01", "2020-05-01", "2020-04-01", "2020-03-01", "2019-11-01", "2019-09-01",
            "2019-07-01", "2019-06-01", "2019-04-01", "2019-02-01", "2018-12-01", "2018-10-01", "2018-08-01",
            "2018-07-01");
    private static final List<String> RESOURCES = List.of("2025-04-01", "2025-03-01", "2024-11-01", "2024-07-01",
            "2024-03-01", "2023-07-01", "2022-12-01", "2022-09-01", "2022-01-01", "2021-04-01", "2021-01-01",
            "2020-10-01", "2020-09-01", "2020-08-01", "2020-06-01", "2020-01-01", "2019-11-01", "2019-10-01",
            "2019-08-01", "2019-07-01", "2019-06-01", "2019-05-10", "2019-05-01", "2019-03-01", "2018-05-01",
            "2018-02-01", "2017-08-31", "2017-05-10", "2016-09-01", "2016-06-01", "2016-02-01", "2015-11-01");
    private static final Map<String, List<String>> BY_NAMESPACE = Map.of("microsoft.compute", COMPUTE,
            "microsoft.network", NETWORK, "microsoft.resources", RESOURCES,
            "microsoft.containerservice", AksApiVersions.VERSIONS);

    private ApiVersions() {
    }

    /** The versions a namespace accepts; resource groups, subscriptions and locations are Microsoft.Resources. */
    public static List<String> supported(String namespace) {
        return BY_NAMESPACE.getOrDefault(namespace.toLowerCase(Locale.ROOT), RESOURCES);
    }

    /** Checks the request's {@code api-version} for a namespace, in ARM's words when it is missing or unknown. */
    public static void check(String namespace, String apiVersion) {
        if (apiVersion == null || apiVersion.isBlank()) {
            throw new ArmException(400, "MissingApiVersionParameter",
                    "The api-version query parameter (?api-version=) is required for all requests.");
        }
        List<String> versions = supported(namespace);
        if (!versions.contains(apiVersion)) {
            throw new ArmException(400, "InvalidApiVersionParameter", "The api-version '" + apiVersion
                    + "' is invalid. The supported versions are '" + String.join(",", versions)
                    + "'. Please see https://aka.ms/api-versions for more details.");
        }
    }
}
