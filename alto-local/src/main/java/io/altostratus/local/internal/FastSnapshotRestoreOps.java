package io.altostratus.local.internal;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.FastSnapshotRestore;
import io.altostratus.core.ec2.FastSnapshotRestore.Outcome;
import io.altostratus.core.ec2.FastSnapshotRestores;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.model.Snapshot;
import io.altostratus.local.internal.Docs.SnapshotDoc;
import io.altostratus.store.StateTx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Fast snapshot restores, one document per snapshot and zone, stored with the times its transitions settle and read
 * through the clock: enabling becomes optimizing after one transition time and enabled after two; disabling becomes
 * disabled after one. Disabled ones stay listed for an hour. An instance is a session's {@link FastSnapshotRestores}.
 */
public final class FastSnapshotRestoreOps implements FastSnapshotRestores {
    static final String KIND = "local.fast-snapshot-restore";
    static final long DISABLED_VISIBLE_MS = 60 * 60 * 1000L;
    /** EC2 takes at most this many zones and snapshots in one call. */
    static final int MAX_PER_CALL = 10;
    private static final String USER = "Client.UserInitiated";

    /** As stored: the restore as of its last change, and when its next two steps settle. */
    public record RestoreDoc(FastSnapshotRestore restore, long firstStepAt, long secondStepAt) {
    }

    private final Session session;
    private final Env env;

    public FastSnapshotRestoreOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    @Override
    public List<Outcome> enableFastSnapshotRestores(Collection<String> zones, Collection<String> snapshotIds) {
        checkCall(zones, snapshotIds);
        return session.write(tx -> {
            List<Outcome> out = new ArrayList<>();
            for (String snapshotId : new LinkedHashSet<>(snapshotIds)) {
                AltoException refused = usable(tx, snapshotId);
                for (String zone : new LinkedHashSet<>(zones)) {
                    if (refused != null) {
                        out.add(new Outcome(snapshotId, zone, null, refused.providerCode(), refused.getMessage()));
                        continue;
                    }
                    FastSnapshotRestore current = current(tx, snapshotId, zone);
                    if (current != null && current.isOn()) {
                        out.add(new Outcome(snapshotId, zone, current, null, null));
                        continue;
                    }
                    long now = env.now();
                    long step = env.settleTime() - now;
                    FastSnapshotRestore enabling = new FastSnapshotRestore(snapshotId, zone,
                            FastSnapshotRestore.ENABLING, USER + " - Lifecycle state transition",
                            Env.instant(now), null, null, null, null);
                    tx.put(KIND, env.scope(), key(snapshotId, zone), new RestoreDoc(enabling, now + step,
                            now + 2 * step));
                    out.add(new Outcome(snapshotId, zone, enabling, null, null));
                }
            }
            return out;
        });
    }

    @Override
    public List<Outcome> disableFastSnapshotRestores(Collection<String> zones, Collection<String> snapshotIds) {
        checkCall(zones, snapshotIds);
        return session.write(tx -> {
            List<Outcome> out = new ArrayList<>();
            for (String snapshotId : new LinkedHashSet<>(snapshotIds)) {
                for (String zone : new LinkedHashSet<>(zones)) {
                    FastSnapshotRestore current = current(tx, snapshotId, zone);
                    if (current == null || !current.isOn()) {
                        out.add(new Outcome(snapshotId, zone, null, "IncorrectState", "Fast snapshot restores are "
                                + "not enabled for snapshot " + snapshotId + " in " + zone));
                        continue;
                    }
                    long now = env.now();
                    FastSnapshotRestore disabling = new FastSnapshotRestore(snapshotId, zone,
                            FastSnapshotRestore.DISABLING, USER + " - Lifecycle state transition",
                            current.enablingTime(), current.optimizingTime(), current.enabledTime(),
                            Env.instant(now), null);
                    tx.put(KIND, env.scope(), key(snapshotId, zone), new RestoreDoc(disabling, env.settleTime(),
                            env.settleTime()));
                    out.add(new Outcome(snapshotId, zone, disabling, null, null));
                }
            }
            return out;
        });
    }

    @Override
    public List<FastSnapshotRestore> fastSnapshotRestores() {
        return session.read(view -> {
            List<FastSnapshotRestore> out = new ArrayList<>();
            long now = env.now();
            for (RestoreDoc doc : view.list(KIND, env.scope(), RestoreDoc.class)) {
                FastSnapshotRestore r = settled(doc, now);
                if (!FastSnapshotRestore.DISABLED.equals(r.state())
                        || now - r.disabledTime().toEpochMilli() <= DISABLED_VISIBLE_MS) {
                    out.add(r);
                }
            }
            return out;
        });
    }

    private void checkCall(Collection<String> zones, Collection<String> snapshotIds) {
        if (zones == null || zones.isEmpty()) {
            throw Errors.invalid("MissingParameter", "The request must contain the parameter AvailabilityZone");
        }
        if (snapshotIds == null || snapshotIds.isEmpty()) {
            throw Errors.invalid("MissingParameter", "The request must contain the parameter SourceSnapshotId");
        }
        if (zones.size() > MAX_PER_CALL || snapshotIds.size() > MAX_PER_CALL) {
            throw Errors.invalidValue("At most " + MAX_PER_CALL + " availability zones and " + MAX_PER_CALL
                    + " snapshots per request");
        }
        for (String zone : zones) {
            if (env.zone(zone) == null) {
                throw Errors.invalidValue("Invalid availability zone: [" + zone + "]");
            }
        }
        for (String id : snapshotIds) {
            Ec2IdKind.SNAPSHOT.check(id);
        }
    }

    /** Why the snapshot cannot get fast restores, or null when it can. */
    private AltoException usable(StateTx tx, String snapshotId) {
        SnapshotDoc doc;
        try {
            doc = Lookup.snapshot(tx, env, snapshotId);
        } catch (AltoException notFound) {
            return notFound;
        }
        Snapshot s = doc.snapshot();
        if ("pending".equals(s.state()) && doc.settlesAt() > env.now()) {
            return Errors.state("IncorrectState", "Snapshot " + snapshotId + " is not completed");
        }
        return null;
    }

    private FastSnapshotRestore current(StateTx tx, String snapshotId, String zone) {
        return tx.get(KIND, env.scope(), key(snapshotId, zone), RestoreDoc.class)
                .map(d -> settled(d, env.now())).orElse(null);
    }

    private static String key(String snapshotId, String zone) {
        return snapshotId + "/" + zone;
    }

    private static FastSnapshotRestore settled(RestoreDoc doc, long now) {
        FastSnapshotRestore r = doc.restore();
        return switch (r.state()) {
            case FastSnapshotRestore.ENABLING -> now >= doc.secondStepAt() ? enabled(r, doc)
                    : now >= doc.firstStepAt() ? optimizing(r, doc) : r;
            case FastSnapshotRestore.DISABLING -> now >= doc.firstStepAt()
                    ? new FastSnapshotRestore(r.snapshotId(), r.zone(), FastSnapshotRestore.DISABLED, r.reason(),
                            r.enablingTime(), r.optimizingTime(), r.enabledTime(), r.disablingTime(),
                            Instant.ofEpochMilli(doc.firstStepAt()))
                    : r;
            default -> r;
        };
    }

    private static FastSnapshotRestore optimizing(FastSnapshotRestore r, RestoreDoc doc) {
        return new FastSnapshotRestore(r.snapshotId(), r.zone(), FastSnapshotRestore.OPTIMIZING, r.reason(),
                r.enablingTime(), Instant.ofEpochMilli(doc.firstStepAt()), null, null, null);
    }

    private static FastSnapshotRestore enabled(FastSnapshotRestore r, RestoreDoc doc) {
        return new FastSnapshotRestore(r.snapshotId(), r.zone(), FastSnapshotRestore.ENABLED, r.reason(),
                r.enablingTime(), Instant.ofEpochMilli(doc.firstStepAt()), Instant.ofEpochMilli(doc.secondStepAt()),
                null, null);
    }
}
