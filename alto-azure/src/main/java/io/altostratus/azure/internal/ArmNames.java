package io.altostratus.azure.internal;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The azure provider's ids and the names it gives ARM resources, checked without calling anything.
 *
 * <ul>
 *   <li>An instance id is the VM's name, unique in the session's resource group: 1 to 64 letters, digits,
 *       {@code .}, {@code _} and {@code -}, starting with a letter or digit and not ending with {@code .} or
 *       {@code -} (Azure's rule for Linux VM names).</li>
 *   <li>A VM's own resources are named after it: {@code <vm>-nic}, {@code <vm>-ip}, {@code <vm>-osdisk}; so a
 *       rollback or a cleanup knows them without a lookup.</li>
 *   <li>A public image id is its URN {@code publisher:offer:sku:version} (as the catalog writes it); an image made
 *       here is the managed image's ARM id
 *       {@code /subscriptions/<s>/resourceGroups/<g>/providers/Microsoft.Compute/images/<name>}.</li>
 *   <li>A zone is {@code <location>-<n>} ({@code eastus-1}), Azure's zone number after the location.</li>
 * </ul>
 */
public final class ArmNames {
    private static final Pattern VM_NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]{0,62}[A-Za-z0-9_])?");
    private static final Pattern URN = Pattern.compile("([^:/\\s]+):([^:/\\s]+):([^:/\\s]+):([^:/\\s]+)");
    private static final Pattern MANAGED_IMAGE = Pattern.compile(
            "/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.Compute/images/([^/]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern RESOURCE_NAME = Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9._-]{0,78}[A-Za-z0-9_])?");

    private ArmNames() {
    }

    public static boolean isVmName(String name) {
        return name != null && VM_NAME.matcher(name).matches();
    }

    /** Checks an instance id. @throws AltoException INVALID_PARAMETER when it cannot be a VM name */
    public static String vm(String id) {
        if (!isVmName(id)) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidResourceName", "'" + id
                    + "' is not an azure instance id (a VM name: 1-64 letters, digits, '.', '_' or '-')");
        }
        return id;
    }

    public static String nicName(String vm) {
        return vm + "-nic";
    }

    public static String ipName(String vm) {
        return vm + "-ip";
    }

    public static String osDiskName(String vm) {
        return vm + "-osdisk";
    }

    /** A marketplace image by URN. */
    public record Urn(String publisher, String offer, String sku, String version) {
        public String id() {
            return publisher + ":" + offer + ":" + sku + ":" + version;
        }
    }

    /** A managed image of a resource group. */
    public record ManagedImage(String subscription, String group, String name) {
        public String id() {
            return managedImageId(subscription, group, name);
        }
    }

    public static boolean isUrn(String id) {
        return id != null && URN.matcher(id).matches();
    }

    public static Urn urn(String id) {
        Matcher m = URN.matcher(id == null ? "" : id);
        if (!m.matches()) {
            throw malformedImage(id);
        }
        return new Urn(m.group(1), m.group(2), m.group(3), m.group(4));
    }

    public static boolean isManagedImageId(String id) {
        return id != null && MANAGED_IMAGE.matcher(id).matches();
    }

    public static ManagedImage managedImage(String id) {
        Matcher m = MANAGED_IMAGE.matcher(id == null ? "" : id);
        if (!m.matches() || !RESOURCE_NAME.matcher(m.group(3)).matches()) {
            throw malformedImage(id);
        }
        return new ManagedImage(m.group(1), m.group(2), m.group(3));
    }

    public static String managedImageId(String subscription, String group, String name) {
        return "/subscriptions/" + subscription + "/resourceGroups/" + group
                + "/providers/Microsoft.Compute/images/" + name;
    }

    /** Checks an image id of either kind. @throws AltoException INVALID_PARAMETER when it is neither */
    public static void checkImageId(String id) {
        if (!isUrn(id) && !isManagedImageId(id)) {
            throw malformedImage(id);
        }
        if (isManagedImageId(id)) {
            managedImage(id);
        }
    }

    public static boolean isResourceName(String name) {
        return name != null && RESOURCE_NAME.matcher(name).matches();
    }

    /** The zone name {@code <location>-<n>} of Azure's zone number. */
    public static String zoneName(String location, String number) {
        return location + "-" + number;
    }

    /** Azure's zone number of {@code <location>-<n>}, or null when the name is not a zone of that location. */
    public static String zoneNumber(String location, String zone) {
        String prefix = location + "-";
        if (zone == null || !zone.startsWith(prefix)) {
            return null;
        }
        String number = zone.substring(prefix.length());
        return number.matches("[0-9]{1,2}") ? number : null;
    }

    /** The last segment of an ARM id ({@code .../networkInterfaces/web-1-nic} is {@code web-1-nic}). */
    public static String last(String armId) {
        if (armId == null) {
            return null;
        }
        int slash = armId.lastIndexOf('/');
        return slash < 0 ? armId : armId.substring(slash + 1);
    }

    /** ARM ids are case-insensitive; joins compare them lower-cased. */
    public static String key(String armId) {
        return armId == null ? null : armId.toLowerCase(Locale.ROOT);
    }

    private static AltoException malformedImage(String id) {
        return new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidImageId", "'" + id + "' is not an azure "
                + "image id (a URN publisher:offer:sku:version, or a managed image's ARM id)");
    }
}
