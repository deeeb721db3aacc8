package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.missing;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.TransitGatewayAttachment;
import io.altostratus.core.ec2.TransitGatewayRoute;
import io.altostratus.core.ec2.TransitGatewayRouteTable;
import io.altostratus.core.ec2.TransitGateways;
import io.altostratus.core.spec.Cidr;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import io.altostratus.gateway.filter.Paging;
import io.altostratus.gateway.http.Ec2WireException;
import io.altostratus.gateway.http.WireError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ec2.model.AssociateTransitGatewayRouteTableRequest;
import software.amazon.awssdk.services.ec2.model.AssociateTransitGatewayRouteTableResponse;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayRouteRequest;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayRouteResponse;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayRouteTableRequest;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayRouteTableResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayRouteRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayRouteResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayRouteTableRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayRouteTableResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayRouteTablesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayRouteTablesResponse;
import software.amazon.awssdk.services.ec2.model.DisableTransitGatewayRouteTablePropagationRequest;
import software.amazon.awssdk.services.ec2.model.DisableTransitGatewayRouteTablePropagationResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateTransitGatewayRouteTableRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateTransitGatewayRouteTableResponse;
import software.amazon.awssdk.services.ec2.model.EnableTransitGatewayRouteTablePropagationRequest;
import software.amazon.awssdk.services.ec2.model.EnableTransitGatewayRouteTablePropagationResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GetTransitGatewayRouteTableAssociationsRequest;
import software.amazon.awssdk.services.ec2.model.GetTransitGatewayRouteTableAssociationsResponse;
import software.amazon.awssdk.services.ec2.model.GetTransitGatewayRouteTablePropagationsRequest;
import software.amazon.awssdk.services.ec2.model.GetTransitGatewayRouteTablePropagationsResponse;
import software.amazon.awssdk.services.ec2.model.ReplaceTransitGatewayRouteRequest;
import software.amazon.awssdk.services.ec2.model.ReplaceTransitGatewayRouteResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SearchTransitGatewayRoutesRequest;
import software.amazon.awssdk.services.ec2.model.SearchTransitGatewayRoutesResponse;
import software.amazon.awssdk.services.ec2.model.TransitGatewayRouteTableAssociation;
import software.amazon.awssdk.services.ec2.model.TransitGatewayRouteTablePropagation;

/**
 * Transit gateway route tables: the tables, their static and propagated routes (SearchTransitGatewayRoutes), and
 * which attachments associate with and propagate to them.
 */
public final class TransitGatewayRouteTableActions implements ActionGroup {
    static final Ec2IdKind KIND = Ec2IdKind.TRANSIT_GATEWAY_ROUTE_TABLE;
    private static final String NOUN = "transitGatewayRouteTable";
    private static final String ROUTE_SEARCH = "route-search.";

    private static final FilterSet<software.amazon.awssdk.services.ec2.model.TransitGatewayRouteTable> FILTERS =
            FilterSet.<software.amazon.awssdk.services.ec2.model.TransitGatewayRouteTable>builder()
                    .field("transit-gateway-route-table-id",
                            software.amazon.awssdk.services.ec2.model.TransitGatewayRouteTable::transitGatewayRouteTableId)
                    .field("transit-gateway-id",
                            software.amazon.awssdk.services.ec2.model.TransitGatewayRouteTable::transitGatewayId)
                    .field("state", software.amazon.awssdk.services.ec2.model.TransitGatewayRouteTable::stateAsString)
                    .field("default-association-route-table",
                            software.amazon.awssdk.services.ec2.model.TransitGatewayRouteTable::defaultAssociationRouteTable)
                    .field("default-propagation-route-table",
                            software.amazon.awssdk.services.ec2.model.TransitGatewayRouteTable::defaultPropagationRouteTable)
                    .tags(t -> SdkTags.fromSdk(t.tags()))
                    .build();

    private static final FilterSet<software.amazon.awssdk.services.ec2.model.TransitGatewayRoute> ROUTE_FILTERS =
            FilterSet.<software.amazon.awssdk.services.ec2.model.TransitGatewayRoute>builder()
                    .field("attachment.transit-gateway-attachment-id", r -> r.transitGatewayAttachments().stream()
                            .map(a -> a.transitGatewayAttachmentId()).toList())
                    .field("attachment.resource-id", r -> r.transitGatewayAttachments().stream()
                            .map(a -> a.resourceId()).toList())
                    .field("attachment.resource-type", r -> r.transitGatewayAttachments().stream()
                            .map(a -> a.resourceTypeAsString()).toList())
                    .field("prefix-list-id", software.amazon.awssdk.services.ec2.model.TransitGatewayRoute::prefixListId)
                    .field("state", software.amazon.awssdk.services.ec2.model.TransitGatewayRoute::stateAsString)
                    .field("type", software.amazon.awssdk.services.ec2.model.TransitGatewayRoute::typeAsString)
                    .build();

    private static final FilterSet<TransitGatewayRouteTableAssociation> ASSOCIATION_FILTERS =
            FilterSet.<TransitGatewayRouteTableAssociation>builder()
                    .field("resource-id", TransitGatewayRouteTableAssociation::resourceId)
                    .field("resource-type", TransitGatewayRouteTableAssociation::resourceTypeAsString)
                    .field("transit-gateway-attachment-id",
                            TransitGatewayRouteTableAssociation::transitGatewayAttachmentId)
                    .build();

    private static final FilterSet<TransitGatewayRouteTablePropagation> PROPAGATION_FILTERS =
            FilterSet.<TransitGatewayRouteTablePropagation>builder()
                    .field("resource-id", TransitGatewayRouteTablePropagation::resourceId)
                    .field("resource-type", TransitGatewayRouteTablePropagation::resourceTypeAsString)
                    .field("transit-gateway-attachment-id",
                            TransitGatewayRouteTablePropagation::transitGatewayAttachmentId)
                    .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(CreateTransitGatewayRouteTableRequest.class, this::create)
                .on(DescribeTransitGatewayRouteTablesRequest.class, this::describe)
                .on(DeleteTransitGatewayRouteTableRequest.class, this::delete)
                .on(CreateTransitGatewayRouteRequest.class, this::createRoute)
                .on(ReplaceTransitGatewayRouteRequest.class, this::replaceRoute)
                .on(DeleteTransitGatewayRouteRequest.class, this::deleteRoute)
                .on(SearchTransitGatewayRoutesRequest.class, this::searchRoutes)
                .on(AssociateTransitGatewayRouteTableRequest.class, this::associate)
                .on(DisassociateTransitGatewayRouteTableRequest.class, this::disassociate)
                .on(GetTransitGatewayRouteTableAssociationsRequest.class, this::associations)
                .on(EnableTransitGatewayRouteTablePropagationRequest.class, this::enablePropagation)
                .on(DisableTransitGatewayRouteTablePropagationRequest.class, this::disablePropagation)
                .on(GetTransitGatewayRouteTablePropagationsRequest.class, this::propagations);
    }

    // ---- tables ---------------------------------------------------------------------------------------------

    CreateTransitGatewayRouteTableResponse create(ActionContext ctx, CreateTransitGatewayRouteTableRequest request) {
        if (request.transitGatewayId() == null) {
            throw missing("TransitGatewayId");
        }
        Checks.checkId(request.transitGatewayId(), Ec2IdKind.TRANSIT_GATEWAY);
        Map<String, String> tags = SdkTags.fromSpecifications(request.tagSpecifications(),
                ResourceType.TRANSIT_GATEWAY_ROUTE_TABLE);
        TransitGateways tgws = Checks.extension(ctx.cloud(), TransitGateways.class);
        dryRun(request.dryRun());
        return CreateTransitGatewayRouteTableResponse.builder().transitGatewayRouteTable(TransitGatewayShapes.table(
                tgws.createRouteTable(request.transitGatewayId(), tags))).build();
    }

    DescribeTransitGatewayRouteTablesResponse describe(ActionContext ctx,
                                                       DescribeTransitGatewayRouteTablesRequest request) {
        Checks.noPagingWithIds(request.hasTransitGatewayRouteTableIds(), request.maxResults(),
                "TransitGatewayRouteTableIds");
        if (request.hasTransitGatewayRouteTableIds()) {
            Checks.checkIds(request.transitGatewayRouteTableIds(), KIND);
        }
        List<TransitGatewayRouteTable> all = IdSelection.sorted(Checks.extension(ctx.cloud(), TransitGateways.class)
                .transitGatewayRouteTables(), TransitGatewayRouteTable::id);
        all = IdSelection.byIds(all, TransitGatewayRouteTable::id, request.transitGatewayRouteTableIds(),
                KIND.notFoundCode(), NOUN);
        List<software.amazon.awssdk.services.ec2.model.TransitGatewayRouteTable> out = new ArrayList<>(all.size());
        for (TransitGatewayRouteTable t : all) {
            out.add(TransitGatewayShapes.table(t));
        }
        var matching = FILTERS.apply(out, request.filters());
        dryRun(request.dryRun());
        var page = Paging.page(matching, request.maxResults(), request.nextToken(), 5, 1000,
                Paging.queryKey(request));
        return DescribeTransitGatewayRouteTablesResponse.builder().transitGatewayRouteTables(page.items())
                .nextToken(page.nextToken()).build();
    }

    DeleteTransitGatewayRouteTableResponse delete(ActionContext ctx, DeleteTransitGatewayRouteTableRequest request) {
        String id = existing(ctx, request.transitGatewayRouteTableId()).id();
        TransitGateways tgws = Checks.extension(ctx.cloud(), TransitGateways.class);
        dryRun(request.dryRun());
        return DeleteTransitGatewayRouteTableResponse.builder()
                .transitGatewayRouteTable(TransitGatewayShapes.table(tgws.deleteRouteTable(id))).build();
    }

    // ---- routes ---------------------------------------------------------------------------------------------

    CreateTransitGatewayRouteResponse createRoute(ActionContext ctx, CreateTransitGatewayRouteRequest request) {
        String attachment = unsetIfEmpty(request.transitGatewayAttachmentId());
        RouteArgs args = routeArgs(ctx, request.transitGatewayRouteTableId(), request.destinationCidrBlock(),
                attachment, request.blackhole());
        TransitGateways tgws = Checks.extension(ctx.cloud(), TransitGateways.class);
        dryRun(request.dryRun());
        TransitGatewayRoute made = tgws.createRoute(args.table(), request.destinationCidrBlock(), attachment,
                args.blackhole());
        return CreateTransitGatewayRouteResponse.builder().route(shape(tgws, made)).build();
    }

    ReplaceTransitGatewayRouteResponse replaceRoute(ActionContext ctx, ReplaceTransitGatewayRouteRequest request) {
        String attachment = unsetIfEmpty(request.transitGatewayAttachmentId());
        RouteArgs args = routeArgs(ctx, request.transitGatewayRouteTableId(), request.destinationCidrBlock(),
                attachment, request.blackhole());
        TransitGateways tgws = Checks.extension(ctx.cloud(), TransitGateways.class);
        dryRun(request.dryRun());
        TransitGatewayRoute replaced = tgws.replaceRoute(args.table(), request.destinationCidrBlock(), attachment,
                args.blackhole());
        return ReplaceTransitGatewayRouteResponse.builder().route(shape(tgws, replaced)).build();
    }

    DeleteTransitGatewayRouteResponse deleteRoute(ActionContext ctx, DeleteTransitGatewayRouteRequest request) {
        if (request.destinationCidrBlock() == null) {
            throw missing("DestinationCidrBlock");
        }
        String table = existing(ctx, request.transitGatewayRouteTableId()).id();
        TransitGateways tgws = Checks.extension(ctx.cloud(), TransitGateways.class);
        dryRun(request.dryRun());
        TransitGatewayRoute deleted = tgws.deleteRoute(table, request.destinationCidrBlock());
        return DeleteTransitGatewayRouteResponse.builder().route(shape(tgws, deleted)).build();
    }

    /** Terraform sends an empty TransitGatewayAttachmentId beside Blackhole=true; EC2 takes it as unset. */
    private static String unsetIfEmpty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private record RouteArgs(String table, boolean blackhole) {
    }

    private static RouteArgs routeArgs(ActionContext ctx, String tableId, String cidr, String attachmentId,
                                       Boolean blackhole) {
        if (cidr == null) {
            throw missing("DestinationCidrBlock");
        }
        boolean hole = Boolean.TRUE.equals(blackhole);
        if (hole && attachmentId != null) {
            throw Checks.combination("A route takes either Blackhole or TransitGatewayAttachmentId, not both");
        }
        if (!hole && attachmentId == null) {
            throw missing("TransitGatewayAttachmentId");
        }
        if (attachmentId != null) {
            Checks.checkId(attachmentId, Ec2IdKind.TRANSIT_GATEWAY_ATTACHMENT);
        }
        return new RouteArgs(existing(ctx, tableId).id(), hole);
    }

    SearchTransitGatewayRoutesResponse searchRoutes(ActionContext ctx, SearchTransitGatewayRoutesRequest request) {
        if (!request.hasFilters() || request.filters().isEmpty()) {
            throw missing("Filters");
        }
        Integer max = request.maxResults();
        if (max != null && (max < 5 || max > 1000)) {
            throw Checks.invalid("Value (" + max + ") for parameter MaxResults is invalid. Expecting a value between "
                    + "5 and 1000");
        }
        String table = existing(ctx, request.transitGatewayRouteTableId()).id();
        List<Filter> plain = new ArrayList<>();
        List<Predicate<TransitGatewayRoute>> searches = new ArrayList<>();
        Filter longest = null;
        for (Filter f : request.filters()) {
            String name = f.name() == null ? "" : f.name();
            if (name.equals(ROUTE_SEARCH + "longest-prefix-match")) {
                longest = f;
            } else if (name.startsWith(ROUTE_SEARCH)) {
                searches.add(routeSearch(name, f.hasValues() ? f.values() : List.of()));
            } else {
                plain.add(f);
            }
        }
        TransitGateways tgws = Checks.extension(ctx.cloud(), TransitGateways.class);
        List<TransitGatewayRoute> routes = tgws.routes(table).stream()
                .filter(r -> searches.stream().allMatch(s -> s.test(r))).toList();
        if (longest != null) {
            routes = longestPrefix(routes, longest.hasValues() ? longest.values() : List.of());
        }
        Map<String, TransitGatewayAttachment> attachments = attachments(tgws);
        List<software.amazon.awssdk.services.ec2.model.TransitGatewayRoute> out = new ArrayList<>();
        for (TransitGatewayRoute r : routes) {
            out.add(TransitGatewayShapes.route(r, attachments));
        }
        out = ROUTE_FILTERS.apply(out, plain);
        dryRun(request.dryRun());
        int limit = max == null ? 1000 : max;
        return SearchTransitGatewayRoutesResponse.builder()
                .routes(out.size() > limit ? out.subList(0, limit) : out)
                .additionalRoutesAvailable(out.size() > limit)
                .build();
    }

    /** EC2's CIDR searches: exact-match, subnet-of-match (routes inside the block), supernet-of-match. */
    private static Predicate<TransitGatewayRoute> routeSearch(String name, List<String> values) {
        List<Cidr> blocks = values.stream().map(TransitGatewayRouteTableActions::block).toList();
        return switch (name.substring(ROUTE_SEARCH.length())) {
            case "exact-match" -> r -> blocks.stream().anyMatch(b -> b.equals(block(r.destinationCidr())));
            case "subnet-of-match" -> r -> blocks.stream().anyMatch(b -> b.contains(block(r.destinationCidr())));
            case "supernet-of-match" -> r -> blocks.stream().anyMatch(b -> block(r.destinationCidr()).contains(b));
            default -> throw Ec2WireException.of(WireError.INVALID_PARAMETER_VALUE,
                    "The filter '" + name + "' is invalid");
        };
    }

    /** For each searched block, the route with the longest prefix that contains it. */
    private static List<TransitGatewayRoute> longestPrefix(List<TransitGatewayRoute> routes, List<String> values) {
        List<TransitGatewayRoute> out = new ArrayList<>();
        for (String value : values) {
            Cidr wanted = block(value);
            TransitGatewayRoute best = null;
            for (TransitGatewayRoute r : routes) {
                Cidr b = block(r.destinationCidr());
                if (b.contains(wanted) && (best == null
                        || b.prefixLength() > block(best.destinationCidr()).prefixLength())) {
                    best = r;
                }
            }
            if (best != null && !out.contains(best)) {
                out.add(best);
            }
        }
        return out;
    }

    private static Cidr block(String value) {
        try {
            return Cidr.parse(value);
        } catch (IllegalArgumentException e) {
            throw Checks.invalid("Value (" + value + ") is not a valid CIDR block: " + e.getMessage());
        }
    }

    private static software.amazon.awssdk.services.ec2.model.TransitGatewayRoute shape(TransitGateways tgws,
                                                                                       TransitGatewayRoute r) {
        return TransitGatewayShapes.route(r, attachments(tgws));
    }

    private static Map<String, TransitGatewayAttachment> attachments(TransitGateways tgws) {
        Map<String, TransitGatewayAttachment> out = new HashMap<>();
        for (TransitGatewayAttachment a : tgws.transitGatewayAttachments()) {
            out.put(a.id(), a);
        }
        return out;
    }

    // ---- associations and propagations ----------------------------------------------------------------------

    AssociateTransitGatewayRouteTableResponse associate(ActionContext ctx,
                                                        AssociateTransitGatewayRouteTableRequest request) {
        String table = existing(ctx, request.transitGatewayRouteTableId()).id();
        String attachment = TransitGatewayAttachmentActions.existing(ctx, request.transitGatewayAttachmentId(), null)
                .id();
        TransitGateways tgws = Checks.extension(ctx.cloud(), TransitGateways.class);
        dryRun(request.dryRun());
        TransitGatewayAttachment a = tgws.associate(table, attachment);
        return AssociateTransitGatewayRouteTableResponse.builder()
                .association(TransitGatewayShapes.association(table, a, "associating")).build();
    }

    DisassociateTransitGatewayRouteTableResponse disassociate(ActionContext ctx,
                                                              DisassociateTransitGatewayRouteTableRequest request) {
        String table = existing(ctx, request.transitGatewayRouteTableId()).id();
        String attachment = TransitGatewayAttachmentActions.existing(ctx, request.transitGatewayAttachmentId(), null)
                .id();
        TransitGateways tgws = Checks.extension(ctx.cloud(), TransitGateways.class);
        dryRun(request.dryRun());
        TransitGatewayAttachment a = tgws.disassociate(table, attachment);
        return DisassociateTransitGatewayRouteTableResponse.builder()
                .association(TransitGatewayShapes.association(table, a, "disassociating")).build();
    }

    GetTransitGatewayRouteTableAssociationsResponse associations(
            ActionContext ctx, GetTransitGatewayRouteTableAssociationsRequest request) {
        String table = existing(ctx, request.transitGatewayRouteTableId()).id();
        List<TransitGatewayRouteTableAssociation> out = new ArrayList<>();
        for (TransitGatewayAttachment a : sortedAttachments(ctx)) {
            if (table.equals(a.associatedRouteTableId())) {
                out.add(TransitGatewayRouteTableAssociation.builder().transitGatewayAttachmentId(a.id())
                        .resourceId(a.resourceId()).resourceType(a.resourceType()).state("associated").build());
            }
        }
        var matching = ASSOCIATION_FILTERS.apply(out, request.filters());
        dryRun(request.dryRun());
        var page = Paging.page(matching, request.maxResults(), request.nextToken(), 5, 1000,
                Paging.queryKey(request));
        return GetTransitGatewayRouteTableAssociationsResponse.builder().associations(page.items())
                .nextToken(page.nextToken()).build();
    }

    EnableTransitGatewayRouteTablePropagationResponse enablePropagation(
            ActionContext ctx, EnableTransitGatewayRouteTablePropagationRequest request) {
        if (request.transitGatewayRouteTableAnnouncementId() != null) {
            throw Checks.unsupportedParameter("TransitGatewayRouteTableAnnouncementId");
        }
        String table = existing(ctx, request.transitGatewayRouteTableId()).id();
        TransitGatewayAttachment a = TransitGatewayAttachmentActions.existing(ctx,
                request.transitGatewayAttachmentId(), null);
        TransitGateways tgws = Checks.extension(ctx.cloud(), TransitGateways.class);
        dryRun(request.dryRun());
        tgws.enablePropagation(table, a.id());
        return EnableTransitGatewayRouteTablePropagationResponse.builder()
                .propagation(TransitGatewayShapes.propagation(table, a, "enabling")).build();
    }

    DisableTransitGatewayRouteTablePropagationResponse disablePropagation(
            ActionContext ctx, DisableTransitGatewayRouteTablePropagationRequest request) {
        if (request.transitGatewayRouteTableAnnouncementId() != null) {
            throw Checks.unsupportedParameter("TransitGatewayRouteTableAnnouncementId");
        }
        String table = existing(ctx, request.transitGatewayRouteTableId()).id();
        TransitGatewayAttachment a = TransitGatewayAttachmentActions.existing(ctx,
                request.transitGatewayAttachmentId(), null);
        TransitGateways tgws = Checks.extension(ctx.cloud(), TransitGateways.class);
        dryRun(request.dryRun());
        tgws.disablePropagation(table, a.id());
        return DisableTransitGatewayRouteTablePropagationResponse.builder()
                .propagation(TransitGatewayShapes.propagation(table, a, "disabling")).build();
    }

    GetTransitGatewayRouteTablePropagationsResponse propagations(
            ActionContext ctx, GetTransitGatewayRouteTablePropagationsRequest request) {
        TransitGatewayRouteTable table = existing(ctx, request.transitGatewayRouteTableId());
        List<TransitGatewayRouteTablePropagation> out = new ArrayList<>();
        for (TransitGatewayAttachment a : sortedAttachments(ctx)) {
            if (table.propagatingAttachmentIds().contains(a.id())) {
                out.add(TransitGatewayRouteTablePropagation.builder().transitGatewayAttachmentId(a.id())
                        .resourceId(a.resourceId()).resourceType(a.resourceType()).state("enabled").build());
            }
        }
        var matching = PROPAGATION_FILTERS.apply(out, request.filters());
        dryRun(request.dryRun());
        var page = Paging.page(matching, request.maxResults(), request.nextToken(), 5, 1000,
                Paging.queryKey(request));
        return GetTransitGatewayRouteTablePropagationsResponse.builder()
                .transitGatewayRouteTablePropagations(page.items()).nextToken(page.nextToken()).build();
    }

    private static List<TransitGatewayAttachment> sortedAttachments(ActionContext ctx) {
        return IdSelection.sorted(Checks.extension(ctx.cloud(), TransitGateways.class).transitGatewayAttachments(),
                TransitGatewayAttachment::id);
    }

    /** The table, once the id is well-formed and names one the caller can see. */
    private static TransitGatewayRouteTable existing(ActionContext ctx, String id) {
        if (id == null) {
            throw missing("TransitGatewayRouteTableId");
        }
        Checks.checkId(id, KIND);
        return Checks.extension(ctx.cloud(), TransitGateways.class).transitGatewayRouteTables().stream()
                .filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> Checks.notFound(KIND.notFoundCode(), NOUN, List.of(id)));
    }
}
