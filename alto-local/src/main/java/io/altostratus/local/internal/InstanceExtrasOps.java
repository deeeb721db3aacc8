package io.altostratus.local.internal;

import io.altostratus.core.ec2.Ec2InstanceExtras;
import io.altostratus.core.ec2.InstanceExtras;
import io.altostratus.core.ec2.PlacementGroup;
import io.altostratus.core.model.InstanceState;
import io.altostratus.local.internal.Docs.InstanceDoc;
import io.altostratus.store.StateView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Detailed monitoring and placement changes of instances, kept in a document of their own keyed by instance id (the
 * instance document stays as the launch wrote it). Only instances something was changed on have one; the others read
 * as {@link InstanceExtras#defaults}. Monitoring changes settle through the clock like instance states. An instance
 * is a session's {@link Ec2InstanceExtras}.
 */
public final class InstanceExtrasOps implements Ec2InstanceExtras {
    static final String KIND = "local.instance-extras";
    /** Up to this many instances are read one by one; more are read with one listing of the kind. */
    private static final int BY_ID_LIMIT = 16;
    private static final Set<String> RESETTABLE = Set.of("sourceDestCheck", "kernel", "ramdisk");

    /** An instance's extras as stored: a transitional monitoring state reads as settled from {@code settlesAt}. */
    public record ExtrasDoc(InstanceExtras extras, long settlesAt) {
    }

    private final Session session;
    private final Env env;

    public InstanceExtrasOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    @Override
    public List<InstanceExtras> monitor(Collection<String> instanceIds, boolean enable) {
        return session.write(tx -> {
            List<InstanceExtras> out = new ArrayList<>();
            for (String id : new LinkedHashSet<>(instanceIds)) {
                Lookup.instance(tx, env, id);
                InstanceExtras now = read(tx, env, id);
                String settledTo = enable ? InstanceExtras.ENABLED : InstanceExtras.DISABLED;
                if (now.monitoring().equals(settledTo)) {
                    out.add(now);
                    continue;
                }
                InstanceExtras changed = new InstanceExtras(id, enable ? InstanceExtras.PENDING
                        : InstanceExtras.DISABLING, now.placementGroup(), now.partitionNumber());
                tx.put(KIND, env.scope(), id, new ExtrasDoc(changed, env.settleTime()));
                out.add(changed);
            }
            return out;
        });
    }

    @Override
    public Map<String, InstanceExtras> instanceExtras(Collection<String> instanceIds) {
        return session.read(view -> {
            Map<String, InstanceExtras> out = new LinkedHashMap<>();
            if (instanceIds.size() <= BY_ID_LIMIT) {
                for (String id : instanceIds) {
                    out.put(id, read(view, env, id));
                }
                return out;
            }
            // For a page of many instances one listing costs less than a read per instance: only instances
            // something was changed on have a document.
            Map<String, ExtrasDoc> stored = new java.util.HashMap<>();
            for (ExtrasDoc doc : view.list(KIND, env.scope(), ExtrasDoc.class)) {
                stored.put(doc.extras().instanceId(), doc);
            }
            for (String id : instanceIds) {
                ExtrasDoc doc = stored.get(id);
                out.put(id, doc == null ? InstanceExtras.defaults(id) : settled(doc, env.now()));
            }
            return out;
        });
    }

    @Override
    public InstanceExtras modifyPlacement(String instanceId, String groupName, Integer partitionNumber) {
        return session.write(tx -> {
            InstanceDoc instance = Lookup.instance(tx, env, instanceId);
            if (instance.state() != InstanceState.STOPPED) {
                throw Errors.incorrectInstanceState(instanceId, instance.state().wireName(), "moved to another"
                        + " placement (it must be stopped)");
            }
            InstanceExtras now = read(tx, env, instanceId);
            String group = groupName == null || groupName.isEmpty() ? null : groupName;
            Integer partition = partitionNumber;
            if (group != null) {
                PlacementGroup pg = tx.get(PlacementGroupOps.KIND, env.scope(), group, PlacementGroup.class)
                        .orElseThrow(() -> Errors.notFound("InvalidPlacementGroup.Unknown", "The Placement Group '"
                                + group + "' is unknown."));
                if (partition != null && !"partition".equals(pg.strategy())) {
                    throw Errors.invalidValue("PartitionNumber is only valid for a partition placement group;"
                            + " '" + group + "' uses the " + pg.strategy() + " strategy");
                }
                if (partition != null && (partition < 1 || pg.partitionCount() == null
                        || partition > pg.partitionCount())) {
                    throw Errors.invalidValue("Value (" + partition + ") for parameter PartitionNumber is invalid."
                            + " Placement group '" + group + "' has " + pg.partitionCount() + " partitions");
                }
            } else if (partition != null) {
                throw Errors.invalidValue("PartitionNumber needs a placement group (GroupName or GroupId)");
            }
            InstanceExtras changed = new InstanceExtras(instanceId, now.monitoring(), group, partition);
            long settlesAt = tx.get(KIND, env.scope(), instanceId, ExtrasDoc.class).map(ExtrasDoc::settlesAt)
                    .orElse(0L);
            tx.put(KIND, env.scope(), instanceId, new ExtrasDoc(changed, settlesAt));
            return changed;
        });
    }

    @Override
    public void resetInstanceAttribute(String instanceId, String attribute) {
        if (attribute == null) {
            throw Errors.invalid("MissingParameter", "The request must contain the parameter Attribute");
        }
        if (!RESETTABLE.contains(attribute)) {
            throw Errors.invalidValue("Value (" + attribute + ") for parameter attribute is invalid. Only kernel,"
                    + " ramdisk and sourceDestCheck can be reset");
        }
        session.read(view -> {
            InstanceDoc instance = Lookup.instance(view, env, instanceId);
            // The local cloud's instances always have their image's kernel and ramdisk and source/dest checking
            // on, so a reset changes nothing; EC2's precondition still holds for kernel and ramdisk.
            if (!attribute.equals("sourceDestCheck") && instance.state() != InstanceState.STOPPED) {
                throw Errors.incorrectInstanceState(instanceId, instance.state().wireName(), "reset (" + attribute
                        + " can be reset only while the instance is stopped)");
            }
            return null;
        });
    }

    /** An instance's extras as they read now; defaults when none are stored. */
    static InstanceExtras read(StateView view, Env env, String instanceId) {
        ExtrasDoc doc = view.get(KIND, env.scope(), instanceId, ExtrasDoc.class).orElse(null);
        return doc == null ? InstanceExtras.defaults(instanceId) : settled(doc, env.now());
    }

    private static InstanceExtras settled(ExtrasDoc doc, long now) {
        InstanceExtras e = doc.extras();
        if (now < doc.settlesAt()) {
            return e;
        }
        return switch (e.monitoring()) {
            case InstanceExtras.PENDING -> new InstanceExtras(e.instanceId(), InstanceExtras.ENABLED,
                    e.placementGroup(), e.partitionNumber());
            case InstanceExtras.DISABLING -> new InstanceExtras(e.instanceId(), InstanceExtras.DISABLED,
                    e.placementGroup(), e.partitionNumber());
            default -> e;
        };
    }
}
