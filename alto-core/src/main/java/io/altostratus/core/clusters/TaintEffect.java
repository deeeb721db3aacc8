package io.altostratus.core.clusters;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.util.Locale;

/** What a taint does to pods that do not tolerate it, as Kubernetes defines the three effects. */
public enum TaintEffect {
    NO_SCHEDULE("NoSchedule"),
    PREFER_NO_SCHEDULE("PreferNoSchedule"),
    NO_EXECUTE("NoExecute");

    private final String kubernetesName;

    TaintEffect(String kubernetesName) {
        this.kubernetesName = kubernetesName;
    }

    /** The name Kubernetes (and GKE, AKS) use: {@code NoSchedule}. */
    public String kubernetesName() {
        return kubernetesName;
    }

    /**
     * Reads Kubernetes' name ({@code NoSchedule}) or EKS's ({@code NO_SCHEDULE}), in any case.
     *
     * @throws AltoException INVALID_PARAMETER for anything else
     */
    public static TaintEffect parse(String text) {
        if (text != null) {
            String t = text.strip().replace("_", "").toLowerCase(Locale.ROOT);
            for (TaintEffect e : values()) {
                if (e.kubernetesName.toLowerCase(Locale.ROOT).equals(t)) {
                    return e;
                }
            }
        }
        throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidParameterException", "unknown taint effect '"
                + text + "' (expected NoSchedule, PreferNoSchedule or NoExecute)");
    }
}
