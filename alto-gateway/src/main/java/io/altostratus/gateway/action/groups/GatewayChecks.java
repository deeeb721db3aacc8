package io.altostratus.gateway.action.groups;

import io.altostratus.gateway.http.Ec2WireException;
import io.altostratus.gateway.http.WireError;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * What the image, key pair, tag and instance type actions share: EC2's DryRun answer, id syntax, tag specifications,
 * and EC2's timestamp text.
 */
final class GatewayChecks {
    static final String DRY_RUN_MESSAGE = "Request would have succeeded, but DryRun flag is set.";

    private static final DateTimeFormatter EC2_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private GatewayChecks() {
    }

    /** Ends a call that passed validation when the caller only asked whether it would succeed (HTTP 412). */
    static void dryRun(Boolean dryRun) {
        if (Boolean.TRUE.equals(dryRun)) {
            throw new Ec2WireException(412, "DryRunOperation", DRY_RUN_MESSAGE);
        }
    }

    /** Whether {@code id} is the prefix, a dash and 8 or 17 lowercase hex digits (EC2's short and long ids). */
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

    /** Fails with EC2's Malformed code when the id is not of the kind. */
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

    /**
     * The tags for one resource type from TagSpecifications that may name only the types in {@code allowed}; a
     * specification without a type, for another type, or with a reserved {@code aws:} key fails as in EC2.
     */
    static Map<String, String> tagsFor(List<TagSpecification> specs, ResourceType wanted, Set<ResourceType> allowed) {
        Map<String, String> out = new LinkedHashMap<>();
        if (specs == null) {
            return out;
        }
        for (TagSpecification spec : specs) {
            String given = spec.resourceTypeAsString();
            if (given == null || given.isEmpty()) {
                throw invalid("Tag specification resource type must have a value");
            }
            if (allowed.stream().noneMatch(t -> t.toString().equals(given))) {
                throw invalid("'" + given + "' is not a valid taggable resource type for this operation.");
            }
            if (!wanted.toString().equals(given)) {
                continue;
            }
            Map<String, String> tags = SdkTags.fromSdk(spec.tags());
            for (String key : tags.keySet()) {
                checkTagKey(key);
            }
            out.putAll(tags);
        }
        return out;
    }

    /** EC2 refuses empty keys and keys in the {@code aws:} namespace, which only AWS may set. */
    static void checkTagKey(String key) {
        if (key == null || key.isEmpty()) {
            throw invalid("Tag keys must not be empty");
        }
        if (key.regionMatches(true, 0, "aws:", 0, 4)) {
            throw invalid("Tag keys starting with 'aws:' are reserved for internal use");
        }
    }

    /** A timestamp as EC2 prints it in string fields ({@code 2024-04-23T08:01:02.000Z}), which its filters match. */
    static String ec2Time(Instant instant) {
        return instant == null ? null : EC2_TIME.format(instant);
    }
}
