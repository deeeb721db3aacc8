package io.altostratus.local.internal;

import io.altostratus.core.ec2.DedicatedHost;
import io.altostratus.core.ec2.DedicatedHost.HostChange;
import io.altostratus.core.ec2.DedicatedHosts;
import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.model.InstanceType;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Dedicated Hosts. A host's size comes from the catalog: it has as many vCPUs as the largest size of its family
 * (an {@code m5} host holds one {@code m5.24xlarge}, or 48 {@code m5.large}), half of them physical cores. Hosts are
 * {@code available} as soon as allocated; no instance is placed on them (the local cloud launches every instance on
 * shared capacity), so each host's whole capacity stays free. Released hosts stay listed for an hour. An instance
 * is a session's {@link DedicatedHosts}.
 */
public final class HostOps implements DedicatedHosts {
    static final String KIND = "local.dedicated-host";
    static final long RELEASED_VISIBLE_MS = 60 * 60 * 1000L;
    /** The most hosts one call allocates here (EC2's limit is the account's per-family host quota). */
    static final int MAX_QUANTITY = 100;
    private static final Set<String> ON_OFF = Set.of(DedicatedHost.ON, DedicatedHost.OFF);

    private final Session session;
    private final Env env;

    public HostOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    @Override
    public List<DedicatedHost> allocateHosts(String instanceType, String instanceFamily, String zone, int quantity,
                                             String autoPlacement, String hostRecovery, String hostMaintenance,
                                             String clientToken, Map<String, String> tags) {
        TagOps.validate(tags);
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            throw Errors.invalidValue("Quantity must be between 1 and " + MAX_QUANTITY + " (got " + quantity + ")");
        }
        String auto = onOff("AutoPlacement", autoPlacement, DedicatedHost.OFF);
        String recovery = onOff("HostRecovery", hostRecovery, DedicatedHost.OFF);
        String maintenance = onOff("HostMaintenance", hostMaintenance, DedicatedHost.ON);
        if (env.zone(zone) == null) {
            throw Errors.invalidValue("Invalid availability zone: [" + zone + "]");
        }
        String family = checkFit(instanceType, instanceFamily, zone);
        int vcpus = familyVCpus(family);
        return session.write(tx -> {
            if (clientToken != null) {
                List<DedicatedHost> earlier = list(tx, env).stream()
                        .filter(h -> clientToken.equals(h.clientToken())).toList();
                if (!earlier.isEmpty()) {
                    return earlier;
                }
            }
            List<DedicatedHost> made = new ArrayList<>(quantity);
            for (int i = 0; i < quantity; i++) {
                DedicatedHost host = new DedicatedHost(Ec2IdKind.DEDICATED_HOST.mint(), instanceType, family, zone,
                        auto, recovery, maintenance, vcpus >= 48 ? 2 : 1, Math.max(1, vcpus / 2), vcpus,
                        DedicatedHost.AVAILABLE, Env.instant(env.now()), null, clientToken, tags);
                tx.put(KIND, env.scope(), host.id(), host);
                made.add(host);
            }
            return made;
        });
    }

    @Override
    public List<DedicatedHost> hosts() {
        return session.read(view -> list(view, env));
    }

    @Override
    public DedicatedHost modifyHost(String hostId, HostChange change) {
        onOff("AutoPlacement", change.autoPlacement(), null);
        onOff("HostRecovery", change.hostRecovery(), null);
        onOff("HostMaintenance", change.hostMaintenance(), null);
        if (change.instanceType() != null && change.instanceFamily() != null) {
            throw Errors.invalid("InvalidParameterCombination",
                    "Specify either an instance type or an instance family, not both");
        }
        return session.write(tx -> {
            DedicatedHost host = live(tx, hostId);
            if (change.instanceType() != null || change.instanceFamily() != null) {
                checkFit(change.instanceType(), change.instanceFamily(), host.zone());
            }
            DedicatedHost changed = host.with(change);
            tx.put(KIND, env.scope(), hostId, changed);
            return changed;
        });
    }

    @Override
    public DedicatedHost releaseHost(String hostId) {
        return session.write(tx -> {
            DedicatedHost released = live(tx, hostId).withState(DedicatedHost.RELEASED, Env.instant(env.now()));
            tx.put(KIND, env.scope(), hostId, released);
            return released;
        });
    }

    /** Changes a host's tags (CreateTags and DeleteTags reach hosts through here); false when there is none. */
    static boolean retag(StateTx tx, Env env, String id, UnaryOperator<Map<String, String>> change) {
        var host = tx.get(KIND, env.scope(), id, DedicatedHost.class);
        host.ifPresent(h -> tx.put(KIND, env.scope(), id, h.withTags(change.apply(h.tags()))));
        return host.isPresent();
    }

    static List<DedicatedHost> list(StateView view, Env env) {
        List<DedicatedHost> out = new ArrayList<>();
        for (DedicatedHost h : view.list(KIND, env.scope(), DedicatedHost.class)) {
            if (!gone(h, env.now())) {
                out.add(h);
            }
        }
        return out;
    }

    private DedicatedHost live(StateView view, String hostId) {
        Ec2IdKind.DEDICATED_HOST.check(hostId);
        DedicatedHost host = view.get(KIND, env.scope(), hostId, DedicatedHost.class)
                .filter(h -> !gone(h, env.now())).orElseThrow(() -> Ec2IdKind.DEDICATED_HOST.notFound(hostId));
        if (!DedicatedHost.AVAILABLE.equals(host.state())) {
            throw Errors.state("InvalidHost.State", "Dedicated Host " + hostId + " is " + host.state());
        }
        return host;
    }

    /** The family the request runs, after checking the type (or family) exists and the zone offers it. */
    private String checkFit(String instanceType, String instanceFamily, String zone) {
        if (instanceType == null && instanceFamily == null) {
            throw Errors.invalid("MissingParameter", "Specify an instance type or an instance family");
        }
        if (instanceType != null && instanceFamily != null) {
            throw Errors.invalid("InvalidParameterCombination",
                    "Specify either an instance type or an instance family, not both");
        }
        Set<String> offered = env.catalog().typesOfferedInZone(zone);
        if (instanceType != null) {
            if (env.catalog().instanceType(env.region(), instanceType).isEmpty()) {
                throw Errors.invalidValue("Invalid instance type: " + instanceType);
            }
            if (!offered.contains(instanceType)) {
                throw Errors.invalid("Unsupported", "Dedicated Hosts for " + instanceType
                        + " are not offered in " + zone);
            }
            return family(instanceType);
        }
        if (offered.stream().noneMatch(t -> family(t).equals(instanceFamily))) {
            throw Errors.invalidValue("Invalid instance family: " + instanceFamily + " (not offered in " + zone + ")");
        }
        return instanceFamily;
    }

    private int familyVCpus(String family) {
        int most = 0;
        for (InstanceType t : env.catalog().instanceTypes(env.region())) {
            if (family(t.name()).equals(family)) {
                most = Math.max(most, t.vcpus());
            }
        }
        return Math.max(most, 1);
    }

    static String family(String instanceType) {
        int dot = instanceType.indexOf('.');
        return dot < 0 ? instanceType : instanceType.substring(0, dot);
    }

    private static String onOff(String parameter, String value, String fallback) {
        if (value == null) {
            return fallback;
        }
        if (!ON_OFF.contains(value)) {
            throw Errors.invalidValue("Value (" + value + ") for parameter " + parameter
                    + " is invalid. Valid values: on, off");
        }
        return value;
    }

    private static boolean gone(DedicatedHost h, long now) {
        return DedicatedHost.RELEASED.equals(h.state()) && h.releaseTime() != null
                && now - h.releaseTime().toEpochMilli() > RELEASED_VISIBLE_MS;
    }

    static AltoException notFound(String id) {
        return Ec2IdKind.DEDICATED_HOST.notFound(id);
    }
}
