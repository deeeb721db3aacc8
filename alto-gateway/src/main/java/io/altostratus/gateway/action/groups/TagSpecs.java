package io.altostratus.gateway.action.groups;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** The tags a create call asks for in its TagSpecifications, checked as EC2 checks them. */
final class TagSpecs {
    private TagSpecs() {
    }

    /** The tags for a resource of {@code type} from TagSpecifications that may name only that type. */
    static Map<String, String> tagsFor(List<TagSpecification> specs, ResourceType type) {
        return tagsFor(specs, type, Set.of(type));
    }

    /**
     * The tags for one resource type from TagSpecifications that may name only the types in {@code allowed}; a
     * specification without a type, for a type not allowed, or with a reserved {@code aws:} key fails as in EC2.
     */
    static Map<String, String> tagsFor(List<TagSpecification> specs, ResourceType wanted, Set<ResourceType> allowed) {
        Map<String, String> out = new LinkedHashMap<>();
        if (specs == null) {
            return out;
        }
        for (TagSpecification spec : specs) {
            String given = spec.resourceTypeAsString();
            if (given == null || given.isEmpty()) {
                throw Checks.invalid("Tag specification resource type must have a value");
            }
            if (allowed.stream().noneMatch(t -> t.toString().equals(given))) {
                throw Checks.invalid("'" + given + "' is not a valid taggable resource type for this operation.");
            }
            if (!wanted.toString().equals(given)) {
                continue;
            }
            Map<String, String> tags = SdkTags.fromSdk(spec.tags());
            for (String key : tags.keySet()) {
                checkKey(key);
            }
            out.putAll(tags);
        }
        return out;
    }

    /** EC2 refuses empty keys and keys in the {@code aws:} namespace, which only AWS may set. */
    static void checkKey(String key) {
        if (key == null || key.isEmpty()) {
            throw Checks.invalid("Tag keys must not be empty");
        }
        if (key.regionMatches(true, 0, "aws:", 0, 4)) {
            throw Checks.invalid("Tag keys starting with 'aws:' are reserved for internal use");
        }
    }
}
