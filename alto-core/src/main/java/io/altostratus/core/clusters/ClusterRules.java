package io.altostratus.core.clusters;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The checks every clusters backend shares, so that a bad request fails the same way (INVALID_PARAMETER, with a
 * message that says what is allowed) whichever cloud it was meant for. The name rules are EKS's; clouds with
 * stricter ones (GKE wants lowercase names that start with a letter, AKS short lowercase pool names) check theirs in
 * their providers as well. Versions are Kubernetes minor versions ({@code 1.31}); the clouds move a control plane
 * one minor version per upgrade, and so does every backend here.
 */
public final class ClusterRules {
    /** EKS's provider code for bad input; the clouds' own codes ride on their providers' errors. */
    public static final String INVALID_CODE = "InvalidParameterException";
    public static final int MAX_CLUSTER_NAME = 100;
    public static final int MAX_POOL_NAME = 63;

    private static final Pattern NAME = Pattern.compile("[0-9A-Za-z][A-Za-z0-9\\-_]*");
    private static final Pattern VERSION = Pattern.compile("(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})");
    private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private ClusterRules() {
    }

    /** A cluster name: 1 to 100 characters, a letter or digit first, then letters, digits, hyphens, underscores. */
    public static String checkClusterName(String name) {
        return checkName("cluster", name, MAX_CLUSTER_NAME);
    }

    /** A node pool name: as a cluster name, at most 63 characters. */
    public static String checkPoolName(String name) {
        return checkName("node pool", name, MAX_POOL_NAME);
    }

    private static String checkName(String what, String name, int max) {
        if (name == null || name.isEmpty() || name.length() > max || !NAME.matcher(name).matches()) {
            throw invalid("'" + name + "' is not a valid " + what + " name: use 1 to " + max + " characters, "
                    + "a letter or digit first, then letters, digits, hyphens (-) and underscores (_)");
        }
        return name;
    }

    /** A Kubernetes minor version, {@code major.minor} such as {@code 1.31}. */
    public static String checkVersion(String version) {
        if (version == null || !VERSION.matcher(version).matches()) {
            throw invalid("'" + version + "' is not a Kubernetes version: use major.minor, such as 1.31");
        }
        return version;
    }

    /** The minor number of a version checked by {@link #checkVersion}. */
    public static int minor(String version) {
        checkVersion(version);
        return Integer.parseInt(version.substring(version.indexOf('.') + 1));
    }

    /** The major number of a version checked by {@link #checkVersion}. */
    public static int major(String version) {
        checkVersion(version);
        return Integer.parseInt(version.substring(0, version.indexOf('.')));
    }

    /** Negative, zero or positive as {@code a} is older than, the same as or newer than {@code b}. */
    public static int compareVersions(String a, String b) {
        int byMajor = Integer.compare(major(a), major(b));
        return byMajor != 0 ? byMajor : Integer.compare(minor(a), minor(b));
    }

    /**
     * A control plane upgrade from {@code current} to {@code target}: exactly the next minor version, as EKS, GKE
     * and AKS require (a skipped minor version, the same version or a downgrade is refused).
     */
    public static void checkUpgradeStep(String cluster, String current, String target) {
        checkVersion(target);
        int step = compareVersions(target, current);
        if (step <= 0) {
            throw invalid("cluster " + cluster + " runs Kubernetes " + current + ": it can only be upgraded to a "
                    + "newer version, not to " + target);
        }
        if (major(target) != major(current) || minor(target) != minor(current) + 1) {
            throw invalid("cluster " + cluster + " runs Kubernetes " + current + ": upgrade one minor version at a "
                    + "time (next: " + major(current) + "." + (minor(current) + 1) + "), not straight to " + target);
        }
    }

    /**
     * A node pool's version against its cluster's: never newer than the control plane, and (on upgrade) not older
     * than the pool already runs.
     */
    public static void checkPoolVersion(String cluster, String clusterVersion, String poolVersion) {
        checkVersion(poolVersion);
        if (compareVersions(poolVersion, clusterVersion) > 0) {
            throw invalid("a node pool of cluster " + cluster + " cannot run Kubernetes " + poolVersion
                    + ", newer than the control plane's " + clusterVersion);
        }
    }

    /**
     * The version a node pool upgrade moves to: the one asked for, else the control plane's; never newer than the
     * control plane, never older than the pool runs ({@code poolVersion}, null when unknown).
     */
    public static String poolUpgradeTarget(String cluster, String pool, String clusterVersion, String poolVersion,
                                           String requested) {
        if (requested != null) {
            checkVersion(requested);
        }
        String target = requested != null ? requested : clusterVersion;
        checkPoolVersion(cluster, clusterVersion, target);
        if (poolVersion != null && compareVersions(target, poolVersion) < 0) {
            throw invalid("node pool " + pool + " of cluster " + cluster + " runs Kubernetes " + poolVersion
                    + " and cannot be moved back to " + target);
        }
        return target;
    }

    /** Node counts: {@code 0 <= min <= desired <= max} and {@code max >= 1}. */
    public static void checkCounts(String pool, int desired, int min, int max) {
        if (min < 0 || max < 1 || min > desired || desired > max) {
            throw invalid("node pool " + pool + ": sizes must satisfy 0 <= min (" + min + ") <= desired (" + desired
                    + ") <= max (" + max + "), with max at least 1");
        }
    }

    /** Kubernetes label keys: an optional DNS-subdomain prefix and a slash, then a name of 1 to 63 characters. */
    public static void checkLabelKey(String what, String key) {
        if (key == null || key.isEmpty()) {
            throw invalid(what + " must not be empty");
        }
        int slash = key.indexOf('/');
        String prefix = slash < 0 ? null : key.substring(0, slash);
        String name = slash < 0 ? key : key.substring(slash + 1);
        boolean prefixOk = prefix == null || (prefix.length() <= 253 && DNS_SUBDOMAIN.matcher(prefix).matches());
        if (!prefixOk || !LABEL_NAME.matcher(name).matches()) {
            throw invalid(what + " '" + key + "' is not a Kubernetes label key: an optional DNS prefix and '/', then "
                    + "1 to 63 letters, digits, '-', '_' or '.', beginning and ending with a letter or digit");
        }
    }

    /** Kubernetes label values: empty, or 1 to 63 characters as a label name. */
    public static void checkLabelValue(String what, String value) {
        if (value != null && !value.isEmpty() && !LABEL_NAME.matcher(value).matches()) {
            throw invalid(what + " '" + value + "' is not a Kubernetes label value: at most 63 letters, digits, "
                    + "'-', '_' or '.', beginning and ending with a letter or digit");
        }
    }

    /** Every key and value of a label map. */
    public static void checkLabels(String pool, Map<String, String> labels) {
        labels.forEach((k, v) -> {
            checkLabelKey("label key of node pool " + pool, k);
            checkLabelValue("label value of " + k, v);
        });
    }

    public static AltoException invalid(String message) {
        return new AltoException(ErrorCode.INVALID_PARAMETER, INVALID_CODE, message);
    }
}
