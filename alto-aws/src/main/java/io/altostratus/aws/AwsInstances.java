package io.altostratus.aws;

import static io.altostratus.aws.Ec2Filters.filter;

import io.altostratus.aws.internal.Ec2Convert;
import io.altostratus.aws.internal.Retrier;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.model.Instance;
import io.altostratus.core.ec2.InstanceAttributes;
import io.altostratus.core.ec2.InstanceMetadataOptions;
import io.altostratus.core.model.StateChange;
import io.altostratus.core.model.Tags;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.query.TagFilter;
import io.altostratus.core.ec2.InstanceChange;
import io.altostratus.core.ec2.MetadataOptionsChange;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InstanceAttributeName;
import software.amazon.awssdk.services.ec2.model.Reservation;

/** Instances after launch: finding them, their state changes, attributes and console output. */
final class AwsInstances {
    private final AwsContext context;
    private final Ec2Client ec2;
    private final String region;
    private final Retrier retrier;

    AwsInstances(AwsContext context) {
        this.context = context;
        this.ec2 = context.ec2();
        this.region = context.region();
        this.retrier = context.retrier();
    }

    Instance instance(String id) {
        List<Instance> found = instances(InstanceQuery.ids(List.of(id)));
        if (found.isEmpty()) {
            throw AltoException.notFound("InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
        }
        return found.get(0);
    }

    /** The query as EC2 filters, so EC2 does the selecting; names and tags keep their wildcards. */
    static List<Filter> filters(InstanceQuery query) {
        List<Filter> out = new ArrayList<>();
        if (!query.states().isEmpty()) {
            out.add(filter("instance-state-name", query.states().stream().map(s -> s.wireName()).sorted().toList()));
        }
        if (!query.names().isEmpty()) {
            out.add(filter("tag:" + Tags.NAME, query.names()));
        }
        for (TagFilter t : query.tags()) {
            out.add(t.values().isEmpty() ? filter("tag-key", t.key()) : filter("tag:" + t.key(), t.values()));
        }
        if (query.zone() != null) {
            out.add(filter("availability-zone", query.zone()));
        }
        if (query.networkId() != null) {
            out.add(filter("vpc-id", query.networkId()));
        }
        if (query.subnetId() != null) {
            out.add(filter("subnet-id", query.subnetId()));
        }
        return out;
    }

    List<Instance> instances(InstanceQuery query) {
        List<Filter> filters = filters(query);
        List<Instance> out = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            DescribeInstancesRequest.Builder r = DescribeInstancesRequest.builder().nextToken(next);
            if (!query.ids().isEmpty()) {
                r.instanceIds(query.ids());
            } else {
                r.maxResults(1000);
            }
            if (!filters.isEmpty()) {
                r.filters(filters);
            }
            DescribeInstancesRequest request = r.build();
            var response = query.ids().isEmpty()
                    ? retrier.call("DescribeInstances", () -> ec2.describeInstances(request))
                    : retrier.callUntilVisible("DescribeInstances", context.visibleBy(query.ids()),
                            () -> ec2.describeInstances(request));
            for (Reservation res : response.reservations()) {
                for (var i : res.instances()) {
                    Instance instance = Ec2Convert.instance(i, region, res.reservationId());
                    // EC2 matches names and tags with its own wildcards; the query's own matcher has the last word.
                    if (query.matches(instance)) {
                        out.add(instance);
                    }
                }
            }
            token = response.nextToken();
        } while (token != null && !token.isEmpty());
        return out;
    }

    List<StateChange> start(Collection<String> ids) {
        return retrier.callUntilVisible("StartInstances", context.visibleBy(ids), () -> ec2.startInstances(r -> r
                .instanceIds(ids))).startingInstances().stream().map(Ec2Convert::stateChange).toList();
    }

    List<StateChange> stop(Collection<String> ids, boolean force) {
        return retrier.callUntilVisible("StopInstances", context.visibleBy(ids), () -> ec2.stopInstances(r -> r
                .instanceIds(ids).force(force))).stoppingInstances().stream().map(Ec2Convert::stateChange).toList();
    }

    void reboot(Collection<String> ids) {
        retrier.callUntilVisible("RebootInstances", context.visibleBy(ids),
                () -> ec2.rebootInstances(r -> r.instanceIds(ids)));
    }

    List<StateChange> terminate(Collection<String> ids) {
        List<StateChange> out = new ArrayList<>();
        List<String> all = List.copyOf(ids);
        // EC2 takes up to 1,000 ids per call.
        for (int i = 0; i < all.size(); i += 1000) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + 1000));
            out.addAll(retrier.callUntilVisible("TerminateInstances", context.visibleBy(chunk),
                    () -> ec2.terminateInstances(r -> r.instanceIds(chunk))).terminatingInstances().stream()
                    .map(Ec2Convert::stateChange).toList());
        }
        return out;
    }

    String userData(String instanceId) {
        return instanceAttributes(instanceId).userData();
    }

    InstanceAttributes instanceAttributes(String instanceId) {
        Instant by = context.visibleBy(List.of(instanceId));
        var type = retrier.callUntilVisible("DescribeInstanceAttribute", by, () -> ec2.describeInstanceAttribute(r -> r
                .instanceId(instanceId).attribute(InstanceAttributeName.INSTANCE_TYPE)));
        var protection = retrier.call("DescribeInstanceAttribute", () -> ec2.describeInstanceAttribute(r -> r
                .instanceId(instanceId).attribute(InstanceAttributeName.DISABLE_API_TERMINATION)));
        var data = retrier.call("DescribeInstanceAttribute", () -> ec2.describeInstanceAttribute(r -> r
                .instanceId(instanceId).attribute(InstanceAttributeName.USER_DATA)));
        String userData = data.userData() == null || data.userData().value() == null ? null
                : new String(Base64.getDecoder().decode(data.userData().value()), StandardCharsets.UTF_8);
        return new InstanceAttributes(instanceId, type.instanceType() == null ? null : type.instanceType().value(),
                protection.disableApiTermination() != null
                        && Boolean.TRUE.equals(protection.disableApiTermination().value()), userData);
    }

    InstanceAttributes modifyInstance(String instanceId, InstanceChange change) {
        if (change.instanceType() != null) {
            retrier.run("ModifyInstanceAttribute", () -> ec2.modifyInstanceAttribute(r -> r.instanceId(instanceId)
                    .instanceType(v -> v.value(change.instanceType()))));
        }
        if (change.disableApiTermination() != null) {
            retrier.run("ModifyInstanceAttribute", () -> ec2.modifyInstanceAttribute(r -> r.instanceId(instanceId)
                    .disableApiTermination(AttributeBooleanValue.builder().value(change.disableApiTermination())
                            .build())));
        }
        if (change.userData() != null) {
            // The attribute's value is base64 on the wire, and the SDK does not encode this one for us.
            String encoded = Base64.getEncoder().encodeToString(change.userData().getBytes(StandardCharsets.UTF_8));
            retrier.run("ModifyInstanceAttribute", () -> ec2.modifyInstanceAttribute(r -> r.instanceId(instanceId)
                    .userData(v -> v.value(software.amazon.awssdk.core.SdkBytes.fromUtf8String(encoded)))));
        }
        return instanceAttributes(instanceId);
    }

    /**
     * ModifyInstanceMetadataOptions with just the settings the change names (EC2 keeps the others). EC2 answers the
     * new values at once, even while it still reports them as {@code pending} on a running instance.
     */
    InstanceMetadataOptions modifyMetadataOptions(String instanceId, MetadataOptionsChange change) {
        if (change.changesNothing()) {
            InstanceMetadataOptions now = instance(instanceId).metadataOptions();
            return now == null ? InstanceMetadataOptions.defaults() : now;
        }
        var response = retrier.callUntilVisible("ModifyInstanceMetadataOptions",
                context.visibleBy(List.of(instanceId)), () -> ec2.modifyInstanceMetadataOptions(r -> {
                    r.instanceId(instanceId);
                    if (change.tokensRequired() != null) {
                        r.httpTokens(change.tokensRequired() ? "required" : "optional");
                    }
                    if (change.hopLimit() != null) {
                        r.httpPutResponseHopLimit(change.hopLimit());
                    }
                    if (change.endpointEnabled() != null) {
                        r.httpEndpoint(change.endpointEnabled() ? "enabled" : "disabled");
                    }
                    if (change.ipv6EndpointEnabled() != null) {
                        r.httpProtocolIpv6(change.ipv6EndpointEnabled() ? "enabled" : "disabled");
                    }
                    if (change.tagsEnabled() != null) {
                        r.instanceMetadataTags(change.tagsEnabled() ? "enabled" : "disabled");
                    }
                }));
        InstanceMetadataOptions answered = Ec2Convert.metadataOptions(response.instanceMetadataOptions());
        if (answered != null) {
            return answered;
        }
        InstanceMetadataOptions now = instance(instanceId).metadataOptions();
        return now == null ? change.applyTo(InstanceMetadataOptions.defaults()) : now;
    }

    String consoleOutput(String instanceId) {
        String output = retrier.callUntilVisible("GetConsoleOutput", context.visibleBy(List.of(instanceId)),
                () -> ec2.getConsoleOutput(r -> r.instanceId(instanceId))).output();
        return output == null ? "" : new String(Base64.getDecoder().decode(output), StandardCharsets.UTF_8);
    }
}
