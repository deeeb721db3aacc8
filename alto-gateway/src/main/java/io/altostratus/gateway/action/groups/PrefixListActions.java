package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.missing;

import io.altostratus.core.ec2.CustomerPrefixList;
import io.altostratus.core.ec2.CustomerPrefixLists;
import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.PrefixList;
import io.altostratus.core.ec2.VpcEndpoints;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import io.altostratus.gateway.filter.Paging;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.DescribeManagedPrefixListsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeManagedPrefixListsResponse;
import software.amazon.awssdk.services.ec2.model.DescribePrefixListsRequest;
import software.amazon.awssdk.services.ec2.model.DescribePrefixListsResponse;
import software.amazon.awssdk.services.ec2.model.GetManagedPrefixListEntriesRequest;
import software.amazon.awssdk.services.ec2.model.GetManagedPrefixListEntriesResponse;
import software.amazon.awssdk.services.ec2.model.ManagedPrefixList;
import software.amazon.awssdk.services.ec2.model.PrefixListEntry;
import software.amazon.awssdk.services.ec2.model.PrefixListState;

/**
 * The AWS-managed prefix lists of the region's Gateway endpoint services, in both of EC2's views (the older
 * DescribePrefixLists and the managed-prefix-list actions), and the account's own lists beside them in the latter.
 */
public final class PrefixListActions implements ActionGroup {
    private static final Ec2IdKind KIND = Ec2IdKind.PREFIX_LIST;
    private static final String AWS_OWNER = "AWS";

    private static final FilterSet<software.amazon.awssdk.services.ec2.model.PrefixList> FILTERS =
            FilterSet.<software.amazon.awssdk.services.ec2.model.PrefixList>builder()
                    .field("prefix-list-id", software.amazon.awssdk.services.ec2.model.PrefixList::prefixListId)
                    .field("prefix-list-name", software.amazon.awssdk.services.ec2.model.PrefixList::prefixListName)
                    .build();

    private static final FilterSet<ManagedPrefixList> MANAGED_FILTERS = FilterSet.<ManagedPrefixList>builder()
            .field("prefix-list-id", ManagedPrefixList::prefixListId)
            .field("prefix-list-name", ManagedPrefixList::prefixListName)
            .field("owner-id", ManagedPrefixList::ownerId)
            .tags(l -> SdkTags.fromSdk(l.tags()))
            .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(DescribePrefixListsRequest.class, this::describe)
                .on(DescribeManagedPrefixListsRequest.class, this::describeManaged)
                .on(GetManagedPrefixListEntriesRequest.class, this::entries);
    }

    DescribePrefixListsResponse describe(ActionContext ctx, DescribePrefixListsRequest request) {
        List<PrefixList> lists = selected(ctx, request.hasPrefixListIds() ? request.prefixListIds() : null);
        List<software.amazon.awssdk.services.ec2.model.PrefixList> out = new ArrayList<>();
        for (PrefixList l : lists) {
            out.add(software.amazon.awssdk.services.ec2.model.PrefixList.builder().prefixListId(l.id())
                    .prefixListName(l.name()).cidrs(l.cidrs()).build());
        }
        var matching = FILTERS.apply(out, request.filters());
        dryRun(request.dryRun());
        Paging.Page<software.amazon.awssdk.services.ec2.model.PrefixList> page = Paging.page(matching,
                request.maxResults(), request.nextToken(), 5, 1000, Paging.queryKey(request));
        return DescribePrefixListsResponse.builder().prefixLists(page.items()).nextToken(page.nextToken()).build();
    }

    DescribeManagedPrefixListsResponse describeManaged(ActionContext ctx, DescribeManagedPrefixListsRequest request) {
        List<String> ids = request.hasPrefixListIds() ? request.prefixListIds() : null;
        if (ids != null) {
            Checks.checkIds(ids, KIND);
        }
        List<CustomerPrefixList> own = IdSelection.sorted(ctx.cloud().extension(CustomerPrefixLists.class)
                .map(CustomerPrefixLists::customerPrefixLists).orElse(List.of()), CustomerPrefixList::id);
        List<String> awsIds = ids == null ? null : ids.stream().filter(id -> own.stream()
                .noneMatch(l -> l.id().equals(id))).toList();
        List<PrefixList> lists = awsIds != null && awsIds.isEmpty() ? List.of() : selected(ctx, awsIds);
        List<ManagedPrefixList> out = new ArrayList<>();
        for (CustomerPrefixList l : own) {
            if (ids == null || ids.contains(l.id())) {
                out.add(ManagedPrefixListActions.shape(ctx, l));
            }
        }
        for (PrefixList l : lists) {
            out.add(ManagedPrefixList.builder()
                    .prefixListId(l.id())
                    .prefixListName(l.name())
                    .prefixListArn("arn:aws:ec2:" + ctx.region() + ":aws:prefix-list/" + l.id())
                    .addressFamily("IPv4")
                    .state(PrefixListState.CREATE_COMPLETE)
                    .version(1L)
                    .ownerId(AWS_OWNER)
                    .tags(List.of())
                    .build());
        }
        var matching = MANAGED_FILTERS.apply(out, request.filters());
        dryRun(request.dryRun());
        Paging.Page<ManagedPrefixList> page = Paging.page(matching, request.maxResults(), request.nextToken(), 1, 100,
                Paging.queryKey(request));
        return DescribeManagedPrefixListsResponse.builder().prefixLists(page.items()).nextToken(page.nextToken())
                .build();
    }

    GetManagedPrefixListEntriesResponse entries(ActionContext ctx, GetManagedPrefixListEntriesRequest request) {
        if (request.prefixListId() == null) {
            throw missing("PrefixListId");
        }
        Checks.checkId(request.prefixListId(), KIND);
        CustomerPrefixList own = ctx.cloud().extension(CustomerPrefixLists.class)
                .flatMap(c -> c.customerPrefixLists().stream().filter(l -> l.id().equals(request.prefixListId()))
                        .findFirst()).orElse(null);
        long version = own == null ? 1L : own.version();
        // Only the current version's entries are kept, so only it can be read.
        if (request.targetVersion() != null && request.targetVersion() != version) {
            throw Checks.invalid("The entries of version " + request.targetVersion() + " of prefix list "
                    + request.prefixListId() + " are not available (its current version is " + version + ")");
        }
        List<PrefixListEntry> entries = own != null
                ? own.entries().stream().map(e -> PrefixListEntry.builder().cidr(e.cidr())
                        .description(e.description()).build()).toList()
                : selected(ctx, List.of(request.prefixListId())).get(0).cidrs().stream()
                        .map(c -> PrefixListEntry.builder().cidr(c).build()).toList();
        dryRun(request.dryRun());
        Paging.Page<PrefixListEntry> page = Paging.page(entries, request.maxResults(), request.nextToken(), 1, 100,
                Paging.queryKey(request));
        return GetManagedPrefixListEntriesResponse.builder().entries(page.items()).nextToken(page.nextToken()).build();
    }

    /** The region's lists, or those asked for (each well-formed and known, else EC2's error naming it). */
    private static List<PrefixList> selected(ActionContext ctx, List<String> ids) {
        if (ids != null) {
            Checks.checkIds(ids, KIND);
        }
        List<PrefixList> all = IdSelection.sorted(Checks.extension(ctx.cloud(), VpcEndpoints.class).prefixLists(),
                PrefixList::id);
        return IdSelection.byIds(all, PrefixList::id, ids, KIND.notFoundCode(), "prefixList");
    }
}
