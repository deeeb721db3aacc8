package io.altostratus.local.internal;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.Fleet;
import io.altostratus.core.ec2.FleetError;
import io.altostratus.core.ec2.FleetInstance;
import io.altostratus.core.ec2.Fleets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * EC2 fleets and spot fleet requests as stored records. Their instances are launched and terminated by the front
 * through the session's ordinary launch and terminate, so this only keeps what a fleet is and holds. Ending a fleet
 * that terminates its instances reads {@code *_terminating} until the transition settles, then
 * {@code deleted} / {@code cancelled}. An instance is a session's {@link Fleets}.
 */
public final class FleetOps implements Fleets {
    static final String KIND = "local.fleet";

    /** A fleet as stored: a {@code *_terminating} state reads as ended once the clock reaches {@code settlesAt}. */
    public record FleetDoc(Fleet fleet, long settlesAt) {
    }

    private final Session session;
    private final Env env;

    public FleetOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    @Override
    public Fleet createFleet(Fleet.Kind kind, String type, int targetCapacity, List<FleetInstance> instances,
                             List<FleetError> errors, Map<String, String> request, Map<String, String> tags) {
        TagOps.validate(tags);
        Ec2IdKind idKind = kind == Fleet.Kind.EC2_FLEET ? Ec2IdKind.FLEET : Ec2IdKind.SPOT_FLEET_REQUEST;
        Fleet fleet = new Fleet(idKind.mint(), kind, type, Fleet.ACTIVE, targetCapacity, instances, errors, request,
                Env.instant(env.now()), tags);
        session.update(tx -> tx.put(KIND, env.scope(), fleet.id(), new FleetDoc(fleet, env.now())));
        return fleet;
    }

    @Override
    public List<Fleet> fleets(Fleet.Kind kind) {
        return session.read(view -> {
            List<Fleet> out = new ArrayList<>();
            for (FleetDoc doc : view.list(KIND, env.scope(), FleetDoc.class)) {
                if (doc.fleet().kind() == kind) {
                    out.add(settled(doc, env.now()));
                }
            }
            return out;
        });
    }

    @Override
    public Fleet endFleet(String fleetId, boolean terminatingInstances) {
        return session.write(tx -> {
            FleetDoc doc = find(tx, fleetId);
            Fleet fleet = settled(doc, env.now());
            if (!fleet.isLive()) {
                return fleet;
            }
            String prefix = fleet.kind() == Fleet.Kind.EC2_FLEET ? "deleted" : "cancelled";
            String state = terminatingInstances ? prefix + "_terminating" : prefix + "_running";
            Fleet ended = fleet.withState(state);
            tx.put(KIND, env.scope(), fleetId, new FleetDoc(ended, env.settleTime()));
            return ended;
        });
    }

    @Override
    public Fleet updateFleet(String fleetId, int targetCapacity, List<FleetInstance> instances) {
        return session.write(tx -> {
            FleetDoc doc = find(tx, fleetId);
            Fleet fleet = settled(doc, env.now());
            if (!fleet.isLive()) {
                throw Errors.state("IncorrectState", "The fleet " + fleetId + " is in state " + fleet.state()
                        + " and cannot be modified");
            }
            Fleet changed = fleet.withCapacity(targetCapacity, instances);
            tx.put(KIND, env.scope(), fleetId, new FleetDoc(changed, doc.settlesAt()));
            return changed;
        });
    }

    private FleetDoc find(io.altostratus.store.StateView view, String fleetId) {
        Ec2IdKind kind = fleetId != null && fleetId.startsWith("sfr-") ? Ec2IdKind.SPOT_FLEET_REQUEST : Ec2IdKind.FLEET;
        kind.check(fleetId);
        return view.get(KIND, env.scope(), fleetId, FleetDoc.class).orElseThrow(() -> kind.notFound(fleetId));
    }

    private static Fleet settled(FleetDoc doc, long now) {
        Fleet f = doc.fleet();
        if (now < doc.settlesAt() || f.state() == null || !f.state().endsWith("_terminating")) {
            return f;
        }
        return f.withState(f.state().substring(0, f.state().indexOf('_')));
    }
}
