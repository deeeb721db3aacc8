package io.altostratus.core.ec2;

import io.altostratus.core.spi.Extension;
import java.util.Collection;
import java.util.List;

/**
 * Which instance tags EC2 includes in scheduled event notifications of the account and region
 * (Register/Deregister/DescribeInstanceEventNotificationAttributes). No events are ever sent here; the setting is kept.
 */
public interface InstanceEventNotifications extends Extension {

    /**
     * The setting.
     *
     * @param includeAllTags whether every tag is included
     * @param tagKeys        the keys included, when not all
     */
    record TagAttribute(boolean includeAllTags, List<String> tagKeys) {
        public TagAttribute {
            tagKeys = tagKeys == null ? List.of() : List.copyOf(tagKeys);
        }
    }

    TagAttribute eventNotificationAttributes();

    /** Adds keys, or sets "all tags" (a null {@code includeAllTags} leaves it). Answers the keys/flag it changed. */
    TagAttribute register(Boolean includeAllTags, Collection<String> tagKeys);

    /** Removes keys, or clears "all tags". Answers the keys/flag it changed. */
    TagAttribute deregister(Boolean includeAllTags, Collection<String> tagKeys);
}
