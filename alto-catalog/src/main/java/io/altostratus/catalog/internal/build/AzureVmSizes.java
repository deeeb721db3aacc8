package io.altostratus.catalog.internal.build;

import io.altostratus.core.model.Architecture;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * VM sizes of the common Azure series with their vCPUs and memory, as Microsoft's public size documentation
 * ("Sizes for virtual machines in Azure", learn.microsoft.com/azure/virtual-machines/sizes, one page per series)
 * states them. Only sizes whose specs are stated here can be shipped; the builder keeps those the price data prices.
 * B-series sizes are burstable (they earn and spend CPU credits below and above a baseline).
 */
final class AzureVmSizes {
    /** One size: its ARM name ({@code Standard_D2s_v3}), vCPUs, memory, architecture, whether it bursts. */
    record Size(String name, int vcpus, long memoryMiB, Architecture arch, boolean burstable) {
        /** The key of the libcloud price data: the name in lower case without underscores. */
        String priceKey() {
            return name.replace("_", "").toLowerCase(Locale.ROOT);
        }

        /** The key of the same size's low-priority (spot) price: {@code lowpriority} and the name after Standard_. */
        String spotKey() {
            return "lowpriority" + priceKey().substring("standard".length());
        }
    }

    private AzureVmSizes() {
    }

    static List<Size> all() {
        List<Size> out = new ArrayList<>();
        // B-series (v1): memory differs per size, so each is listed.
        burstable(out, "Standard_B1ls", 1, 512);
        burstable(out, "Standard_B1s", 1, 1024);
        burstable(out, "Standard_B1ms", 1, 2048);
        burstable(out, "Standard_B2s", 2, 4096);
        burstable(out, "Standard_B2ms", 2, 8192);
        burstable(out, "Standard_B4ms", 4, 16384);
        burstable(out, "Standard_B8ms", 8, 32768);
        burstable(out, "Standard_B12ms", 12, 49152);
        burstable(out, "Standard_B16ms", 16, 65536);
        burstable(out, "Standard_B20ms", 20, 81920);
        // Av2: 2 GiB per vCPU; Amv2: 8 GiB per vCPU.
        series(out, "Standard_A%d_v2", 2, 1, 2, 4, 8);
        series(out, "Standard_A%dm_v2", 8, 2, 4, 8);
        // General purpose, 4 GiB per vCPU.
        for (String pattern : List.of("Standard_D%d_v3", "Standard_D%ds_v3", "Standard_D%d_v4", "Standard_D%ds_v4",
                "Standard_D%dd_v4", "Standard_D%dds_v4")) {
            series(out, pattern, 4, 2, 4, 8, 16, 32, 48, 64);
        }
        for (String pattern : List.of("Standard_D%da_v4", "Standard_D%das_v4")) {
            series(out, pattern, 4, 2, 4, 8, 16, 32, 48, 64, 96);
        }
        // Memory optimised, 8 GiB per vCPU, except the largest sizes (listed after).
        for (String pattern : List.of("Standard_E%d_v3", "Standard_E%ds_v3")) {
            series(out, pattern, 8, 2, 4, 8, 16, 20, 32, 48);
            out.add(new Size(String.format(Locale.ROOT, pattern, 64), 64, 432 * 1024L, Architecture.X86_64, false));
        }
        for (String pattern : List.of("Standard_E%d_v4", "Standard_E%ds_v4", "Standard_E%dd_v4",
                "Standard_E%dds_v4")) {
            series(out, pattern, 8, 2, 4, 8, 16, 20, 32, 48);
            out.add(new Size(String.format(Locale.ROOT, pattern, 64), 64, 504 * 1024L, Architecture.X86_64, false));
        }
        for (String pattern : List.of("Standard_E%da_v4", "Standard_E%das_v4")) {
            series(out, pattern, 8, 2, 4, 8, 16, 20, 32, 48);
            out.add(new Size(String.format(Locale.ROOT, pattern, 64), 64, 512 * 1024L, Architecture.X86_64, false));
            out.add(new Size(String.format(Locale.ROOT, pattern, 96), 96, 672 * 1024L, Architecture.X86_64, false));
        }
        // Compute optimised Fsv2, 2 GiB per vCPU.
        series(out, "Standard_F%ds_v2", 2, 2, 4, 8, 16, 32, 48, 64, 72);
        // Confidential DCsv2 (Intel SGX), 4 GiB per vCPU. (The 8-vCPU size is named DC8_v2, without the s.)
        series(out, "Standard_DC%ds_v2", 4, 1, 2, 4);
        return List.copyOf(out);
    }

    private static void burstable(List<Size> out, String name, int vcpus, long memoryMiB) {
        out.add(new Size(name, vcpus, memoryMiB, Architecture.X86_64, true));
    }

    private static void series(List<Size> out, String pattern, int gibPerVcpu, int... vcpus) {
        for (int n : vcpus) {
            out.add(new Size(String.format(Locale.ROOT, pattern, n), n, n * gibPerVcpu * 1024L, Architecture.X86_64,
                    false));
        }
    }
}
