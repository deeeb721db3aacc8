package io.altostratus.gateway.arm.internal;

import java.util.Locale;

/**
 * ARM resource ids. Ids are written with ARM's canonical segment names ({@code resourceGroups}, {@code providers})
 * and the resource group's name as the caller spelt it in the request (as ARM echoes it), or as it was created for
 * listings across the subscription; they are read with segment names in any case.
 */
public final class Ids {
    public static final String COMPUTE = "Microsoft.Compute";
    public static final String NETWORK = "Microsoft.Network";

    /** A parsed resource id: subscription, group, namespace, type, name, and the child type and name if any. */
    public record Parsed(String subscription, String group, String namespace, String type, String name,
                         String childType, String childName) {
    }

    private Ids() {
    }

    public static String group(String subscription, String group) {
        return "/subscriptions/" + subscription + "/resourceGroups/" + group;
    }

    public static String resource(String subscription, String group, String namespace, String type, String name) {
        return group(subscription, group) + "/providers/" + namespace + "/" + type + "/" + name;
    }

    /** Parses {@code /subscriptions/s/resourceGroups/g/providers/ns/type/name[/childType/childName]}, or null. */
    public static Parsed parse(String id) {
        if (id == null) {
            return null;
        }
        String[] p = id.startsWith("/") ? id.substring(1).split("/") : id.split("/");
        if (p.length < 8 || !p[0].equalsIgnoreCase("subscriptions") || !p[2].equalsIgnoreCase("resourceGroups")
                || !p[4].equalsIgnoreCase("providers")) {
            return null;
        }
        String childType = p.length >= 10 ? p[8] : null;
        String childName = p.length >= 10 ? p[9] : null;
        return new Parsed(p[1], p[3], p[5], p[6], p[7], childType, childName);
    }

    /** Parses an id that must name a resource of the given type, or a 400 InvalidResourceReference. */
    public static Parsed require(String id, String type, String referrer) {
        Parsed parsed = parse(id);
        if (parsed == null || !parsed.type().equalsIgnoreCase(type)) {
            throw new ArmException(400, "LinkedInvalidPropertyId", "Property id '" + id + "' at path '"
                    + referrer + "' is invalid. Expect fully qualified resource Id that start with "
                    + "'/subscriptions/{subscriptionId}' or '/providers/{resourceProviderNamespace}/'.");
        }
        return parsed;
    }

    public static boolean same(String a, String b) {
        return a != null && b != null && a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }
}
