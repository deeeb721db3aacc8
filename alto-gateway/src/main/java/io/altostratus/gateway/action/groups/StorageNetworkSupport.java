package io.altostratus.gateway.action.groups;

import io.altostratus.gateway.http.Ec2WireException;
import io.altostratus.gateway.http.WireError;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * What the volume, snapshot, network interface and address actions share: EC2's DryRun answer, id syntax checks,
 * the errors for missing and conflicting parameters, tag specifications and the text form of timestamps in filters.
 */
final class StorageNetworkSupport {
    static final String DRY_RUN_MESSAGE = "Request would have succeeded, but DryRun flag is set.";

    private static final DateTimeFormatter FILTER_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private StorageNetworkSupport() {
    }

    /** Ends a call that passed validation when the caller only asked whether it would succeed. */
    static void dryRun(Boolean dryRun) {
        if (Boolean.TRUE.equals(dryRun)) {
            throw new Ec2WireException(412, "DryRunOperation", DRY_RUN_MESSAGE);
        }
    }

    /**
     * Whether {@code id} has the syntax of an EC2 id with this prefix: the prefix, a dash and 8 or 17 lowercase hex
     * digits (EC2's short and long forms).
     */
    static boolean wellFormed(String id, String prefix) {
        if (id == null || !id.startsWith(prefix + "-")) {
            return false;
        }
        String hex = id.substring(prefix.length() + 1);
        if (hex.length() != 8 && hex.length() != 17) {
            return false;
        }
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** Fails with EC2's Malformed code for the first id that is not of the kind. */
    static void checkIds(Collection<String> ids, String prefix, String malformedCode) {
        for (String id : ids) {
            checkId(id, prefix, malformedCode);
        }
    }

    static String checkId(String id, String prefix, String malformedCode) {
        if (!wellFormed(id, prefix)) {
            throw Ec2WireException.of(malformedCode, "Invalid id: \"" + id + "\" (expecting \"" + prefix + "-...\")");
        }
        return id;
    }

    static Ec2WireException missing(String parameter) {
        return Ec2WireException.of(WireError.MISSING_PARAMETER, "The request must contain the parameter " + parameter);
    }

    static Ec2WireException invalid(String message) {
        return Ec2WireException.of(WireError.INVALID_PARAMETER_VALUE, message);
    }

    static Ec2WireException combination(String message) {
        return Ec2WireException.of(WireError.INVALID_PARAMETER_COMBINATION, message);
    }

    static Ec2WireException unsupported(String message) {
        return Ec2WireException.of(WireError.UNSUPPORTED_OPERATION, message);
    }

    /** EC2 refuses MaxResults (and so paging) together with explicit ids on the actions that page. */
    static void noPagingWithIds(boolean hasIds, Integer maxResults, String idsParameter) {
        if (hasIds && maxResults != null) {
            throw combination("The parameter " + idsParameter + " cannot be used with the parameter maxResults");
        }
    }

    /**
     * The tags for a resource of {@code type} from TagSpecifications that may only name that type, as EC2 checks them:
     * a specification for another type, a missing type or a reserved {@code aws:} key is an error.
     */
    static Map<String, String> tagsFor(List<TagSpecification> specs, ResourceType type) {
        Map<String, String> out = new LinkedHashMap<>();
        if (specs == null) {
            return out;
        }
        for (TagSpecification spec : specs) {
            String given = spec.resourceTypeAsString();
            if (given == null || given.isEmpty()) {
                throw invalid("Tag specification resource type must have a value");
            }
            if (!type.toString().equals(given)) {
                throw invalid("'" + given + "' is not a valid taggable resource type for this operation.");
            }
            Map<String, String> tags = SdkTags.fromSdk(spec.tags());
            for (String key : tags.keySet()) {
                if (key == null || key.isEmpty()) {
                    throw invalid("Tag keys must not be empty");
                }
                if (key.regionMatches(true, 0, "aws:", 0, 4)) {
                    throw invalid("Tag keys starting with 'aws:' are reserved for internal use");
                }
            }
            out.putAll(tags);
        }
        return out;
    }

    /** A timestamp as EC2 prints it, which is also what its time filters match against (wildcards included). */
    static String filterTime(Instant instant) {
        return instant == null ? null : FILTER_TIME.format(instant);
    }

    /** A fingerprint of a Describe query for its paging token, so a token is not replayed with other filters. */
    static String queryKey(Collection<String> ids, List<Filter> filters, Object... more) {
        StringBuilder key = new StringBuilder();
        key.append(ids == null ? "" : String.join(",", ids)).append('|');
        if (filters != null) {
            for (Filter f : filters) {
                key.append(f.name()).append('=').append(f.hasValues() ? String.join(",", f.values()) : "").append(';');
            }
        }
        for (Object m : more) {
            key.append('|').append(m);
        }
        return key.toString();
    }

    /** {@code ip-10-0-1-5.ec2.internal} in us-east-1, {@code ip-10-0-1-5.<region>.compute.internal} elsewhere. */
    static String privateDnsName(String region, String ip) {
        if (ip == null) {
            return null;
        }
        String host = "ip-" + ip.replace('.', '-');
        return "us-east-1".equals(region) ? host + ".ec2.internal" : host + "." + region + ".compute.internal";
    }

    /** {@code ec2-198-18-0-7.compute-1.amazonaws.com} in us-east-1, {@code ec2-...<region>.compute.amazonaws.com} else. */
    static String publicDnsName(String region, String ip) {
        if (ip == null) {
            return null;
        }
        String host = "ec2-" + ip.replace('.', '-');
        return "us-east-1".equals(region) ? host + ".compute-1.amazonaws.com"
                : host + "." + region + ".compute.amazonaws.com";
    }
}
