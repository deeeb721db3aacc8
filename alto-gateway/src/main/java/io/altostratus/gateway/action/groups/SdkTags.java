package io.altostratus.gateway.action.groups;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** Tags between the core model's maps and EC2's key/value lists. */
public final class SdkTags {
    private SdkTags() {
    }

    public static List<Tag> toSdk(Map<String, String> tags) {
        List<Tag> out = new ArrayList<>(tags.size());
        tags.forEach((k, v) -> out.add(Tag.builder().key(k).value(v).build()));
        return out;
    }

    public static Map<String, String> fromSdk(List<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags != null) {
            for (Tag t : tags) {
                out.put(t.key(), t.value() == null ? "" : t.value());
            }
        }
        return out;
    }

    /** The tags of the TagSpecifications that apply to one resource type (EC2 lets one call tag several types). */
    public static Map<String, String> fromSpecifications(List<TagSpecification> specs, ResourceType type) {
        Map<String, String> out = new LinkedHashMap<>();
        if (specs != null) {
            for (TagSpecification spec : specs) {
                if (type.toString().equals(spec.resourceTypeAsString())) {
                    out.putAll(fromSdk(spec.tags()));
                }
            }
        }
        return out;
    }
}
