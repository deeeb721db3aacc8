package io.altostratus.gateway.action.groups;

import io.altostratus.core.Cloud;
import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.Ec2InstanceAttributes;
import io.altostratus.core.ec2.Ec2InstanceDetails;
import io.altostratus.core.ec2.InstanceAttributes;
import io.altostratus.core.ec2.InstanceChange;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.ConsoleOutput;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.StateChange;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.query.TagFilter;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.Capability;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import io.altostratus.gateway.filter.PageWalk;
import io.altostratus.gateway.filter.Paging;
import io.altostratus.gateway.http.Ec2WireException;
import io.altostratus.gateway.http.WireError;
import io.altostratus.gateway.identity.Ec2InstanceStates;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.AttributeValue;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceAttributeRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceAttributeResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceCreditSpecificationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceCreditSpecificationsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceStatusRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceStatusResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.EbsStatusDetails;
import software.amazon.awssdk.services.ec2.model.EbsStatusSummary;
import software.amazon.awssdk.services.ec2.model.EnclaveOptions;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GetConsoleOutputRequest;
import software.amazon.awssdk.services.ec2.model.GetConsoleOutputResponse;
import software.amazon.awssdk.services.ec2.model.GetInstanceUefiDataRequest;
import software.amazon.awssdk.services.ec2.model.GetInstanceUefiDataResponse;
import software.amazon.awssdk.services.ec2.model.InstanceCreditSpecification;
import software.amazon.awssdk.services.ec2.model.InstanceStateChange;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;
import software.amazon.awssdk.services.ec2.model.InstanceStatusDetails;
import software.amazon.awssdk.services.ec2.model.InstanceStatusSummary;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceAttributeRequest;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceAttributeResponse;
import software.amazon.awssdk.services.ec2.model.RebootInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RebootInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.StartInstancesRequest;
import software.amazon.awssdk.services.ec2.model.StartInstancesResponse;
import software.amazon.awssdk.services.ec2.model.StopInstancesRequest;
import software.amazon.awssdk.services.ec2.model.StopInstancesResponse;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesRequest;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesResponse;

/**
 * Instances: RunInstances, DescribeInstances, DescribeInstanceStatus, Start/Stop/Reboot/TerminateInstances,
 * Describe/ModifyInstanceAttribute, DescribeInstanceCreditSpecifications and GetConsoleOutput, all through the
 * {@link Cloud} façade of the caller's account and region.
 */
public final class InstanceActions implements ActionGroup {

    private static final FilterSet<InstanceCreditSpecification> CREDIT_FILTERS =
            FilterSet.<InstanceCreditSpecification>builder()
                    .field("instance-id", InstanceCreditSpecification::instanceId)
                    .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(RunInstancesRequest.class, this::runInstances)
                .on(DescribeInstancesRequest.class, this::describeInstances)
                .on(DescribeInstanceStatusRequest.class, this::describeInstanceStatus)
                .on(StartInstancesRequest.class, this::startInstances)
                .on(StopInstancesRequest.class, this::stopInstances)
                .on(RebootInstancesRequest.class, this::rebootInstances)
                .on(TerminateInstancesRequest.class, this::terminateInstances)
                .on(DescribeInstanceAttributeRequest.class, this::describeInstanceAttribute)
                .on(ModifyInstanceAttributeRequest.class, this::modifyInstanceAttribute)
                .on(DescribeInstanceCreditSpecificationsRequest.class, this::describeInstanceCreditSpecifications)
                .on(GetConsoleOutputRequest.class, this::getConsoleOutput)
                .on(GetInstanceUefiDataRequest.class, this::getInstanceUefiData);
    }

    // ---- launching ----------------------------------------------------------------------------------------------

    RunInstancesResponse runInstances(ActionContext ctx, RunInstancesRequest asked) {
        Cloud cloud = ctx.cloud();
        if (asked.hasTagSpecifications()) {
            // The aws: keys a launch from a template adds are EC2's own; a caller may not set them (or any aws: key).
            asked.tagSpecifications().forEach(ts -> ts.tags().forEach(t -> TagSpecs.checkKey(t.key())));
        }
        RunInstancesRequest request = asked.launchTemplate() == null ? asked
                : LaunchTemplateActions.resolve(ctx, asked);
        LaunchSpec spec = InstanceLaunches.translate(cloud, request);
        if (Boolean.TRUE.equals(request.dryRun())) {
            cloud.image(request.imageId()); // an unknown image fails the dry run as it would fail the launch
            throw Checks.dryRunOperation();
        }
        List<Instance> made = cloud.launch(spec);
        InstanceViews views = InstanceViews.load(cloud, ctx.account(), made);
        List<software.amazon.awssdk.services.ec2.model.Instance> instances = new ArrayList<>(made.size());
        for (Instance instance : made) {
            instances.add(views.toSdk(instance));
        }
        return RunInstancesResponse.builder()
                .reservationId(made.isEmpty() ? null : Ec2InstanceDetails.of(made.get(0)).reservationId())
                .ownerId(ctx.account())
                .groups(List.of())
                .instances(instances)
                .build();
    }

    // ---- describing ---------------------------------------------------------------------------------------------

    DescribeInstancesResponse describeInstances(ActionContext ctx, DescribeInstancesRequest request) {
        List<String> ids = instanceIds(request.instanceIds());
        Checks.noPagingWithIds(!ids.isEmpty(), request.maxResults(), "instancesSet");
        if (ids.isEmpty() && Paging.paged(request.maxResults(), request.nextToken())) {
            return describeInstancePage(ctx, request);
        }
        Cloud cloud = ctx.cloud();
        List<Instance> found;
        if (!ids.isEmpty()) {
            found = existing(cloud, ids);
        } else {
            InstanceQuery query = pushDown(request.filters());
            Optional<Set<String>> filteredIds = instanceIdFilter(cloud, request.filters());
            found = filteredIds.isEmpty() ? cloud.instances(query) : filteredIds.get().isEmpty() ? List.of()
                    : cloud.instances(query.withIds(filteredIds.get(), query.networkId(), query.subnetId(),
                            query.imageIds()));
        }
        Checks.dryRun(request.dryRun());
        List<InstanceFilters.Row> matching = InstanceFilters.DESCRIBE_INSTANCES.apply(rows(ctx, sorted(found)),
                request.filters());
        Paging.Page<InstanceFilters.Row> page = Paging.page(matching, request.maxResults(), request.nextToken(), 5,
                1000, Paging.queryKey(request));
        return DescribeInstancesResponse.builder().reservations(reservations(ctx, page.items()))
                .nextToken(page.nextToken()).build();
    }

    /**
     * A page of DescribeInstances (MaxResults or NextToken given): the backend's own pages, in id order, walked from
     * the token's last id with every filter the backend can answer pushed down, until the page holds MaxResults
     * instances that pass every filter. A page costs what it holds, not what the account has, and the token (the
     * last id given) stays right when instances come and go between calls.
     */
    private DescribeInstancesResponse describeInstancePage(ActionContext ctx, DescribeInstancesRequest request) {
        int limit = Paging.limit(request.maxResults(), 5, 1000);
        String queryKey = Paging.queryKey(request);
        String cursor = Paging.position(request.nextToken(), queryKey);
        Cloud cloud = ctx.cloud();
        InstanceQuery query = pushDown(request.filters());
        Optional<Set<String>> filteredIds = instanceIdFilter(cloud, request.filters());
        Checks.dryRun(request.dryRun());
        if (filteredIds.isPresent()) {
            if (filteredIds.get().isEmpty()) {
                return DescribeInstancesResponse.builder().reservations(List.of()).build();
            }
            query = query.withIds(filteredIds.get(), query.networkId(), query.subnetId(), query.imageIds());
        }
        InstanceQuery pushed = query;
        PageWalk.Result<InstanceFilters.Row> page = PageWalk.walk(next -> cloud.instances(pushed, next),
                instances -> InstanceFilters.DESCRIBE_INSTANCES.apply(rows(ctx, instances), request.filters()),
                limit, cursor, row -> row.instance().instanceId());
        return DescribeInstancesResponse.builder().reservations(reservations(ctx, page.items()))
                .nextToken(page.next() == null ? null : Paging.positionToken(page.next(), queryKey)).build();
    }

    /**
     * The ids an {@code instance-id} filter names, when it names them exactly (no wildcards), keeping those that
     * exist: a filter, unlike InstanceIds, answers nothing for an unknown id instead of an error. Empty (no value)
     * when the request has no such filter.
     */
    private static Optional<Set<String>> instanceIdFilter(Cloud cloud, List<Filter> filters) {
        if (filters == null) {
            return Optional.empty();
        }
        for (Filter f : filters) {
            if ("instance-id".equals(f.name()) && f.hasValues() && !f.values().isEmpty()
                    && f.values().stream().noneMatch(InstanceActions::wild)) {
                Set<String> existing = new LinkedHashSet<>();
                for (String id : f.values()) {
                    try {
                        existing.add(cloud.instance(id).id());
                    } catch (AltoException e) {
                        if (e.code() != ErrorCode.NOT_FOUND && e.code() != ErrorCode.INVALID_PARAMETER) {
                            throw e;
                        }
                    }
                }
                return Optional.of(existing);
            }
        }
        return Optional.empty();
    }

    private static List<InstanceFilters.Row> rows(ActionContext ctx, List<Instance> instances) {
        InstanceViews views = InstanceViews.load(ctx.cloud(), ctx.account(), instances);
        List<InstanceFilters.Row> rows = new ArrayList<>(instances.size());
        for (Instance instance : instances) {
            rows.add(new InstanceFilters.Row(views.toSdk(instance), Ec2InstanceDetails.of(instance).reservationId(),
                    ctx.account(), instance.tags()));
        }
        return rows;
    }

    /**
     * Grouped by reservation in order of first appearance; a restarted instance (new launch time) still joins its
     * reservation's entry on the same page.
     */
    private static List<Reservation> reservations(ActionContext ctx, List<InstanceFilters.Row> page) {
        Map<String, List<software.amazon.awssdk.services.ec2.model.Instance>> byReservation = new LinkedHashMap<>();
        for (InstanceFilters.Row row : page) {
            String key = row.reservationId() == null ? row.instance().instanceId() : row.reservationId();
            byReservation.computeIfAbsent(key, k -> new ArrayList<>()).add(row.instance());
        }
        List<Reservation> reservations = new ArrayList<>(byReservation.size());
        byReservation.forEach((id, instances) -> reservations.add(Reservation.builder()
                .reservationId(id.startsWith("i-") ? null : id)
                .ownerId(ctx.account())
                .groups(List.of())
                .instances(instances)
                .build()));
        return reservations;
    }

    DescribeInstanceStatusResponse describeInstanceStatus(ActionContext ctx, DescribeInstanceStatusRequest request) {
        List<String> ids = instanceIds(request.instanceIds());
        Checks.noPagingWithIds(!ids.isEmpty(), request.maxResults(), "instancesSet");
        if (ids.isEmpty() && Paging.paged(request.maxResults(), request.nextToken())) {
            return describeInstanceStatusPage(ctx, request);
        }
        Cloud cloud = ctx.cloud();
        boolean all = Boolean.TRUE.equals(request.includeAllInstances());
        List<Instance> found;
        if (!ids.isEmpty()) {
            found = existing(cloud, ids);
        } else {
            found = cloud.instances(statusQuery(all));
        }
        Checks.dryRun(request.dryRun());
        List<InstanceStatus> matching = statuses(sorted(found), all, request.filters());
        Paging.Page<InstanceStatus> page = Paging.page(matching, request.maxResults(), request.nextToken(), 5, 1000,
                Paging.queryKey(request));
        return DescribeInstanceStatusResponse.builder().instanceStatuses(page.items())
                .nextToken(page.nextToken()).build();
    }

    /**
     * A page of DescribeInstanceStatus (MaxResults or NextToken given), walked through the backend's pages in id order
     * as {@link #describeInstancePage} is: running instances only unless IncludeAllInstances, a state the backend's
     * index answers, so a page costs what it holds.
     */
    private DescribeInstanceStatusResponse describeInstanceStatusPage(ActionContext ctx,
                                                                      DescribeInstanceStatusRequest request) {
        int limit = Paging.limit(request.maxResults(), 5, 1000);
        String queryKey = Paging.queryKey(request);
        String cursor = Paging.position(request.nextToken(), queryKey);
        Cloud cloud = ctx.cloud();
        boolean all = Boolean.TRUE.equals(request.includeAllInstances());
        InstanceQuery query = statusQuery(all);
        Checks.dryRun(request.dryRun());
        PageWalk.Result<InstanceStatus> page = PageWalk.walk(next -> cloud.instances(query, next),
                instances -> statuses(instances, all, request.filters()), limit, cursor, InstanceStatus::instanceId);
        return DescribeInstanceStatusResponse.builder().instanceStatuses(page.items())
                .nextToken(page.next() == null ? null : Paging.positionToken(page.next(), queryKey)).build();
    }

    /** The instances DescribeInstanceStatus reads: the running ones unless IncludeAllInstances. */
    private static InstanceQuery statusQuery(boolean all) {
        return all ? InstanceQuery.all() : InstanceQuery.builder().state(InstanceState.RUNNING).build();
    }

    /** The statuses of {@code instances} that the request reports and its filters keep, in the given order. */
    private static List<InstanceStatus> statuses(List<Instance> instances, boolean all, List<Filter> filters) {
        List<InstanceStatus> statuses = new ArrayList<>(instances.size());
        for (Instance instance : instances) {
            // Without IncludeAllInstances EC2 reports running instances only, even when they are named by id.
            if (all || instance.state() == InstanceState.RUNNING) {
                statuses.add(status(instance));
            }
        }
        return InstanceFilters.DESCRIBE_STATUS.apply(statuses, filters);
    }

    private static InstanceStatus status(Instance instance) {
        String summary;
        String detail;
        switch (instance.state()) {
            case RUNNING -> {
                summary = "ok";
                detail = "passed";
            }
            case PENDING -> {
                summary = "initializing";
                detail = "initializing";
            }
            default -> {
                summary = "not-applicable";
                detail = null;
            }
        }
        List<InstanceStatusDetails> details = detail == null ? List.of()
                : List.of(InstanceStatusDetails.builder().name("reachability").status(detail).build());
        InstanceStatusSummary checks = InstanceStatusSummary.builder().status(summary).details(details).build();
        List<EbsStatusDetails> ebsDetails = detail == null ? List.of()
                : List.of(EbsStatusDetails.builder().name("reachability").status(detail).build());
        return InstanceStatus.builder()
                .instanceId(instance.id())
                .availabilityZone(instance.zone())
                .instanceState(InstanceViews.state(Ec2InstanceStates.of(instance)))
                .instanceStatus(checks)
                .systemStatus(checks)
                .attachedEbsStatus(EbsStatusSummary.builder().status(summary).details(ebsDetails).build())
                .events(List.of())
                .build();
    }

    // ---- lifecycle ----------------------------------------------------------------------------------------------

    StartInstancesResponse startInstances(ActionContext ctx, StartInstancesRequest request) {
        List<String> ids = requiredIds(request.instanceIds());
        Cloud cloud = ctx.cloud();
        checkDryRun(cloud, ids, request.dryRun());
        List<StateChange> changes = withAllMissingIds(cloud, ids, () -> cloud.start(ids));
        return StartInstancesResponse.builder().startingInstances(stateChanges(changes)).build();
    }

    StopInstancesResponse stopInstances(ActionContext ctx, StopInstancesRequest request) {
        List<String> ids = requiredIds(request.instanceIds());
        Cloud cloud = ctx.cloud();
        if (Boolean.TRUE.equals(request.hibernate())) {
            throw Ec2WireException.of("UnsupportedHibernationConfiguration",
                    "Hibernation is not enabled for these instances; this gateway does not offer hibernation.");
        }
        boolean force = Boolean.TRUE.equals(request.force());
        if (force) {
            require(cloud, Capability.FORCE_STOP, "A forced stop");
        }
        checkDryRun(cloud, ids, request.dryRun());
        List<StateChange> changes = withAllMissingIds(cloud, ids, () -> cloud.stop(ids, force));
        return StopInstancesResponse.builder().stoppingInstances(stateChanges(changes)).build();
    }

    RebootInstancesResponse rebootInstances(ActionContext ctx, RebootInstancesRequest request) {
        List<String> ids = requiredIds(request.instanceIds());
        Cloud cloud = ctx.cloud();
        checkDryRun(cloud, ids, request.dryRun());
        withAllMissingIds(cloud, ids, () -> {
            cloud.reboot(ids);
            return List.of();
        });
        return RebootInstancesResponse.builder().build();
    }

    TerminateInstancesResponse terminateInstances(ActionContext ctx, TerminateInstancesRequest request) {
        List<String> ids = requiredIds(request.instanceIds());
        Cloud cloud = ctx.cloud();
        checkDryRun(cloud, ids, request.dryRun());
        List<StateChange> changes = withAllMissingIds(cloud, ids, () -> cloud.terminate(ids));
        return TerminateInstancesResponse.builder().terminatingInstances(stateChanges(changes)).build();
    }

    private static List<InstanceStateChange> stateChanges(List<StateChange> changes) {
        List<InstanceStateChange> out = new ArrayList<>(changes.size());
        for (StateChange c : changes) {
            out.add(InstanceStateChange.builder()
                    .instanceId(c.instanceId())
                    .previousState(InstanceViews.state(c.previous()))
                    .currentState(InstanceViews.state(c.current()))
                    .build());
        }
        return out;
    }

    // ---- attributes ---------------------------------------------------------------------------------------------

    DescribeInstanceAttributeResponse describeInstanceAttribute(ActionContext ctx,
                                                                DescribeInstanceAttributeRequest request) {
        String id = instanceId(request.instanceId());
        String attribute = request.attributeAsString();
        Cloud cloud = ctx.cloud();
        Instance instance = cloud.instance(id);
        Checks.dryRun(request.dryRun());
        var b = DescribeInstanceAttributeResponse.builder().instanceId(id);
        switch (attribute == null ? "" : attribute) {
            case "instanceType" -> b.instanceType(value(attributes(cloud, instance).instanceType()));
            case "userData" -> {
                String data = attributes(cloud, instance).userData();
                b.userData(data == null ? AttributeValue.builder().build()
                        : value(Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8))));
            }
            case "disableApiTermination" -> b.disableApiTermination(
                    bool(attributes(cloud, instance).disableApiTermination()));
            case "instanceInitiatedShutdownBehavior" -> b.instanceInitiatedShutdownBehavior(value("stop"));
            case "rootDeviceName" -> b.rootDeviceName(value(Ec2InstanceDetails.of(instance).rootDeviceName()));
            case "blockDeviceMapping" -> b.blockDeviceMappings(
                    InstanceViews.load(cloud, ctx.account(), List.of(instance)).blockDevices(instance));
            case "groupSet" -> b.groups(InstanceViews.groups(instance.securityGroups()));
            case "sourceDestCheck" -> b.sourceDestCheck(bool(true));
            case "ebsOptimized" -> b.ebsOptimized(bool(false));
            case "enaSupport" -> b.enaSupport(bool(true));
            case "productCodes" -> b.productCodes(List.of());
            case "kernel" -> b.kernelId(AttributeValue.builder().build());
            case "ramdisk" -> b.ramdiskId(AttributeValue.builder().build());
            case "sriovNetSupport" -> b.sriovNetSupport(AttributeValue.builder().build());
            case "enclaveOptions" -> b.enclaveOptions(EnclaveOptions.builder().enabled(false).build());
            case "disableApiStop" -> b.disableApiStop(bool(false));
            default -> throw Checks.invalid("Value (" + attribute + ") for parameter attribute is invalid. Unknown attribute.");
        }
        return b.build();
    }

    /**
     * What the provider keeps; without instance attributes the instance itself answers (no termination protection,
     * and no user data: reading it back is part of the same extension).
     */
    private static InstanceAttributes attributes(Cloud cloud, Instance instance) {
        Optional<Ec2InstanceAttributes> attributes = cloud.extension(Ec2InstanceAttributes.class);
        if (attributes.isPresent()) {
            return attributes.get().instanceAttributes(instance.id());
        }
        return new InstanceAttributes(instance.id(), instance.instanceType(), false, null);
    }

    /**
     * One attribute per call, as in EC2. Type, termination protection and user data change through the backend;
     * the attributes this gateway reports as fixed (source/dest check on, ENA on, not EBS-optimized, shutdown
     * behaviour stop, stop protection off, the current security groups) may be "set" to what they already are,
     * anything else is refused naming the attribute.
     */
    ModifyInstanceAttributeResponse modifyInstanceAttribute(ActionContext ctx, ModifyInstanceAttributeRequest request) {
        String id = instanceId(request.instanceId());
        List<Modification> asked = modifications(request);
        if (asked.isEmpty()) {
            throw Ec2WireException.of(WireError.MISSING_PARAMETER,
                    "The request must contain an attribute to modify (for example InstanceType or UserData)");
        }
        if (asked.size() > 1) {
            throw Checks.combination("Only one attribute can be modified at a time; got " + asked.stream().map(Modification::name)
                            .toList());
        }
        Modification m = asked.get(0);
        Cloud cloud = ctx.cloud();
        Instance instance = cloud.instance(id);
        InstanceChange change = switch (m.name()) {
            case "instanceType" -> InstanceChange.instanceType(text(m));
            case "disableApiTermination" -> InstanceChange.disableApiTermination(flag(m));
            case "userData" -> InstanceChange.userData(m.value() instanceof SdkBytes bytes
                    ? bytes.asUtf8String() : decodeUserData(text(m)));
            default -> {
                if (!unchanged(m, instance)) {
                    throw Checks.unsupported("Modifying the instance attribute "
                            + m.name() + " is not supported by this gateway.");
                }
                yield null;
            }
        };
        if (change != null) {
            require(cloud, Capability.INSTANCE_ATTRIBUTES, "Changing instance attributes");
        }
        Checks.dryRun(request.dryRun());
        if (change != null) {
            Checks.extension(cloud, Ec2InstanceAttributes.class).modifyInstance(id, change);
        }
        return ModifyInstanceAttributeResponse.builder().build();
    }

    private record Modification(String name, Object value) {
    }

    private static List<Modification> modifications(ModifyInstanceAttributeRequest r) {
        List<Modification> out = new ArrayList<>();
        if (r.attributeAsString() != null) {
            if (r.value() == null) {
                throw Ec2WireException.of(WireError.MISSING_PARAMETER,
                        "The request must contain the parameter Value for the attribute " + r.attributeAsString());
            }
            out.add(new Modification(r.attributeAsString(), r.value()));
        }
        if (r.instanceType() != null) {
            out.add(new Modification("instanceType", r.instanceType().value()));
        }
        if (r.disableApiTermination() != null) {
            out.add(new Modification("disableApiTermination", r.disableApiTermination().value()));
        }
        if (r.userData() != null) {
            out.add(new Modification("userData", r.userData().value()));
        }
        if (r.sourceDestCheck() != null) {
            out.add(new Modification("sourceDestCheck", r.sourceDestCheck().value()));
        }
        if (r.ebsOptimized() != null) {
            out.add(new Modification("ebsOptimized", r.ebsOptimized().value()));
        }
        if (r.enaSupport() != null) {
            out.add(new Modification("enaSupport", r.enaSupport().value()));
        }
        if (r.disableApiStop() != null) {
            out.add(new Modification("disableApiStop", r.disableApiStop().value()));
        }
        if (r.instanceInitiatedShutdownBehavior() != null) {
            out.add(new Modification("instanceInitiatedShutdownBehavior",
                    r.instanceInitiatedShutdownBehavior().value()));
        }
        if (r.hasGroups() && !r.groups().isEmpty()) {
            out.add(new Modification("groupSet", r.groups()));
        }
        if (r.hasBlockDeviceMappings() && !r.blockDeviceMappings().isEmpty()) {
            out.add(new Modification("blockDeviceMapping", r.blockDeviceMappings()));
        }
        if (r.kernel() != null) {
            out.add(new Modification("kernel", r.kernel().value()));
        }
        if (r.ramdisk() != null) {
            out.add(new Modification("ramdisk", r.ramdisk().value()));
        }
        if (r.sriovNetSupport() != null) {
            out.add(new Modification("sriovNetSupport", r.sriovNetSupport().value()));
        }
        if (r.enclaveOptions() != null) {
            out.add(new Modification("enclaveOptions", r.enclaveOptions().enabled()));
        }
        return out;
    }

    private static boolean unchanged(Modification m, Instance instance) {
        Object v = m.value();
        String text = v == null ? null : String.valueOf(v);
        return switch (m.name()) {
            case "sourceDestCheck", "enaSupport" -> "true".equalsIgnoreCase(text);
            case "ebsOptimized", "disableApiStop", "enclaveOptions" -> "false".equalsIgnoreCase(text);
            case "instanceInitiatedShutdownBehavior" -> "stop".equals(text);
            case "groupSet" -> v instanceof Collection<?> groups && Set.copyOf(groups).equals(
                    Set.copyOf(instance.securityGroups().stream().map(g -> g.id()).toList()));
            default -> false;
        };
    }

    private static String text(Modification m) {
        if (m.value() == null || String.valueOf(m.value()).isEmpty()) {
            throw Ec2WireException.of(WireError.MISSING_PARAMETER,
                    "The request must contain a value for the attribute " + m.name());
        }
        return String.valueOf(m.value());
    }

    private static boolean flag(Modification m) {
        String text = text(m);
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw Checks.invalid("Value (" + text + ") for parameter " + m.name() + " is invalid. Expected a boolean.");
        }
        return Boolean.parseBoolean(text);
    }

    /** {@code Attribute=userData&Value=...} carries base64, like RunInstances' UserData. */
    private static String decodeUserData(String base64) {
        String decoded = InstanceLaunches.userData(base64);
        return decoded == null ? "" : decoded;
    }

    DescribeInstanceCreditSpecificationsResponse describeInstanceCreditSpecifications(
            ActionContext ctx, DescribeInstanceCreditSpecificationsRequest request) {
        List<String> ids = instanceIds(request.instanceIds());
        Checks.noPagingWithIds(!ids.isEmpty(), request.maxResults(), "instancesSet");
        Cloud cloud = ctx.cloud();
        List<Instance> found = ids.isEmpty() ? cloud.instances() : existing(cloud, ids);
        Checks.dryRun(request.dryRun());
        List<InstanceCreditSpecification> specs = new ArrayList<>();
        for (Instance instance : sorted(found)) {
            String credits = creditOption(instance.instanceType());
            if (credits == null || instance.state() == InstanceState.TERMINATED) {
                continue;
            }
            // Without ids EC2 lists only the instances whose credit option is unlimited.
            if (ids.isEmpty() && !credits.equals("unlimited")) {
                continue;
            }
            specs.add(InstanceCreditSpecification.builder().instanceId(instance.id()).cpuCredits(credits).build());
        }
        List<InstanceCreditSpecification> matching = CREDIT_FILTERS.apply(specs, request.filters());
        Paging.Page<InstanceCreditSpecification> page = Paging.page(matching, request.maxResults(),
                request.nextToken(), 5, 1000, Paging.queryKey(request));
        return DescribeInstanceCreditSpecificationsResponse.builder()
                .instanceCreditSpecifications(page.items()).nextToken(page.nextToken()).build();
    }

    /** AWS's default credit option per burstable family; null for types that earn no credits. */
    static String creditOption(String type) {
        if (type == null) {
            return null;
        }
        if (type.startsWith("t2.")) {
            return "standard";
        }
        if (type.startsWith("t3.") || type.startsWith("t3a.") || type.startsWith("t4g.")) {
            return "unlimited";
        }
        return null;
    }

    GetConsoleOutputResponse getConsoleOutput(ActionContext ctx, GetConsoleOutputRequest request) {
        String id = instanceId(request.instanceId());
        Cloud cloud = ctx.cloud();
        require(cloud, Capability.CONSOLE_OUTPUT, "Console output");
        cloud.instance(id);
        Checks.dryRun(request.dryRun());
        String output = Checks.extension(cloud, ConsoleOutput.class).consoleOutput(id);
        return GetConsoleOutputResponse.builder()
                .instanceId(id)
                .timestamp(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .output(output == null ? null
                        : Base64.getEncoder().encodeToString(output.getBytes(StandardCharsets.UTF_8)))
                .build();
    }

    /**
     * The UEFI variable store of an instance. No backend keeps one (nothing writes UEFI variables here), so an
     * existing instance answers with its id and no data, as EC2 answers for an instance whose store is empty.
     */
    GetInstanceUefiDataResponse getInstanceUefiData(ActionContext ctx, GetInstanceUefiDataRequest request) {
        String id = instanceId(request.instanceId());
        ctx.cloud().instance(id);
        Checks.dryRun(request.dryRun());
        return GetInstanceUefiDataResponse.builder().instanceId(id).build();
    }

    // ---- shared -------------------------------------------------------------------------------------------------

    private static void checkDryRun(Cloud cloud, List<String> ids, Boolean dryRun) {
        if (Boolean.TRUE.equals(dryRun)) {
            existing(cloud, ids);
            throw Checks.dryRunOperation();
        }
    }

    private static void require(Cloud cloud, Capability capability, String what) {
        if (!cloud.supports(capability)) {
            throw Checks.unsupported(what + " is not supported by the '"
                    + cloud.providerName() + "' backend of this gateway.");
        }
    }

    private static String instanceId(String id) {
        return Checks.checkId(id, Ec2IdKind.INSTANCE);
    }

    /** The ids of a request, checked for form and without repeats, in the caller's order. */
    private static List<String> instanceIds(List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (String id : ids) {
            unique.add(instanceId(id));
        }
        return List.copyOf(unique);
    }

    private static List<String> requiredIds(List<String> ids) {
        List<String> checked = instanceIds(ids);
        if (checked.isEmpty()) {
            throw Checks.missing("InstanceId");
        }
        return checked;
    }

    /** The named instances; when some do not exist the error names every one of them, as EC2's does. */
    private static List<Instance> existing(Cloud cloud, List<String> ids) {
        return withAllMissingIds(cloud, ids, () -> cloud.instances(InstanceQuery.ids(ids)));
    }

    private static <T> T withAllMissingIds(Cloud cloud, List<String> ids, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (AltoException e) {
            if (e.code() != ErrorCode.NOT_FOUND || ids.size() < 2) {
                throw e;
            }
            List<String> missing = new ArrayList<>();
            for (String id : ids) {
                try {
                    cloud.instance(id);
                } catch (AltoException one) {
                    if (one.code() != ErrorCode.NOT_FOUND) {
                        throw one;
                    }
                    missing.add(id);
                }
            }
            if (missing.size() < 2) {
                throw e;
            }
            throw Ec2WireException.of(Checks.notFoundCode(Ec2IdKind.INSTANCE),
                    "The instance IDs '" + String.join(", ", missing) + "' do not exist");
        }
    }

    /**
     * The part of the filters the provider can apply itself (exact states, tags, a tag key, zone, VPC, subnet), so
     * large fleets are narrowed before they are turned into SDK objects (the local cloud answers exact tag values, tag
     * keys, zone, VPC and subnet from an index); the full filter set still runs afterwards on what comes back.
     */
    static InstanceQuery pushDown(List<Filter> filters) {
        InstanceQuery.Builder q = InstanceQuery.builder();
        if (filters == null) {
            return q.build();
        }
        for (Filter f : filters) {
            List<String> values = f.hasValues() ? f.values() : List.of();
            String name = f.name() == null ? "" : f.name();
            if (values.isEmpty()) {
                continue;
            }
            if (name.startsWith("tag:") && name.length() > 4) {
                q.tag(new TagFilter(name.substring(4), values));
            } else if (name.equals("tag-key") && values.size() == 1 && !wild(values.get(0))) {
                // Several keys are alternatives, which a query's tag filters (all must match) cannot say.
                q.tag(TagFilter.exists(values.get(0)));
            } else if (name.equals("instance-state-name") && values.stream().noneMatch(InstanceActions::wild)) {
                // Values are EC2's names; each stands for the portable states that read as it. A name that is not
                // EC2's matches nothing, which the full filter answers.
                Set<InstanceState> states = EnumSet.noneOf(InstanceState.class);
                for (String v : values) {
                    states.addAll(Ec2InstanceStates.portableStates(v));
                }
                if (states.isEmpty()) {
                    continue;
                }
                q.states(states);
            } else if (values.size() == 1 && !wild(values.get(0))) {
                switch (name) {
                    case "availability-zone" -> q.zone(values.get(0));
                    case "vpc-id" -> q.networkId(values.get(0));
                    case "subnet-id" -> q.subnetId(values.get(0));
                    default -> {
                    }
                }
            }
            if (values.stream().noneMatch(InstanceActions::wild)) {
                // Alternatives of one attribute; the backend answers them from its index where it has one.
                switch (name) {
                    case "instance-type" -> q.types(values);
                    case "image-id" -> q.imageIds(values);
                    case "key-name" -> q.keyNames(values);
                    case "private-ip-address" -> q.privateIps(values);
                    case "ip-address" -> q.publicIps(values);
                    default -> {
                    }
                }
            }
        }
        return q.build();
    }

    private static boolean wild(String value) {
        return value.indexOf('*') >= 0 || value.indexOf('?') >= 0 || value.indexOf('\\') >= 0;
    }

    /** Launch order (launch time, then reservation, then position in it), so reservations stay together. */
    private static List<Instance> sorted(List<Instance> instances) {
        List<Instance> out = new ArrayList<>(instances);
        out.sort(Comparator.comparing(Instance::launchTime, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing((Instance i) -> Ec2InstanceDetails.of(i).reservationId(),
                        Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparingInt((Instance i) -> Ec2InstanceDetails.of(i).launchIndex())
                .thenComparing(Instance::id));
        return out;
    }

    private static AttributeValue value(String v) {
        return AttributeValue.builder().value(v).build();
    }

    private static AttributeBooleanValue bool(boolean v) {
        return AttributeBooleanValue.builder().value(v).build();
    }
}
