package io.altostratus.gateway.action.groups;

import io.altostratus.core.ec2.Ec2InstanceDetails;
import io.altostratus.core.ec2.FleetError;
import io.altostratus.core.ec2.FleetInstance;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.codec.Ec2QueryDecoder;
import io.altostratus.gateway.http.Ec2WireException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.InstanceMarketOptionsRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.SpotMarketOptions;

/**
 * What EC2 fleets and spot fleets share: launching one launch specification's share of the capacity through the
 * ordinary launch (so fleet instances are instances like any other), keeping the call's parameters to answer the
 * fleet back later, and reading which of a fleet's instances still run.
 */
final class FleetLaunches {
    private static final Ec2QueryDecoder DECODER = new Ec2QueryDecoder();
    /** Parameters that are about the call, not the fleet. */
    private static final Set<String> NOT_STORED = Set.of("Action", "Version", "DryRun");

    private FleetLaunches() {
    }

    /** What one launch specification gave: instances, or the error that stopped it. */
    record Outcome(List<FleetInstance> instances, List<String> instanceIds, FleetError error) {
    }

    /**
     * Launches up to {@code count} instances as {@code run} describes (a launch template in it is resolved first),
     * as spot capacity when {@code spot}. A launch that fails is an outcome with EC2's error code, not an exception:
     * a fleet goes on to its next specification. Errors in the template itself (unknown template or version) are
     * the caller's mistake and propagate.
     */
    static Outcome launch(ActionContext ctx, RunInstancesRequest run, int count, boolean spot, String maxPrice,
                          double weight) {
        RunInstancesRequest.Builder b = run.toBuilder().minCount(1).maxCount(count);
        if (spot) {
            b.instanceMarketOptions(InstanceMarketOptionsRequest.builder().marketType("spot")
                    .spotOptions(SpotMarketOptions.builder().maxPrice(maxPrice).build()).build());
        }
        RunInstancesRequest asked = b.build();
        RunInstancesRequest resolved = asked.launchTemplate() == null ? asked
                : LaunchTemplateActions.resolve(ctx, asked);
        String type = resolved.instanceTypeAsString();
        try {
            List<Instance> made = ctx.cloud().launch(InstanceLaunches.translate(ctx.cloud(), resolved));
            List<FleetInstance> out = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (Instance i : made) {
                out.add(new FleetInstance(i.id(), i.instanceType(), spot,
                        Ec2InstanceDetails.of(i).spotInstanceRequestId(), weight));
                ids.add(i.id());
            }
            return new Outcome(out, ids, null);
        } catch (Ec2WireException e) {
            return failed(e.code(), e.getMessage(), type, resolved.subnetId(), spot);
        } catch (AltoException e) {
            Ec2WireException wire = Ec2WireException.from(e);
            return failed(wire.code(), wire.getMessage(), type, resolved.subnetId(), spot);
        }
    }

    private static Outcome failed(String code, String message, String type, String subnet, boolean spot) {
        return new Outcome(List.of(), List.of(), new FleetError(code, message, type, subnet, spot));
    }

    /** How many instances of weight {@code weight} cover {@code capacity} units. */
    static int instancesFor(double capacity, double weight) {
        return (int) Math.ceil(capacity / (weight <= 0 ? 1 : weight));
    }

    /** The call's parameters that describe the fleet, to be read back with {@link #decode}. */
    static Map<String, String> stored(ActionContext ctx) {
        Map<String, String> out = new LinkedHashMap<>();
        ctx.call().params().forEach((name, values) -> {
            if (!NOT_STORED.contains(name) && !values.isEmpty()) {
                out.put(name, values.get(0));
            }
        });
        return out;
    }

    /** Stored parameters read back as the request they came in as, through the same codec. */
    static Object decode(String action, Map<String, String> stored) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("Action", List.of(action));
        params.put("Version", List.of("2016-11-15"));
        stored.forEach((k, v) -> params.put(k, List.of(v)));
        return DECODER.decode(params).request();
    }

    /** The ids among {@code instances} that have not been terminated (or are going). */
    static Set<String> running(ActionContext ctx, List<FleetInstance> instances) {
        Set<String> out = new HashSet<>();
        if (instances.isEmpty()) {
            return out;
        }
        Set<String> wanted = new HashSet<>();
        instances.forEach(i -> wanted.add(i.instanceId()));
        for (Instance i : ctx.cloud().instances()) {
            if (wanted.contains(i.id()) && i.state() != InstanceState.TERMINATED
                    && i.state() != InstanceState.TERMINATING) {
                out.add(i.id());
            }
        }
        return out;
    }

    /** Terminates the fleet instances that still run. */
    static void terminate(ActionContext ctx, List<FleetInstance> instances) {
        List<String> live = new ArrayList<>(running(ctx, instances));
        if (!live.isEmpty()) {
            ctx.cloud().terminate(live);
        }
    }
}
