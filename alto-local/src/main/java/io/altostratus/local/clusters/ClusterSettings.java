package io.altostratus.local.clusters;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.spi.ProviderContext;

/**
 * The local cloud's cluster settings, from the provider's section of the configuration.
 *
 * @param transitionMs how long creating, updating and deleting last for clusters and node pools (default 10000; 0
 *                     makes every change settle at once)
 * @param nodeImage    the image (alias or id) node instances launch from
 */
record ClusterSettings(long transitionMs, String nodeImage) {
    static final String TRANSITION_MS = "cluster_transition_ms";
    static final String NODE_IMAGE = "cluster_node_image";

    static ClusterSettings from(ProviderContext context) {
        String text = context.setting(TRANSITION_MS, "10000").trim();
        long transition;
        try {
            transition = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw invalid("local provider setting " + TRANSITION_MS + " must be a whole number: " + text);
        }
        if (transition < 0) {
            throw invalid("local provider setting " + TRANSITION_MS + " must not be negative: " + text);
        }
        String image = context.setting(NODE_IMAGE, "ubuntu:24.04").trim();
        if (image.isEmpty()) {
            throw invalid("local provider setting " + NODE_IMAGE + " must name an image");
        }
        return new ClusterSettings(transition, image);
    }

    private static AltoException invalid(String message) {
        return new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidParameterValue", message);
    }
}
