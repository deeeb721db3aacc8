package io.altostratus.core.ec2;

import io.altostratus.core.model.Tags;
import java.util.Map;
import java.util.Objects;

/**
 * How EC2 is asked to place a set of instances relative to each other (an EC2 placement group).
 *
 * @param id             e.g. {@code pg-0123456789abcdef0}
 * @param name           unique in the account and region
 * @param strategy       {@code cluster}, {@code spread} or {@code partition}
 * @param partitionCount the partitions of a {@code partition} group (1..7), else null
 * @param spreadLevel    {@code rack} or {@code host} for a {@code spread} group, else null
 * @param state          {@code available} (groups here are made at once)
 * @param ownerId        the owning account
 * @param tags           tags
 */
public record PlacementGroup(String id, String name, String strategy, Integer partitionCount, String spreadLevel,
                             String state, String ownerId, Map<String, String> tags) {

    public PlacementGroup {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(strategy, "strategy");
        tags = Tags.copy(tags);
    }

    public PlacementGroup withTags(Map<String, String> newTags) {
        return new PlacementGroup(id, name, strategy, partitionCount, spreadLevel, state, ownerId, newTags);
    }
}
