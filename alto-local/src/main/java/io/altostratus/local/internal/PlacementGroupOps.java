package io.altostratus.local.internal;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.PlacementGroup;
import io.altostratus.core.ec2.PlacementGroups;
import io.altostratus.store.StateTx;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Placement groups, stored by name (EC2's key for them). The local cloud places nothing, so a group is a record of
 * what was asked; launches into one are not offered. An instance is a session's {@link PlacementGroups}.
 */
public final class PlacementGroupOps implements PlacementGroups {
    static final String KIND = "local.placement-group";
    private static final Set<String> STRATEGIES = Set.of("cluster", "spread", "partition");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Session session;
    private final Env env;

    public PlacementGroupOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    @Override
    public PlacementGroup createPlacementGroup(String name, String strategy, Integer partitionCount,
                                               String spreadLevel, Map<String, String> tags) {
        TagOps.validate(tags);
        if (name == null || name.isEmpty() || name.length() > 255) {
            throw Errors.invalidValue("A placement group name must be 1 to 255 characters: '" + name + "'");
        }
        String kind = strategy == null ? "cluster" : strategy;
        if (!STRATEGIES.contains(kind)) {
            throw Errors.invalidValue("Value (" + strategy + ") for parameter strategy is invalid. "
                    + "Valid values: cluster, spread, partition");
        }
        Integer partitions = null;
        if (kind.equals("partition")) {
            partitions = partitionCount == null ? 2 : partitionCount;
            if (partitions < 1 || partitions > 7) {
                throw Errors.invalidValue("Value (" + partitionCount + ") for parameter partitionCount is invalid. "
                        + "Expected 1 to 7.");
            }
        } else if (partitionCount != null) {
            throw Errors.invalid("InvalidParameterCombination",
                    "PartitionCount can only be given with the partition strategy");
        }
        String level = null;
        if (kind.equals("spread")) {
            level = spreadLevel == null ? "rack" : spreadLevel;
            if (!level.equals("rack") && !level.equals("host")) {
                throw Errors.invalidValue("Value (" + spreadLevel + ") for parameter spreadLevel is invalid. "
                        + "Valid values: host, rack");
            }
        } else if (spreadLevel != null) {
            throw Errors.invalid("InvalidParameterCombination",
                    "SpreadLevel can only be given with the spread strategy");
        }
        PlacementGroup group = new PlacementGroup(Ec2IdKind.PLACEMENT_GROUP.mint(), name, kind, partitions, level,
                "available", env.account(), tags);
        return session.write(tx -> {
            if (tx.get(KIND, env.scope(), name, PlacementGroup.class).isPresent()) {
                throw Errors.duplicate("InvalidPlacementGroup.Duplicate", "The Placement Group '" + name
                        + "' already exists.");
            }
            tx.put(KIND, env.scope(), name, group);
            return group;
        });
    }

    @Override
    public List<PlacementGroup> placementGroups() {
        return session.read(view -> view.list(KIND, env.scope(), PlacementGroup.class));
    }

    @Override
    public void deletePlacementGroup(String name) {
        session.update(tx -> {
            if (name == null || tx.get(KIND, env.scope(), name, PlacementGroup.class).isEmpty()) {
                throw unknown(name);
            }
            tx.delete(KIND, env.scope(), name);
        });
    }

    /** Tags a group by its {@code pg-} id (CreateTags names groups by id). */
    static void retag(StateTx tx, Env env, String id, UnaryOperator<Map<String, String>> change) {
        for (PlacementGroup g : tx.list(KIND, env.scope(), PlacementGroup.class)) {
            if (g.id().equals(id)) {
                tx.put(KIND, env.scope(), g.name(), g.withTags(change.apply(g.tags())));
                return;
            }
        }
        throw Errors.notFound("InvalidPlacementGroup.Unknown", "The Placement Group '" + id + "' is unknown.");
    }

    private static io.altostratus.core.error.AltoException unknown(String name) {
        return Errors.notFound("InvalidPlacementGroup.Unknown", "The Placement Group '" + name + "' is unknown.");
    }

}
