package io.altostratus.gateway.gke.internal;

/** Self links of the answers, based on the origin the caller addressed so that they resolve through it. */
public record Links(String base) {
    /** {@code base} ends in {@code /v1/}. */
    public String cluster(String project, String location, String cluster) {
        return base + "projects/" + project + "/locations/" + location + "/clusters/" + cluster;
    }

    public String nodePool(String project, String location, String cluster, String pool) {
        return cluster(project, location, cluster) + "/nodePools/" + pool;
    }

    public String operation(String project, String location, String name) {
        return base + "projects/" + project + "/locations/" + location + "/operations/" + name;
    }
}
