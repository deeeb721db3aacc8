package io.altostratus.gateway.gke.internal;

import io.altostratus.core.clusters.Clusters;
import io.altostratus.core.clusters.KubernetesVersion;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GKE's version strings over the portable minor versions. GKE accepts an alias ({@code 1.31}), a patch
 * ({@code 1.31.2}) or a full version ({@code 1.31.2-gke.1146000}) and {@code latest} or {@code -} for the newest
 * valid one; the backend knows minor versions only, so every form is read as its minor. Answers carry each minor in
 * GKE's full form with patch 0 ({@code 1.31.0-gke.0}), since clients parse versions as SemVer (gcloud refuses
 * {@code 1.31}).
 */
public final class Versions {
    private static final Pattern LEADING_MINOR = Pattern.compile("^(\\d+)\\.(\\d+)(?:[.-].*)?$");

    private Versions() {
    }

    /** A backend minor version in GKE's full form; null stays null. */
    public static String gke(String minor) {
        return minor == null ? null : minor + ".0-gke.0";
    }

    /** Whether the caller left the choice to the server. */
    public static boolean isDefault(String text) {
        return text == null || text.isBlank() || text.equals("-") || text.equalsIgnoreCase("latest");
    }

    /** The minor version a GKE version string names, or null when it leaves the choice to the server. */
    public static String minor(String text) {
        if (isDefault(text)) {
            return null;
        }
        Matcher m = LEADING_MINOR.matcher(text.strip());
        if (!m.matches()) {
            throw GkeException.invalid("Invalid version \"" + text + "\": expected MAJOR.MINOR, MAJOR.MINOR.PATCH, "
                    + "a full GKE version or \"latest\"");
        }
        return m.group(1) + "." + m.group(2);
    }

    /** The minor version after {@code current} among the backend's versions, for {@code latest} on an upgrade. */
    public static String nextAfter(Clusters clusters, String current) {
        List<KubernetesVersion> versions = clusters.versions();
        for (int i = 0; i < versions.size() - 1; i++) {
            if (versions.get(i).version().equals(current)) {
                return versions.get(i + 1).version();
            }
        }
        throw GkeException.failedPrecondition("Cluster is already at the newest version " + current + ".");
    }
}
