package io.altostratus.cli.serve;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The cloud APIs {@code alto serve} can answer on its one port. */
public enum ServeApi {
    /** EC2's Query API on {@code /}. */
    EC2,
    /** Compute Engine v1 REST under {@code /compute/v1/}. */
    GCE,
    /** Azure Resource Manager (Microsoft.Compute, .Network, .Resources) under {@code /subscriptions/}. */
    ARM,
    /** The Proxmox VE API under {@code /api2/json/}. */
    PVE,
    /** Amazon EKS (rest-json) under {@code /clusters}, {@code /cluster-versions} and {@code /tags}. */
    EKS,
    /** Google Kubernetes Engine (container/v1) under {@code /v1/projects/}. */
    GKE;

    /**
     * A comma-separated list such as {@code ec2,gce,arm}, case ignored.
     *
     * @throws IllegalArgumentException naming the unknown API and the known ones, or for an empty list
     */
    public static Set<ServeApi> parseList(String text) {
        Set<ServeApi> apis = EnumSet.noneOf(ServeApi.class);
        for (String part : text.split(",", -1)) {
            String name = part.trim().toUpperCase(Locale.ROOT);
            try {
                apis.add(ServeApi.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown API '" + part.trim() + "' (known: ec2, gce, arm, pve, eks, gke)");
            }
        }
        return apis;
    }
}
