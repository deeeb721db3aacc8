package io.altostratus.gateway.arm.internal;

import java.util.List;

/**
 * The {@code api-version} values Microsoft.ContainerService accepts here: 2025-09-01 (what the Azure SDK for Java's
 * container service manager 2.56 sends), 2026-06-01 (what {@code @azure/arm-containerservice} 25.5 sends), 2017-08-31 (the operation-status version AKS puts in its
 * {@code Azure-AsyncOperation} links), 2019-08-01 (the SDK's {@code orchestrators} call), the versions of the
 * recorded sessions (2020-09-01, 2024-09-01) and the stable releases between them. Preview versions are refused, as
 * clients of the stable API never send them.
 */
final class AksApiVersions {
    static final List<String> VERSIONS = List.of("2026-06-01", "2026-05-01", "2026-04-01", "2026-03-01",
            "2026-02-01", "2026-01-01", "2025-10-01", "2025-09-01", "2025-08-01", "2025-07-01",
            "2025-06-01", "2025-05-01", "2025-04-01", "2025-03-01", "2025-02-01", "2025-01-01", "2024-10-01",
            "2024-09-01", "2024-08-01", "2024-07-01", "2024-06-01", "2024-05-01", "2024-04-01", "2024-03-01",
            "2024-02-01", "2024-01-01", "2023-11-01", "2023-10-01", "2023-09-01", "2023-08-01", "2023-07-01",
            "2023-06-01", "2023-05-01", "2023-04-01", "2023-03-01", "2023-02-01", "2023-01-01", "2022-11-01",
            "2022-09-01", "2022-08-01", "2022-07-01", "2022-06-01", "2022-04-01", "2022-03-01", "2022-02-01",
            "2022-01-01", "2021-10-01", "2021-09-01", "2021-08-01", "2021-07-01", "2021-05-01", "2021-03-01",
            "2021-02-01", "2020-12-01", "2020-11-01", "2020-09-01", "2020-07-01", "2020-06-01", "2020-04-01",
            "2020-03-01", "2020-02-01", "2020-01-01", "2019-11-01", "2019-10-01", "2019-08-01", "2019-06-01",
            "2019-04-01", "2019-02-01", "2018-03-31", "2017-08-31");

    private AksApiVersions() {
    }
}
