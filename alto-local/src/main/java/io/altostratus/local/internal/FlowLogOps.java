package io.altostratus.local.internal;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.FlowLog;
import io.altostratus.core.ec2.FlowLogs;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Flow logs: kept as they were asked for, never delivered. A flow log goes with its VPC, subnet or interface (EC2
 * deletes them with the resource). An instance is a session's {@link FlowLogs}.
 */
public final class FlowLogOps implements FlowLogs {
    static final String KIND = "local.flow-log";

    private final Session session;
    private final Env env;

    public FlowLogOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    @Override
    public FlowLog createFlowLog(String resourceId, FlowLog template, Map<String, String> tags) {
        TagOps.validate(tags);
        return session.write(tx -> {
            Ec2IdKind kind = Ec2IdKind.ofId(resourceId);
            if (kind == Ec2IdKind.VPC) {
                Lookup.vpc(tx, env, resourceId);
            } else if (kind == Ec2IdKind.SUBNET) {
                Lookup.subnet(tx, env, resourceId);
            } else if (kind == Ec2IdKind.NETWORK_INTERFACE) {
                Lookup.networkInterface(tx, env, resourceId);
            } else {
                throw Errors.invalidValue("Invalid resource id " + resourceId
                        + ": flow logs take VPC, subnet or network interface ids");
            }
            for (FlowLog other : list(tx, env)) {
                if (other.resourceId().equals(resourceId) && other.trafficType().equals(template.trafficType())
                        && Objects.equals(other.logDestinationType(), template.logDestinationType())
                        && Objects.equals(other.logDestination(), template.logDestination())
                        && Objects.equals(other.logGroupName(), template.logGroupName())) {
                    throw Errors.duplicate("FlowLogAlreadyExists", "There is an existing Flow Log with the same "
                            + "configuration and log destination (" + other.id() + ")");
                }
            }
            FlowLog made = new FlowLog(Ec2IdKind.FLOW_LOG.mint(), resourceId, template.trafficType(),
                    template.logDestinationType(), template.logDestination(), template.logGroupName(),
                    template.deliverLogsPermissionArn(), template.logFormat(), template.maxAggregationInterval(),
                    Env.instant(env.now()), tags);
            tx.put(KIND, env.scope(), made.id(), made);
            return made;
        });
    }

    @Override
    public List<FlowLog> flowLogs() {
        return session.read(view -> list(view, env));
    }

    @Override
    public void deleteFlowLog(String id) {
        session.update(tx -> {
            Ec2IdKind.FLOW_LOG.check(id);
            if (tx.get(KIND, env.scope(), id, FlowLog.class).isEmpty()) {
                throw Ec2IdKind.FLOW_LOG.notFound(id);
            }
            tx.delete(KIND, env.scope(), id);
        });
    }

    static List<FlowLog> list(StateView view, Env env) {
        return view.list(KIND, env.scope(), FlowLog.class);
    }

    /** Deletes the flow logs of a resource being deleted. */
    static void forget(StateTx tx, Env env, String resourceId) {
        for (FlowLog log : list(tx, env)) {
            if (log.resourceId().equals(resourceId)) {
                tx.delete(KIND, env.scope(), log.id());
            }
        }
    }

    /** Changes a flow log's tags (CreateTags and DeleteTags reach flow logs through here). */
    static void retag(StateTx tx, Env env, String id, UnaryOperator<Map<String, String>> change) {
        FlowLog log = tx.get(KIND, env.scope(), id, FlowLog.class).orElseThrow(() -> Ec2IdKind.FLOW_LOG.notFound(id));
        tx.put(KIND, env.scope(), id, log.withTags(change.apply(log.tags())));
    }
}
