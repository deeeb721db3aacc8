package io.altostratus.core.spi;

import java.util.Objects;

/**
 * Where inside a region a provider session works, for providers that have such a level: a GCP project, an Azure
 * resource group, a Proxmox node, a vSphere datacenter or cluster.
 *
 * @param kind what the level is called by the provider ({@code project}, {@code resource-group}, {@code node},
 *             {@code datacenter}, {@code cluster})
 * @param name its name there
 */
public record Scope(String kind, String name) {
    public Scope {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return kind + " " + name;
    }
}
