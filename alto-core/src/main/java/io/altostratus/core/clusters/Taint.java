package io.altostratus.core.clusters;

import java.util.Objects;

/**
 * A Kubernetes taint every node of a pool carries.
 *
 * @param key    a label-style key ({@code dedicated}, {@code example.com/gpu})
 * @param value  may be empty, never null
 * @param effect what the taint does
 */
public record Taint(String key, String value, TaintEffect effect) {
    public Taint {
        ClusterRules.checkLabelKey("taint key", key);
        value = value == null ? "" : value;
        ClusterRules.checkLabelValue("taint value of " + key, value);
        Objects.requireNonNull(effect, "effect");
    }

    @Override
    public String toString() {
        return key + (value.isEmpty() ? "" : "=" + value) + ":" + effect.kubernetesName();
    }
}
