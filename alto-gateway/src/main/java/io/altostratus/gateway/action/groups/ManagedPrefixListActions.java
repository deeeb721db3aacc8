package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.missing;

import io.altostratus.core.ec2.CustomerPrefixList;
import io.altostratus.core.ec2.CustomerPrefixLists;
import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.AddPrefixListEntry;
import software.amazon.awssdk.services.ec2.model.CreateManagedPrefixListRequest;
import software.amazon.awssdk.services.ec2.model.CreateManagedPrefixListResponse;
import software.amazon.awssdk.services.ec2.model.DeleteManagedPrefixListRequest;
import software.amazon.awssdk.services.ec2.model.DeleteManagedPrefixListResponse;
import software.amazon.awssdk.services.ec2.model.ManagedPrefixList;
import software.amazon.awssdk.services.ec2.model.ModifyManagedPrefixListRequest;
import software.amazon.awssdk.services.ec2.model.ModifyManagedPrefixListResponse;
import software.amazon.awssdk.services.ec2.model.PrefixListState;
import software.amazon.awssdk.services.ec2.model.RemovePrefixListEntry;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * Customer-managed prefix lists: create, modify (entries, name, maximum) and delete. They are listed, with the
 * AWS-managed ones, by {@link PrefixListActions}.
 */
public final class ManagedPrefixListActions implements ActionGroup {

    @Override
    public void register(ActionRegistry registry) {
        registry.on(CreateManagedPrefixListRequest.class, this::create)
                .on(ModifyManagedPrefixListRequest.class, this::modify)
                .on(DeleteManagedPrefixListRequest.class, this::delete);
    }

    CreateManagedPrefixListResponse create(ActionContext ctx, CreateManagedPrefixListRequest request) {
        if (request.prefixListName() == null) {
            throw missing("PrefixListName");
        }
        if (request.maxEntries() == null) {
            throw missing("MaxEntries");
        }
        if (request.addressFamily() == null) {
            throw missing("AddressFamily");
        }
        Map<String, String> tags = SdkTags.fromSpecifications(request.tagSpecifications(), ResourceType.PREFIX_LIST);
        CustomerPrefixLists lists = Checks.extension(ctx.cloud(), CustomerPrefixLists.class);
        dryRun(request.dryRun());
        CustomerPrefixList made = lists.createManagedPrefixList(request.prefixListName(), request.addressFamily(),
                request.maxEntries(), entries(request.entries()), tags);
        return CreateManagedPrefixListResponse.builder().prefixList(shape(ctx, made)).build();
    }

    ModifyManagedPrefixListResponse modify(ActionContext ctx, ModifyManagedPrefixListRequest request) {
        CustomerPrefixLists lists = existing(ctx, request.prefixListId());
        if (request.ipamPrefixListResolverSyncEnabled() != null) {
            throw Checks.unsupportedParameter("IpamPrefixListResolverSyncEnabled");
        }
        dryRun(request.dryRun());
        CustomerPrefixList changed = lists.modifyManagedPrefixList(request.prefixListId(), request.currentVersion(),
                request.prefixListName(), entries(request.addEntries()),
                request.removeEntries().stream().map(RemovePrefixListEntry::cidr).toList(), request.maxEntries());
        return ModifyManagedPrefixListResponse.builder().prefixList(shape(ctx, changed)).build();
    }

    DeleteManagedPrefixListResponse delete(ActionContext ctx, DeleteManagedPrefixListRequest request) {
        CustomerPrefixLists lists = existing(ctx, request.prefixListId());
        CustomerPrefixList list = lists.customerPrefixLists().stream()
                .filter(l -> l.id().equals(request.prefixListId())).findFirst().orElseThrow();
        dryRun(request.dryRun());
        lists.deleteManagedPrefixList(request.prefixListId());
        return DeleteManagedPrefixListResponse.builder()
                .prefixList(shape(ctx, list).toBuilder().state(PrefixListState.DELETE_COMPLETE).build()).build();
    }

    private static List<CustomerPrefixList.Entry> entries(List<AddPrefixListEntry> given) {
        for (AddPrefixListEntry e : given) {
            if (e.cidr() == null) {
                throw missing("Entry.Cidr");
            }
        }
        return given.stream().map(e -> new CustomerPrefixList.Entry(e.cidr(), e.description())).toList();
    }

    private static CustomerPrefixLists existing(ActionContext ctx, String id) {
        if (id == null) {
            throw missing("PrefixListId");
        }
        Checks.checkId(id, Ec2IdKind.PREFIX_LIST);
        CustomerPrefixLists lists = Checks.extension(ctx.cloud(), CustomerPrefixLists.class);
        if (lists.customerPrefixLists().stream().noneMatch(l -> l.id().equals(id))) {
            throw Checks.notFound(Ec2IdKind.PREFIX_LIST.notFoundCode(), "prefixList", List.of(id));
        }
        return lists;
    }

    static ManagedPrefixList shape(ActionContext ctx, CustomerPrefixList l) {
        return ManagedPrefixList.builder()
                .prefixListId(l.id())
                .prefixListName(l.name())
                .prefixListArn("arn:aws:ec2:" + ctx.region() + ":" + l.ownerId() + ":prefix-list/" + l.id())
                .addressFamily(l.addressFamily())
                .state(l.version() > 1 ? PrefixListState.MODIFY_COMPLETE : PrefixListState.CREATE_COMPLETE)
                .maxEntries(l.maxEntries())
                .version(l.version())
                .ownerId(l.ownerId())
                .tags(SdkTags.toSdk(l.tags()))
                .build();
    }
}
