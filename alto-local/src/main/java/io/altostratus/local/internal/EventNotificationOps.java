package io.altostratus.local.internal;

import io.altostratus.core.ec2.InstanceEventNotifications;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The account's instance event notification tag setting, one document per account and region. No scheduled events
 * happen in the local cloud, so nothing reads it but DescribeInstanceEventNotificationAttributes. An instance is a
 * session's {@link InstanceEventNotifications}.
 */
public final class EventNotificationOps implements InstanceEventNotifications {
    static final String KIND = "local.instance-event-notification-attributes";
    private static final String ID = "tags";
    /** EC2 keeps at most this many keys. */
    private static final int MAX_KEYS = 50;

    private final Session session;
    private final Env env;

    public EventNotificationOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    @Override
    public TagAttribute eventNotificationAttributes() {
        return session.read(view -> view.get(KIND, env.scope(), ID, TagAttribute.class)
                .orElse(new TagAttribute(false, List.of())));
    }

    @Override
    public TagAttribute register(Boolean includeAllTags, Collection<String> tagKeys) {
        check(includeAllTags, tagKeys);
        return session.write(tx -> {
            TagAttribute now = tx.get(KIND, env.scope(), ID, TagAttribute.class)
                    .orElse(new TagAttribute(false, List.of()));
            Set<String> keys = new LinkedHashSet<>(now.tagKeys());
            List<String> added = new ArrayList<>();
            for (String key : tagKeys) {
                if (keys.add(key)) {
                    added.add(key);
                }
            }
            if (keys.size() > MAX_KEYS) {
                throw Errors.invalidValue("At most " + MAX_KEYS + " tag keys can be registered");
            }
            boolean all = includeAllTags == null ? now.includeAllTags() : includeAllTags || now.includeAllTags();
            tx.put(KIND, env.scope(), ID, new TagAttribute(all, List.copyOf(keys)));
            return new TagAttribute(Boolean.TRUE.equals(includeAllTags), added);
        });
    }

    @Override
    public TagAttribute deregister(Boolean includeAllTags, Collection<String> tagKeys) {
        check(includeAllTags, tagKeys);
        return session.write(tx -> {
            TagAttribute now = tx.get(KIND, env.scope(), ID, TagAttribute.class)
                    .orElse(new TagAttribute(false, List.of()));
            Set<String> keys = new LinkedHashSet<>(now.tagKeys());
            List<String> removed = new ArrayList<>();
            for (String key : tagKeys) {
                if (keys.remove(key)) {
                    removed.add(key);
                }
            }
            boolean all = Boolean.TRUE.equals(includeAllTags) ? false : now.includeAllTags();
            tx.put(KIND, env.scope(), ID, new TagAttribute(all, List.copyOf(keys)));
            return new TagAttribute(Boolean.TRUE.equals(includeAllTags) ? false : now.includeAllTags(), removed);
        });
    }

    /** EC2 takes either all tags or a list of keys, never both and never neither. */
    private static void check(Boolean includeAllTags, Collection<String> tagKeys) {
        boolean all = Boolean.TRUE.equals(includeAllTags);
        if (all == !tagKeys.isEmpty()) {
            throw Errors.invalid("InvalidParameterCombination", "Specify either IncludeAllTagsOfInstance or"
                    + " InstanceTagKeys, not both or neither");
        }
    }
}
