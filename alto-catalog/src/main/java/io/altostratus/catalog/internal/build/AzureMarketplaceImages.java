package io.altostratus.catalog.internal.build;

import io.altostratus.core.model.Architecture;
import java.util.List;

/**
 * The marketplace images of the main Linux distributions, by URN ({@code publisher:offer:sku:version}) as Microsoft's
 * docs and the publishers name them ("Find Azure Marketplace image information using the Azure CLI",
 * Canonical's and Debian's Azure image pages). The version is {@code latest}: ARM resolves it to the newest one at
 * launch, so the catalog names no dated build; {@link #AS_OF} is the day these URNs were checked. The OS disk of these
 * images is 30 GiB.
 */
final class AzureMarketplaceImages {
    /** The day these URNs were taken from the publishers' documentation (yyyy-MM-dd). */
    static final String AS_OF = "2026-12-07";
    static final int ROOT_SIZE_GIB = 30;

    record Urn(String publisher, String offer, String sku, String distro, String release, Architecture arch,
               String description) {
        String urn() {
            return publisher + ":" + offer + ":" + sku + ":latest";
        }
    }

    private AzureMarketplaceImages() {
    }

    static List<Urn> all() {
        return List.of(
                new Urn("Canonical", "ubuntu-24_04-lts", "server", "ubuntu", "24.04", Architecture.X86_64,
                        "Ubuntu Server 24.04 LTS (Noble Numbat), amd64, Gen2"),
                new Urn("Canonical", "ubuntu-24_04-lts", "server-arm64", "ubuntu", "24.04", Architecture.ARM64,
                        "Ubuntu Server 24.04 LTS (Noble Numbat), arm64"),
                new Urn("Canonical", "0001-com-ubuntu-server-jammy", "22_04-lts-gen2", "ubuntu", "22.04",
                        Architecture.X86_64, "Ubuntu Server 22.04 LTS (Jammy Jellyfish), amd64, Gen2"),
                new Urn("Canonical", "0001-com-ubuntu-server-jammy", "22_04-lts-arm64", "ubuntu", "22.04",
                        Architecture.ARM64, "Ubuntu Server 22.04 LTS (Jammy Jellyfish), arm64"),
                new Urn("Debian", "debian-12", "12-gen2", "debian", "12", Architecture.X86_64,
                        "Debian 12 (bookworm), amd64, Gen2"),
                new Urn("Debian", "debian-12", "12-arm64", "debian", "12", Architecture.ARM64,
                        "Debian 12 (bookworm), arm64"));
    }
}
