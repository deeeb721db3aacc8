package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.missing;

import io.altostratus.core.ec2.DhcpOptions;
import io.altostratus.core.ec2.DhcpOptionsSets;
import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import io.altostratus.gateway.filter.Paging;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.AssociateDhcpOptionsRequest;
import software.amazon.awssdk.services.ec2.model.AssociateDhcpOptionsResponse;
import software.amazon.awssdk.services.ec2.model.AttributeValue;
import software.amazon.awssdk.services.ec2.model.CreateDhcpOptionsRequest;
import software.amazon.awssdk.services.ec2.model.CreateDhcpOptionsResponse;
import software.amazon.awssdk.services.ec2.model.DeleteDhcpOptionsRequest;
import software.amazon.awssdk.services.ec2.model.DeleteDhcpOptionsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeDhcpOptionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeDhcpOptionsResponse;
import software.amazon.awssdk.services.ec2.model.DhcpConfiguration;
import software.amazon.awssdk.services.ec2.model.NewDhcpConfiguration;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** DHCP options sets: made, listed, associated with VPCs (or {@code default}, none), deleted once unused. */
public final class DhcpOptionsActions implements ActionGroup {
    private static final Ec2IdKind KIND = Ec2IdKind.DHCP_OPTIONS;

    private static final FilterSet<software.amazon.awssdk.services.ec2.model.DhcpOptions> FILTERS =
            FilterSet.<software.amazon.awssdk.services.ec2.model.DhcpOptions>builder()
                    .field("dhcp-options-id", software.amazon.awssdk.services.ec2.model.DhcpOptions::dhcpOptionsId)
                    .field("key", o -> o.dhcpConfigurations().stream().map(DhcpConfiguration::key).toList())
                    .field("value", o -> o.dhcpConfigurations().stream().flatMap(c -> c.values().stream())
                            .map(AttributeValue::value).toList())
                    .field("owner-id", software.amazon.awssdk.services.ec2.model.DhcpOptions::ownerId)
                    .tags(o -> SdkTags.fromSdk(o.tags()))
                    .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(CreateDhcpOptionsRequest.class, this::create)
                .on(DescribeDhcpOptionsRequest.class, this::describe)
                .on(DeleteDhcpOptionsRequest.class, this::delete)
                .on(AssociateDhcpOptionsRequest.class, this::associate);
    }

    CreateDhcpOptionsResponse create(ActionContext ctx, CreateDhcpOptionsRequest request) {
        if (!request.hasDhcpConfigurations() || request.dhcpConfigurations().isEmpty()) {
            throw missing("DhcpConfiguration");
        }
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (NewDhcpConfiguration c : request.dhcpConfigurations()) {
            if (c.key() == null || c.key().isEmpty()) {
                throw missing("DhcpConfiguration.Key");
            }
            if (options.containsKey(c.key())) {
                throw Checks.invalid("The DHCP option " + c.key() + " is given more than once");
            }
            options.put(c.key(), c.hasValues() ? c.values() : List.of());
        }
        Map<String, String> tags = SdkTags.fromSpecifications(request.tagSpecifications(),
                ResourceType.DHCP_OPTIONS);
        DhcpOptionsSets sets = Checks.extension(ctx.cloud(), DhcpOptionsSets.class);
        dryRun(request.dryRun());
        return CreateDhcpOptionsResponse.builder()
                .dhcpOptions(shape(sets.createDhcpOptions(options, tags))).build();
    }

    DescribeDhcpOptionsResponse describe(ActionContext ctx, DescribeDhcpOptionsRequest request) {
        Checks.noPagingWithIds(request.hasDhcpOptionsIds(), request.maxResults(), "DhcpOptionsId");
        if (request.hasDhcpOptionsIds()) {
            Checks.checkIds(request.dhcpOptionsIds(), KIND);
        }
        List<DhcpOptions> all = IdSelection.sorted(Checks.extension(ctx.cloud(), DhcpOptionsSets.class)
                .dhcpOptions(), DhcpOptions::id);
        all = IdSelection.byIds(all, DhcpOptions::id, request.dhcpOptionsIds(), KIND.notFoundCode(),
                "dhcpOption");
        List<software.amazon.awssdk.services.ec2.model.DhcpOptions> out = new ArrayList<>(all.size());
        for (DhcpOptions o : all) {
            out.add(shape(o));
        }
        var matching = FILTERS.apply(out, request.filters());
        dryRun(request.dryRun());
        Paging.Page<software.amazon.awssdk.services.ec2.model.DhcpOptions> page = Paging.page(matching,
                request.maxResults(), request.nextToken(), 5, 1000, Paging.queryKey(request));
        return DescribeDhcpOptionsResponse.builder().dhcpOptions(page.items()).nextToken(page.nextToken()).build();
    }

    DeleteDhcpOptionsResponse delete(ActionContext ctx, DeleteDhcpOptionsRequest request) {
        if (request.dhcpOptionsId() == null) {
            throw missing("DhcpOptionsId");
        }
        Checks.checkId(request.dhcpOptionsId(), KIND);
        DhcpOptionsSets sets = Checks.extension(ctx.cloud(), DhcpOptionsSets.class);
        if (sets.dhcpOptions().stream().noneMatch(o -> o.id().equals(request.dhcpOptionsId()))) {
            throw Checks.notFound(KIND.notFoundCode(), "dhcpOption", List.of(request.dhcpOptionsId()));
        }
        dryRun(request.dryRun());
        sets.deleteDhcpOptions(request.dhcpOptionsId());
        return DeleteDhcpOptionsResponse.builder().build();
    }

    AssociateDhcpOptionsResponse associate(ActionContext ctx, AssociateDhcpOptionsRequest request) {
        if (request.dhcpOptionsId() == null) {
            throw missing("DhcpOptionsId");
        }
        if (request.vpcId() == null) {
            throw missing("VpcId");
        }
        String set = request.dhcpOptionsId();
        if (!DhcpOptions.NONE.equals(set)) {
            Checks.checkId(set, KIND);
        }
        VpcActions.find(ctx, request.vpcId());
        DhcpOptionsSets sets = Checks.extension(ctx.cloud(), DhcpOptionsSets.class);
        if (!DhcpOptions.NONE.equals(set) && sets.dhcpOptions().stream().noneMatch(o -> o.id().equals(set))) {
            throw Checks.notFound(KIND.notFoundCode(), "dhcpOption", List.of(set));
        }
        dryRun(request.dryRun());
        sets.associateDhcpOptions(set, request.vpcId());
        return AssociateDhcpOptionsResponse.builder().build();
    }

    static software.amazon.awssdk.services.ec2.model.DhcpOptions shape(DhcpOptions o) {
        List<DhcpConfiguration> configurations = new ArrayList<>();
        o.configurations().forEach((key, values) -> configurations.add(DhcpConfiguration.builder().key(key)
                .values(values.stream().map(v -> AttributeValue.builder().value(v).build()).toList()).build()));
        return software.amazon.awssdk.services.ec2.model.DhcpOptions.builder()
                .dhcpOptionsId(o.id())
                .ownerId(o.ownerId())
                .dhcpConfigurations(configurations)
                .tags(SdkTags.toSdk(o.tags()))
                .build();
    }
}
