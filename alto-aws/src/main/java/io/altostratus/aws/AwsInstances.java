package io.altostratus.aws;

import static io.altostratus.aws.Ec2Filters.filter;

import io.altostratus.aws.internal.Ec2Convert;
import io.altostratus.core.ec2.Ec2InstanceAttributes;
import io.altostratus.core.ec2.Ec2InstanceDetails;
import io.altostratus.core.ec2.Ec2MetadataOptions;
import io.altostratus.core.ec2.InstanceAttributes;
import io.altostratus.core.ec2.InstanceChange;
import io.altostratus.core.ec2.InstanceMetadataOptions;
import io.altostratus.core.ec2.MetadataOptionsChange;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.ext.ConsoleOutput;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.StateChange;
import io.altostratus.core.model.Tags;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.query.Page;
import io.altostratus.core.query.PageRequest;
import io.altostratus.core.query.TagFilter;
import io.altostratus.core.wait.Retrier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InstanceAttributeName;
import software.amazon.awssdk.services.ec2.model.Reservation;

/**
 * Instances after launch: finding them (whole or a page at a time), their state changes, and the extensions about one
 * instance: its attributes, its metadata options and its console output.
 */
final class AwsInstances implements Ec2InstanceAttributes, Ec2MetadataOptions, ConsoleOutput {
    /** The page sizes EC2's DescribeInstances takes as MaxResults. */
    private static final int MIN_PAGE = 5;
    private static final int MAX_PAGE = 1000;

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
        List<String> stateNames = ec2StateNames(query.states());
        if (!stateNames.isEmpty()) {
            out.add(filter("instance-state-name", stateNames));
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

    /**
     * EC2's names for the portable states, for a filter; empty when EC2 cannot select them by name: ERROR stands for
     * any name EC2 may add later, and EC2 has no SUSPENDED. The query's own matcher then selects.
     */
    static List<String> ec2StateNames(Set<InstanceState> states) {
        if (states.contains(InstanceState.ERROR)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (InstanceState state : states) {
            switch (state) {
                case TERMINATING -> out.add("shutting-down");
                case SUSPENDED -> {
                }
                default -> out.add(state.wireName());
            }
        }
        return out.stream().sorted().toList();
    }

    List<Instance> instances(InstanceQuery query) {
        List<Instance> out = new ArrayList<>();
        String token = null;
        do {
            Listed page = describe(query, token, query.ids().isEmpty() ? 1000 : null);
            out.addAll(page.instances());
            token = page.nextToken();
        } while (token != null);
        return out;
    }

    /**
     * One page of the matching instances. A query without ids pages at the source, in EC2's order, with EC2's
     * MaxResults and NextToken; a page smaller than EC2's smallest (5) is a slice of one EC2 page, so every page size
     * walks the instances in the same order. EC2 refuses MaxResults beside instance ids, so a query by ids cuts its
     * page from the whole listing, in id order.
     */
    Page<Instance> instances(InstanceQuery query, PageRequest request) {
        if (!query.ids().isEmpty()) {
            return Page.of(instances(query), request, Instance::id);
        }
        Cursor at = Cursor.parse(request.cursor(), Math.clamp(request.limit(), MIN_PAGE, MAX_PAGE));
        String token = at.token();
        int skip = at.skip();
        List<Instance> items = new ArrayList<>();
        while (true) {
            Listed page = describe(query, token, at.size());
            List<Instance> rest = page.instances().subList(Math.min(skip, page.instances().size()),
                    page.instances().size());
            int take = Math.min(request.limit() - items.size(), rest.size());
            items.addAll(rest.subList(0, take));
            if (take < rest.size()) {
                return new Page<>(items, new Cursor(at.size(), skip + take, token).text());
            }
            if (page.nextToken() == null) {
                return new Page<>(items, null);
            }
            token = page.nextToken();
            skip = 0;
            // An EC2 page may hold fewer matches than asked for, even none: fill the page from the next one.
            if (items.size() == request.limit()) {
                return new Page<>(items, new Cursor(at.size(), 0, token).text());
            }
        }
    }

    /**
     * Where a page of instances starts: in the EC2 page of {@code size} that {@code token} names (null: the first),
     * after {@code skip} matches. The size is kept so a cursor means the same EC2 page whatever limit comes next.
     */
    private record Cursor(int size, int skip, String token) {
        static Cursor parse(String text, int size) {
            if (text == null) {
                return new Cursor(size, 0, null);
            }
            String[] parts = text.split("/", 3);
            try {
                int pageSize = Integer.parseInt(parts[0]);
                int skip = Integer.parseInt(parts[1]);
                if (parts.length == 3 && pageSize >= MIN_PAGE && pageSize <= MAX_PAGE && skip >= 0) {
                    return new Cursor(pageSize, skip, parts[2].isEmpty() ? null : parts[2]);
                }
            } catch (RuntimeException e) {
                // reported below
            }
            throw AltoException.invalid("InvalidParameterValue", "not a cursor of an instance listing: '" + text
                    + "'");
        }

        String text() {
            return size + "/" + skip + "/" + (token == null ? "" : token);
        }
    }

    /** One DescribeInstances answer as the instances that match the query, and EC2's token for the next (or null). */
    private record Listed(List<Instance> instances, String nextToken) {
    }

    private Listed describe(InstanceQuery query, String token, Integer maxResults) {
        List<Filter> filters = filters(query);
        DescribeInstancesRequest.Builder r = DescribeInstancesRequest.builder().nextToken(token);
        if (!query.ids().isEmpty()) {
            r.instanceIds(query.ids());
        } else if (maxResults != null) {
            r.maxResults(maxResults);
        }
        if (!filters.isEmpty()) {
            r.filters(filters);
        }
        DescribeInstancesRequest request = r.build();
        var response = query.ids().isEmpty()
                ? retrier.call("DescribeInstances", () -> ec2.describeInstances(request))
                : retrier.callUntilVisible("DescribeInstances", context.visibleBy(query.ids()),
                        () -> ec2.describeInstances(request));
        List<Instance> out = new ArrayList<>();
        for (Reservation res : response.reservations()) {
            for (var i : res.instances()) {
                Instance instance = Ec2Convert.instance(i, region, res.reservationId());
                // EC2 matches names and tags with its own wildcards; the query's own matcher has the last word.
                if (query.matches(instance)) {
                    out.add(instance);
                }
            }
        }
        String next = response.nextToken();
        return new Listed(out, next == null || next.isEmpty() ? null : next);
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

    @Override
    public String userData(String instanceId) {
        return instanceAttributes(instanceId).userData();
    }

    @Override
    public InstanceAttributes instanceAttributes(String instanceId) {
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

    @Override
    public InstanceAttributes modifyInstance(String instanceId, InstanceChange change) {
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
    @Override
    public InstanceMetadataOptions modifyMetadataOptions(String instanceId, MetadataOptionsChange change) {
        if (change.changesNothing()) {
            InstanceMetadataOptions now = Ec2InstanceDetails.of(instance(instanceId)).metadataOptions();
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
        InstanceMetadataOptions now = Ec2InstanceDetails.of(instance(instanceId)).metadataOptions();
        return now == null ? change.applyTo(InstanceMetadataOptions.defaults()) : now;
    }

    @Override
    public String consoleOutput(String instanceId) {
        String output = retrier.callUntilVisible("GetConsoleOutput", context.visibleBy(List.of(instanceId)),
                () -> ec2.getConsoleOutput(r -> r.instanceId(instanceId))).output();
        return output == null ? "" : new String(Base64.getDecoder().decode(output), StandardCharsets.UTF_8);
    }
}
