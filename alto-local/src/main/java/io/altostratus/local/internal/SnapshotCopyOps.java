package io.altostratus.local.internal;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.SnapshotCopies;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Snapshot;
import io.altostratus.local.internal.Docs.SnapshotDoc;
import java.util.Map;

/**
 * Snapshot copies. A copy from another region reads the account's documents of that region in the same
 * transaction, so the source cannot vanish half-way. An instance is a session's {@link SnapshotCopies}.
 */
public final class SnapshotCopyOps implements SnapshotCopies {
    private final Session session;
    private final Env env;

    public SnapshotCopyOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    @Override
    public Snapshot copySnapshot(String sourceRegion, String sourceSnapshotId, String description,
                                 Map<String, String> tags) {
        TagOps.validate(tags);
        String region = sourceRegion == null ? env.region() : sourceRegion;
        if (env.catalog().regions().stream().map(Region::name).noneMatch(region::equals)) {
            throw Errors.invalidValue("Value (" + sourceRegion + ") for parameter SourceRegion is invalid: "
                    + "no such region");
        }
        Ec2IdKind.SNAPSHOT.check(sourceSnapshotId);
        String sourceScope = env.account() + "/" + region;
        return session.write(tx -> {
            SnapshotDoc doc = tx.get(Docs.SNAPSHOT, sourceScope, sourceSnapshotId, SnapshotDoc.class)
                    .orElseThrow(() -> Ec2IdKind.SNAPSHOT.notFound(sourceSnapshotId));
            Snapshot source = StorageOps.view(doc, env.now());
            if (!"completed".equals(source.state())) {
                throw Errors.state("IncorrectState", "Snapshot " + sourceSnapshotId + " is in invalid state - "
                        + source.state());
            }
            String text = description != null ? description
                    : "[Copied " + sourceSnapshotId + " from " + region + "]" + (source.description().isEmpty()
                    ? "" : " " + source.description());
            // EC2 names no volume for a copy: it reports the placeholder vol-ffffffff.
            Snapshot copy = new Snapshot(Ec2IdKind.SNAPSHOT.mint(), "vol-ffffffff", source.sizeGiB(), "pending", 0,
                    text, env.account(), Env.instant(env.now()), tags);
            tx.put(Docs.SNAPSHOT, env.scope(), copy.id(), new SnapshotDoc(copy, env.settleTime()));
            return copy;
        });
    }
}
