package io.altostratus.gateway.action.groups;

import io.altostratus.core.ec2.Ec2IdKind;
import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.missing;

import io.altostratus.core.ec2.LaunchTemplate;
import io.altostratus.core.ec2.LaunchTemplateVersion;
import io.altostratus.core.ec2.LaunchTemplates;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.codec.Ec2QueryDecoder;
import io.altostratus.gateway.filter.FilterSet;
import io.altostratus.gateway.filter.Paging;
import io.altostratus.gateway.http.Ec2WireException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.altostratus.core.Cloud;
import io.altostratus.core.ec2.Ec2InstanceAttributes;
import io.altostratus.core.model.Instance;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.ec2.model.GetLaunchTemplateDataRequest;
import software.amazon.awssdk.services.ec2.model.GetLaunchTemplateDataResponse;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateInstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateTagSpecification;
import software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateRequest;
import software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateResponse;
import software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateVersionRequest;
import software.amazon.awssdk.services.ec2.model.CreateLaunchTemplateVersionResponse;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateRequest;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateResponse;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateVersionsRequest;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateVersionsResponse;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateVersionsResponseErrorItem;
import software.amazon.awssdk.services.ec2.model.DeleteLaunchTemplateVersionsResponseSuccessItem;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplateVersionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplateVersionsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplatesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplatesResponse;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateTagSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.ModifyLaunchTemplateRequest;
import software.amazon.awssdk.services.ec2.model.ModifyLaunchTemplateResponse;
import software.amazon.awssdk.services.ec2.model.RequestLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.ResponseError;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Launch templates and their versions, and RunInstances from a template. The backend keeps each version's data in
 * EC2's Query form (the {@code LaunchTemplateData.*} parameters as sent); this group reads it back through the codec
 * and carries it into the response and launch shapes with {@link SdkShapes}.
 */
public final class LaunchTemplateActions implements ActionGroup {
    static final String DATA_PREFIX = "LaunchTemplateData.";
    static final String ID_NOT_FOUND = Ec2IdKind.LAUNCH_TEMPLATE.notFoundCode();
    static final String NAME_NOT_FOUND = "InvalidLaunchTemplateName.NotFoundException";
    static final String VERSION_NOT_FOUND = "InvalidLaunchTemplateId.VersionNotFound";
    private static final Ec2QueryDecoder DECODER = new Ec2QueryDecoder();

    private static final FilterSet<software.amazon.awssdk.services.ec2.model.LaunchTemplate> TEMPLATE_FILTERS =
            FilterSet.<software.amazon.awssdk.services.ec2.model.LaunchTemplate>builder()
                    .field("launch-template-name",
                            software.amazon.awssdk.services.ec2.model.LaunchTemplate::launchTemplateName)
                    .field("create-time", t -> Ec2Time.text(t.createTime()))
                    .tags(t -> SdkTags.fromSdk(t.tags()))
                    .build();

    private static final FilterSet<software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion>
            VERSION_FILTERS = FilterSet.<software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion>builder()
                    .field("create-time", v -> Ec2Time.text(v.createTime()))
                    .field("is-default-version",
                            software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion::defaultVersion)
                    .field("image-id", v -> v.launchTemplateData().imageId())
                    .field("instance-type", v -> v.launchTemplateData().instanceTypeAsString())
                    .field("ebs-optimized", v -> v.launchTemplateData().ebsOptimized())
                    .field("kernel-id", v -> v.launchTemplateData().kernelId())
                    .field("ram-disk-id", v -> v.launchTemplateData().ramDiskId())
                    .field("iam-instance-profile", v -> v.launchTemplateData().iamInstanceProfile() == null
                            ? null : v.launchTemplateData().iamInstanceProfile().arn())
                    .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(CreateLaunchTemplateRequest.class, this::create)
                .on(CreateLaunchTemplateVersionRequest.class, this::createVersion)
                .on(DescribeLaunchTemplatesRequest.class, this::describe)
                .on(DescribeLaunchTemplateVersionsRequest.class, this::describeVersions)
                .on(ModifyLaunchTemplateRequest.class, this::modify)
                .on(DeleteLaunchTemplateRequest.class, this::delete)
                .on(DeleteLaunchTemplateVersionsRequest.class, this::deleteVersions)
                .on(GetLaunchTemplateDataRequest.class, this::launchTemplateData);
    }

    CreateLaunchTemplateResponse create(ActionContext ctx, CreateLaunchTemplateRequest request) {
        if (request.launchTemplateName() == null) {
            throw missing("LaunchTemplateName");
        }
        if (request.launchTemplateData() == null) {
            throw missing("LaunchTemplateData");
        }
        Map<String, String> tags = SdkTags.fromSpecifications(request.tagSpecifications(),
                ResourceType.LAUNCH_TEMPLATE);
        LaunchTemplates templates = Checks.extension(ctx.cloud(), LaunchTemplates.class);
        dryRun(request.dryRun());
        LaunchTemplateVersion first = templates.createLaunchTemplate(request.launchTemplateName(),
                request.versionDescription(), data(ctx), tags);
        return CreateLaunchTemplateResponse.builder().launchTemplate(shape(find(templates, first.templateId())))
                .build();
    }

    CreateLaunchTemplateVersionResponse createVersion(ActionContext ctx, CreateLaunchTemplateVersionRequest request) {
        if (request.launchTemplateData() == null) {
            throw missing("LaunchTemplateData");
        }
        LaunchTemplates templates = Checks.extension(ctx.cloud(), LaunchTemplates.class);
        LaunchTemplate template = template(templates, request.launchTemplateId(), request.launchTemplateName());
        Long source = request.sourceVersion() == null ? null
                : version(templates, template, request.sourceVersion()).versionNumber();
        dryRun(request.dryRun());
        LaunchTemplateVersion made = templates.createLaunchTemplateVersion(template.id(), source,
                request.versionDescription(), data(ctx));
        return CreateLaunchTemplateVersionResponse.builder()
                .launchTemplateVersion(shape(find(templates, template.id()), made)).build();
    }

    DescribeLaunchTemplatesResponse describe(ActionContext ctx, DescribeLaunchTemplatesRequest request) {
        boolean named = request.hasLaunchTemplateIds() || request.hasLaunchTemplateNames();
        Checks.noPagingWithIds(named, request.maxResults(), "LaunchTemplateId or LaunchTemplateName");
        LaunchTemplates templates = Checks.extension(ctx.cloud(), LaunchTemplates.class);
        List<LaunchTemplate> all = IdSelection.sorted(templates.launchTemplates(), LaunchTemplate::id);
        all = IdSelection.byIds(all, LaunchTemplate::id, request.launchTemplateIds(),
                absent -> Ec2WireException.of(ID_NOT_FOUND, "At least one of the launch templates specified in "
                        + "the request does not exist: " + String.join(", ", absent)));
        all = IdSelection.byIds(all, LaunchTemplate::name, request.launchTemplateNames(),
                absent -> Ec2WireException.of(NAME_NOT_FOUND, "At least one of the launch templates specified in "
                        + "the request does not exist: " + String.join(", ", absent)));
        List<software.amazon.awssdk.services.ec2.model.LaunchTemplate> out = new ArrayList<>();
        for (LaunchTemplate t : all) {
            out.add(shape(t));
        }
        var matching = TEMPLATE_FILTERS.apply(out, request.filters());
        dryRun(request.dryRun());
        var page = Paging.page(matching, request.maxResults(), request.nextToken(), 1, 200,
                Paging.queryKey(request));
        return DescribeLaunchTemplatesResponse.builder().launchTemplates(page.items()).nextToken(page.nextToken())
                .build();
    }

    DescribeLaunchTemplateVersionsResponse describeVersions(ActionContext ctx,
                                                            DescribeLaunchTemplateVersionsRequest request) {
        LaunchTemplates templates = Checks.extension(ctx.cloud(), LaunchTemplates.class);
        List<String> asked = request.hasVersions() ? request.versions() : List.of();
        List<software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion> out = new ArrayList<>();
        if (request.launchTemplateId() == null && request.launchTemplateName() == null) {
            // Without a template EC2 answers $Latest and/or $Default of every template, and only those.
            Set<String> specials = new LinkedHashSet<>(asked);
            if (specials.isEmpty() || !Set.of("$Latest", "$Default").containsAll(specials)) {
                throw Checks.invalid("Without a launch template, only $Latest and $Default versions can be "
                        + "described.");
            }
            for (LaunchTemplate t : IdSelection.sorted(templates.launchTemplates(), LaunchTemplate::id)) {
                Set<Long> numbers = new LinkedHashSet<>();
                for (String s : specials) {
                    numbers.add(s.equals("$Latest") ? t.latestVersion() : t.defaultVersion());
                }
                for (LaunchTemplateVersion v : templates.launchTemplateVersions(t.id())) {
                    if (numbers.contains(v.versionNumber())) {
                        out.add(shape(t, v));
                    }
                }
            }
        } else {
            LaunchTemplate t = template(templates, request.launchTemplateId(), request.launchTemplateName());
            List<LaunchTemplateVersion> versions = templates.launchTemplateVersions(t.id());
            if (asked.isEmpty()) {
                Long min = number(request.minVersion(), "MinVersion");
                Long max = number(request.maxVersion(), "MaxVersion");
                for (LaunchTemplateVersion v : versions) {
                    if ((min == null || v.versionNumber() >= min) && (max == null || v.versionNumber() <= max)) {
                        out.add(shape(t, v));
                    }
                }
            } else {
                Set<Long> numbers = new LinkedHashSet<>();
                for (String s : asked) {
                    numbers.add(version(templates, t, s).versionNumber());
                }
                for (LaunchTemplateVersion v : versions) {
                    if (numbers.contains(v.versionNumber())) {
                        out.add(shape(t, v));
                    }
                }
            }
        }
        var matching = VERSION_FILTERS.apply(out, request.filters());
        dryRun(request.dryRun());
        var page = Paging.page(matching, request.maxResults(), request.nextToken(), 1, 200,
                Paging.queryKey(request));
        return DescribeLaunchTemplateVersionsResponse.builder().launchTemplateVersions(page.items())
                .nextToken(page.nextToken()).build();
    }

    ModifyLaunchTemplateResponse modify(ActionContext ctx, ModifyLaunchTemplateRequest request) {
        LaunchTemplates templates = Checks.extension(ctx.cloud(), LaunchTemplates.class);
        LaunchTemplate t = template(templates, request.launchTemplateId(), request.launchTemplateName());
        Long number = request.defaultVersion() == null ? null
                : version(templates, t, request.defaultVersion()).versionNumber();
        dryRun(request.dryRun());
        LaunchTemplate changed = number == null ? t : templates.setDefaultVersion(t.id(), number);
        return ModifyLaunchTemplateResponse.builder().launchTemplate(shape(changed)).build();
    }

    DeleteLaunchTemplateResponse delete(ActionContext ctx, DeleteLaunchTemplateRequest request) {
        LaunchTemplates templates = Checks.extension(ctx.cloud(), LaunchTemplates.class);
        LaunchTemplate t = template(templates, request.launchTemplateId(), request.launchTemplateName());
        dryRun(request.dryRun());
        return DeleteLaunchTemplateResponse.builder().launchTemplate(shape(templates.deleteLaunchTemplate(t.id())))
                .build();
    }

    DeleteLaunchTemplateVersionsResponse deleteVersions(ActionContext ctx,
                                                        DeleteLaunchTemplateVersionsRequest request) {
        if (!request.hasVersions() || request.versions().isEmpty()) {
            throw missing("LaunchTemplateVersion");
        }
        LaunchTemplates templates = Checks.extension(ctx.cloud(), LaunchTemplates.class);
        LaunchTemplate t = template(templates, request.launchTemplateId(), request.launchTemplateName());
        List<Long> numbers = new ArrayList<>();
        for (String v : request.versions()) {
            numbers.add(number(v, "LaunchTemplateVersion"));
        }
        dryRun(request.dryRun());
        Map<Long, String> failed = templates.deleteLaunchTemplateVersions(t.id(), numbers);
        List<DeleteLaunchTemplateVersionsResponseSuccessItem> ok = new ArrayList<>();
        List<DeleteLaunchTemplateVersionsResponseErrorItem> bad = new ArrayList<>();
        for (Long n : new LinkedHashSet<>(numbers)) {
            String reason = failed.get(n);
            if (reason == null) {
                ok.add(DeleteLaunchTemplateVersionsResponseSuccessItem.builder().launchTemplateId(t.id())
                        .launchTemplateName(t.name()).versionNumber(n).build());
            } else {
                bad.add(DeleteLaunchTemplateVersionsResponseErrorItem.builder().launchTemplateId(t.id())
                        .launchTemplateName(t.name()).versionNumber(n)
                        .responseError(ResponseError.builder().code(reason).message(reason.equals(
                                "launchTemplateVersionIsDefault") ? "Cannot delete the default version."
                                : "The version does not exist.").build()).build());
            }
        }
        return DeleteLaunchTemplateVersionsResponse.builder().successfullyDeletedLaunchTemplateVersions(ok)
                .unsuccessfullyDeletedLaunchTemplateVersions(bad).build();
    }

    /**
     * The launch parameters of an existing instance, as a template's data: image, type, key, placement, metadata
     * options, its primary interface (subnet and groups), its user data and its own tags.
     */
    GetLaunchTemplateDataResponse launchTemplateData(ActionContext ctx, GetLaunchTemplateDataRequest request) {
        if (request.instanceId() == null) {
            throw missing("InstanceId");
        }
        Checks.checkId(request.instanceId(), io.altostratus.core.ec2.Ec2IdKind.INSTANCE);
        Cloud cloud = ctx.cloud();
        Instance instance = cloud.instance(request.instanceId());
        dryRun(request.dryRun());
        software.amazon.awssdk.services.ec2.model.Instance sdk =
                InstanceViews.load(cloud, ctx.account(), List.of(instance)).toSdk(instance);
        ResponseLaunchTemplateData.Builder data = ResponseLaunchTemplateData.builder();
        SdkShapes.copyInto(sdk, (SdkPojo) data);
        List<String> groups = sdk.securityGroups().stream().map(GroupIdentifier::groupId).toList();
        // EC2 answers the groups and subnet on the primary interface, not at the top level.
        data.securityGroups((List<String>) null).securityGroupIds((List<String>) null)
                .networkInterfaces(LaunchTemplateInstanceNetworkInterfaceSpecification.builder().deviceIndex(0)
                        .subnetId(sdk.subnetId()).groups(groups)
                        .associatePublicIpAddress(sdk.publicIpAddress() != null).build());
        cloud.extension(Ec2InstanceAttributes.class)
                .map(a -> a.instanceAttributes(instance.id()).userData())
                .filter(text -> !text.isEmpty())
                .ifPresent(text -> data.userData(java.util.Base64.getEncoder()
                        .encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        List<Tag> own = sdk.tags().stream().filter(t -> !t.key().startsWith("aws:")).toList();
        if (!own.isEmpty()) {
            data.tagSpecifications(LaunchTemplateTagSpecification.builder().resourceType(ResourceType.INSTANCE)
                    .tags(own).build());
        }
        return GetLaunchTemplateDataResponse.builder().launchTemplateData(data.build()).build();
    }

    // ---- launching from a template ------------------------------------------------------------------------------

    /**
     * The RunInstances request a launch from a template amounts to: the version's data, overridden member by member
     * by what the request itself sets, tags merged per resource type, and EC2's two {@code aws:ec2launchtemplate}
     * tags on the instances (Terraform reads them back to know which template and version an instance came from).
     */
    static RunInstancesRequest resolve(ActionContext ctx, RunInstancesRequest request) {
        LaunchTemplateSpecification spec = request.launchTemplate();
        if (spec.launchTemplateId() != null && spec.launchTemplateName() != null) {
            throw Checks.combination("Specify either the launch template ID or the launch template name, not both.");
        }
        LaunchTemplates templates = Checks.extension(ctx.cloud(), LaunchTemplates.class);
        LaunchTemplate template = template(templates, spec.launchTemplateId(), spec.launchTemplateName());
        LaunchTemplateVersion version = version(templates, template, spec.version());
        RequestLaunchTemplateData data = decode(version.data());

        RunInstancesRequest.Builder builder = RunInstancesRequest.builder();
        SdkShapes.copyInto(data, (SdkPojo) builder);
        SdkShapes.copyInto(request, (SdkPojo) builder);
        builder.launchTemplate((LaunchTemplateSpecification) null);

        Map<String, Map<String, String>> tags = new LinkedHashMap<>();
        if (data.hasTagSpecifications()) {
            for (LaunchTemplateTagSpecificationRequest ts : data.tagSpecifications()) {
                Map<String, String> forType = tags.computeIfAbsent(ts.resourceTypeAsString(), k -> new LinkedHashMap<>());
                ts.tags().forEach(t -> forType.put(t.key(), t.value()));
            }
        }
        if (request.hasTagSpecifications()) {
            for (TagSpecification ts : request.tagSpecifications()) {
                Map<String, String> forType = tags.computeIfAbsent(ts.resourceTypeAsString(), k -> new LinkedHashMap<>());
                ts.tags().forEach(t -> forType.put(t.key(), t.value()));
            }
        }
        Map<String, String> instanceTags = tags.computeIfAbsent("instance", k -> new LinkedHashMap<>());
        instanceTags.put("aws:ec2launchtemplate:id", template.id());
        instanceTags.put("aws:ec2launchtemplate:version", Long.toString(version.versionNumber()));
        List<TagSpecification> specs = new ArrayList<>();
        tags.forEach((type, kv) -> specs.add(TagSpecification.builder().resourceType(type)
                .tags(kv.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                        .toList()).build()));
        builder.tagSpecifications(specs);
        return builder.build();
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    /** The call's {@code LaunchTemplateData.*} parameters, as the backend keeps them. */
    private static Map<String, String> data(ActionContext ctx) {
        Map<String, String> data = new LinkedHashMap<>();
        ctx.call().params().forEach((name, values) -> {
            if (name.startsWith(DATA_PREFIX) && !values.isEmpty()) {
                data.put(name.substring(DATA_PREFIX.length()), values.get(0));
            }
        });
        return data;
    }

    /** Stored Query-form data read back through the codec, as it was validated when it came in. */
    static RequestLaunchTemplateData decode(Map<String, String> stored) {
        if (stored.isEmpty()) {
            return RequestLaunchTemplateData.builder().build();
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("Action", List.of("CreateLaunchTemplate"));
        params.put("Version", List.of("2016-11-15"));
        params.put("LaunchTemplateName", List.of("stored"));
        stored.forEach((k, v) -> params.put(DATA_PREFIX + k, List.of(v)));
        return ((CreateLaunchTemplateRequest) DECODER.decode(params).request()).launchTemplateData();
    }

    private static LaunchTemplate template(LaunchTemplates templates, String id, String name) {
        if (id == null && name == null) {
            throw missing("LaunchTemplateId or LaunchTemplateName");
        }
        if (id != null) {
            return templates.launchTemplates().stream().filter(t -> t.id().equals(id)).findFirst()
                    .orElseThrow(() -> Ec2WireException.of(ID_NOT_FOUND, "The specified launch template, with "
                            + "template ID " + id + ", does not exist."));
        }
        return templates.launchTemplates().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> Ec2WireException.of(NAME_NOT_FOUND, "The specified launch template, with "
                        + "template name " + name + ", does not exist."));
    }

    private static LaunchTemplate find(LaunchTemplates templates, String id) {
        return template(templates, id, null);
    }

    /** A version named as EC2 names them: a number, {@code $Latest} or {@code $Default} (null is the default). */
    private static LaunchTemplateVersion version(LaunchTemplates templates, LaunchTemplate t, String name) {
        long number;
        if (name == null || name.equals("$Default")) {
            number = t.defaultVersion();
        } else if (name.equals("$Latest")) {
            number = t.latestVersion();
        } else {
            number = number(name, "LaunchTemplateVersion");
        }
        return templates.launchTemplateVersions(t.id()).stream().filter(v -> v.versionNumber() == number)
                .findFirst().orElseThrow(() -> Ec2WireException.of(VERSION_NOT_FOUND,
                        "Could not find launch template version " + number + " for launch template " + t.id() + "."));
    }

    private static Long number(String text, String parameter) {
        if (text == null) {
            return null;
        }
        try {
            long n = Long.parseLong(text);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw Ec2WireException.of("InvalidParameterValue", "Value (" + text + ") for parameter " + parameter
                + " is invalid.");
    }

    static software.amazon.awssdk.services.ec2.model.LaunchTemplate shape(LaunchTemplate t) {
        return software.amazon.awssdk.services.ec2.model.LaunchTemplate.builder()
                .launchTemplateId(t.id()).launchTemplateName(t.name()).createTime(t.createTime())
                .createdBy(t.createdBy()).defaultVersionNumber(t.defaultVersion())
                .latestVersionNumber(t.latestVersion()).tags(SdkTags.toSdk(t.tags())).build();
    }

    static software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion shape(LaunchTemplate t,
                                                                                 LaunchTemplateVersion v) {
        ResponseLaunchTemplateData.Builder data = ResponseLaunchTemplateData.builder();
        SdkShapes.copyInto(decode(v.data()), (SdkPojo) data);
        return software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion.builder()
                .launchTemplateId(t.id()).launchTemplateName(t.name()).versionNumber(v.versionNumber())
                .versionDescription(v.description()).createTime(v.createTime()).createdBy(v.createdBy())
                .defaultVersion(v.versionNumber() == t.defaultVersion())
                .launchTemplateData(data.build()).build();
    }
}
