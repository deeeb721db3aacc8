package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.missing;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.VpcEndpoint;
import io.altostratus.core.ec2.VpcEndpointService;
import io.altostratus.core.ec2.VpcEndpoints;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import io.altostratus.gateway.filter.Paging;
import io.altostratus.gateway.http.Ec2WireException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.CreateVpcEndpointRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpcEndpointResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVpcEndpointsRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVpcEndpointsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointServicesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointServicesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcEndpointsResponse;
import software.amazon.awssdk.services.ec2.model.DnsEntry;
import software.amazon.awssdk.services.ec2.model.ModifyVpcEndpointRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpcEndpointResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroupIdentifier;
import software.amazon.awssdk.services.ec2.model.ServiceDetail;
import software.amazon.awssdk.services.ec2.model.ServiceTypeDetail;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItem;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItemError;

/** VPC endpoints (Gateway and Interface) and the services they may reach in the region. */
public final class VpcEndpointActions implements ActionGroup {
    private static final Ec2IdKind KIND = Ec2IdKind.VPC_ENDPOINT;
    private static final String NOUN = "vpcEndpoint";

    private static final FilterSet<software.amazon.awssdk.services.ec2.model.VpcEndpoint> FILTERS =
            FilterSet.<software.amazon.awssdk.services.ec2.model.VpcEndpoint>builder()
                    .field("vpc-endpoint-id", software.amazon.awssdk.services.ec2.model.VpcEndpoint::vpcEndpointId)
                    .field("vpc-endpoint-type",
                            software.amazon.awssdk.services.ec2.model.VpcEndpoint::vpcEndpointTypeAsString)
                    .field("vpc-endpoint-state", software.amazon.awssdk.services.ec2.model.VpcEndpoint::stateAsString)
                    .field("vpc-id", software.amazon.awssdk.services.ec2.model.VpcEndpoint::vpcId)
                    .field("service-name", software.amazon.awssdk.services.ec2.model.VpcEndpoint::serviceName)
                    .field("ip-address-type",
                            software.amazon.awssdk.services.ec2.model.VpcEndpoint::ipAddressTypeAsString)
                    .tags(e -> SdkTags.fromSdk(e.tags()))
                    .build();

    private static final FilterSet<ServiceDetail> SERVICE_FILTERS = FilterSet.<ServiceDetail>builder()
            .field("service-name", ServiceDetail::serviceName)
            .field("service-type", s -> s.serviceType().stream().map(ServiceTypeDetail::serviceTypeAsString).toList())
            .field("owner", ServiceDetail::owner)
            .field("supported-ip-address-types", ServiceDetail::supportedIpAddressTypesAsStrings)
            .tags(s -> SdkTags.fromSdk(s.tags()))
            .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(CreateVpcEndpointRequest.class, this::create)
                .on(ModifyVpcEndpointRequest.class, this::modify)
                .on(DeleteVpcEndpointsRequest.class, this::delete)
                .on(DescribeVpcEndpointsRequest.class, this::describe)
                .on(DescribeVpcEndpointServicesRequest.class, this::describeServices);
    }

    CreateVpcEndpointResponse create(ActionContext ctx, CreateVpcEndpointRequest request) {
        if (request.vpcId() == null) {
            throw missing("VpcId");
        }
        if (request.serviceName() == null) {
            throw missing("ServiceName");
        }
        if (request.ipAddressType() != null || request.dnsOptions() != null || request.hasSubnetConfigurations()
                || request.serviceNetworkArn() != null || request.resourceConfigurationArn() != null
                || request.serviceRegion() != null) {
            throw Checks.unsupportedParameter("IpAddressType, DnsOptions, SubnetConfigurations, ServiceNetworkArn, "
                    + "ResourceConfigurationArn or ServiceRegion");
        }
        Map<String, String> tags = SdkTags.fromSpecifications(request.tagSpecifications(),
                ResourceType.VPC_ENDPOINT);
        VpcActions.find(ctx, request.vpcId());
        VpcEndpoints endpoints = Checks.extension(ctx.cloud(), VpcEndpoints.class);
        dryRun(request.dryRun());
        VpcEndpoint made = endpoints.createVpcEndpoint(new VpcEndpoints.Spec(request.vpcEndpointTypeAsString(),
                request.vpcId(), request.serviceName(), request.routeTableIds(), request.subnetIds(),
                request.securityGroupIds(), request.policyDocument(), request.privateDnsEnabled(), tags));
        return CreateVpcEndpointResponse.builder().vpcEndpoint(shape(ctx, made)).clientToken(request.clientToken())
                .build();
    }

    ModifyVpcEndpointResponse modify(ActionContext ctx, ModifyVpcEndpointRequest request) {
        if (request.ipAddressType() != null || request.dnsOptions() != null || request.hasSubnetConfigurations()) {
            throw Checks.unsupportedParameter("IpAddressType, DnsOptions or SubnetConfigurations");
        }
        if (Boolean.TRUE.equals(request.resetPolicy()) && request.policyDocument() != null) {
            throw Checks.combination("ResetPolicy and PolicyDocument cannot be given together");
        }
        VpcEndpoints endpoints = existing(ctx, request.vpcEndpointId());
        dryRun(request.dryRun());
        endpoints.modifyVpcEndpoint(request.vpcEndpointId(), new VpcEndpoints.Change(request.addRouteTableIds(),
                request.removeRouteTableIds(), request.addSubnetIds(), request.removeSubnetIds(),
                request.addSecurityGroupIds(), request.removeSecurityGroupIds(), request.policyDocument(),
                Boolean.TRUE.equals(request.resetPolicy()), request.privateDnsEnabled()));
        return ModifyVpcEndpointResponse.builder().returnValue(true).build();
    }

    DeleteVpcEndpointsResponse delete(ActionContext ctx, DeleteVpcEndpointsRequest request) {
        if (!request.hasVpcEndpointIds() || request.vpcEndpointIds().isEmpty()) {
            throw missing("VpcEndpointId");
        }
        Checks.checkIds(request.vpcEndpointIds(), KIND);
        VpcEndpoints endpoints = Checks.extension(ctx.cloud(), VpcEndpoints.class);
        dryRun(request.dryRun());
        List<String> known = endpoints.vpcEndpoints().stream().map(VpcEndpoint::id).toList();
        // Each id succeeds or fails on its own, as EC2 reports them.
        List<UnsuccessfulItem> failed = new ArrayList<>();
        for (String id : request.vpcEndpointIds()) {
            if (!known.contains(id)) {
                failed.add(UnsuccessfulItem.builder().resourceId(id).error(UnsuccessfulItemError.builder()
                        .code(KIND.notFoundCode()).message("The Vpc Endpoint Id '" + id + "' does not exist")
                        .build()).build());
                continue;
            }
            endpoints.deleteVpcEndpoint(id);
        }
        return DeleteVpcEndpointsResponse.builder().unsuccessful(failed).build();
    }

    DescribeVpcEndpointsResponse describe(ActionContext ctx, DescribeVpcEndpointsRequest request) {
        if (request.hasVpcEndpointIds()) {
            Checks.checkIds(request.vpcEndpointIds(), KIND);
        }
        List<VpcEndpoint> all = IdSelection.sorted(Checks.extension(ctx.cloud(), VpcEndpoints.class).vpcEndpoints(),
                VpcEndpoint::id);
        all = IdSelection.byIds(all, VpcEndpoint::id, request.vpcEndpointIds(), KIND.notFoundCode(), NOUN);
        List<software.amazon.awssdk.services.ec2.model.VpcEndpoint> out = new ArrayList<>(all.size());
        for (VpcEndpoint e : all) {
            out.add(shape(ctx, e));
        }
        var matching = FILTERS.apply(out, request.filters());
        dryRun(request.dryRun());
        Paging.Page<software.amazon.awssdk.services.ec2.model.VpcEndpoint> page = Paging.page(matching,
                request.maxResults(), request.nextToken(), 5, 1000, Paging.queryKey(request));
        return DescribeVpcEndpointsResponse.builder().vpcEndpoints(page.items()).nextToken(page.nextToken()).build();
    }

    DescribeVpcEndpointServicesResponse describeServices(ActionContext ctx,
                                                         DescribeVpcEndpointServicesRequest request) {
        if (request.hasServiceRegions() && request.serviceRegions().stream().anyMatch(r -> !r.equals(ctx.region()))) {
            throw Checks.unsupportedParameter("ServiceRegions (other than the endpoint's region)");
        }
        List<VpcEndpointService> services = Checks.extension(ctx.cloud(), VpcEndpoints.class).vpcEndpointServices();
        if (request.hasServiceNames() && !request.serviceNames().isEmpty()) {
            List<String> known = services.stream().map(VpcEndpointService::serviceName).toList();
            for (String name : request.serviceNames()) {
                if (!known.contains(name)) {
                    throw Ec2WireException.of("InvalidServiceName", "The Vpc Endpoint Service '" + name
                            + "' does not exist");
                }
            }
            services = services.stream().filter(s -> request.serviceNames().contains(s.serviceName())).toList();
        }
        List<ServiceDetail> details = new ArrayList<>();
        for (VpcEndpointService s : services) {
            details.add(detail(ctx, s));
        }
        var matching = SERVICE_FILTERS.apply(details, request.filters());
        dryRun(request.dryRun());
        Paging.Page<ServiceDetail> page = Paging.page(matching, request.maxResults(), request.nextToken(), 5, 1000,
                Paging.queryKey(request));
        return DescribeVpcEndpointServicesResponse.builder()
                .serviceNames(page.items().stream().map(ServiceDetail::serviceName).toList())
                .serviceDetails(page.items()).nextToken(page.nextToken()).build();
    }

    /** The backend's endpoints once the id is well-formed and names one of the caller's. */
    private static VpcEndpoints existing(ActionContext ctx, String id) {
        if (id == null) {
            throw missing("VpcEndpointId");
        }
        Checks.checkId(id, KIND);
        VpcEndpoints endpoints = Checks.extension(ctx.cloud(), VpcEndpoints.class);
        if (endpoints.vpcEndpoints().stream().noneMatch(e -> e.id().equals(id))) {
            throw Checks.notFound(KIND.notFoundCode(), NOUN, List.of(id));
        }
        return endpoints;
    }

    private static ServiceDetail detail(ActionContext ctx, VpcEndpointService s) {
        String shortName = s.serviceName().substring(("com.amazonaws." + ctx.region() + ".").length());
        return ServiceDetail.builder()
                .serviceName(s.serviceName())
                .serviceId("vpce-svc-" + Integer.toHexString(s.serviceName().hashCode() & 0x7fffffff))
                .serviceType(s.types().stream().map(t -> ServiceTypeDetail.builder().serviceType(t).build()).toList())
                .availabilityZones(s.zones())
                .owner("amazon")
                .baseEndpointDnsNames(shortName + "." + ctx.region() + ".vpce.amazonaws.com")
                .privateDnsName(s.privateDnsName())
                .vpcEndpointPolicySupported(true)
                .acceptanceRequired(false)
                .managesVpcEndpoints(false)
                .supportedIpAddressTypesWithStrings("ipv4")
                .tags(List.of())
                .build();
    }

    static software.amazon.awssdk.services.ec2.model.VpcEndpoint shape(ActionContext ctx, VpcEndpoint e) {
        boolean iface = VpcEndpoint.INTERFACE.equals(e.type());
        List<DnsEntry> dns = new ArrayList<>();
        if (iface) {
            String service = e.serviceName().substring(e.serviceName().lastIndexOf(ctx.region()) + ctx.region().length()
                    + 1);
            dns.add(DnsEntry.builder().dnsName(e.id() + "." + service + "." + ctx.region() + ".vpce.amazonaws.com")
                    .build());
            if (e.privateDnsEnabled()) {
                dns.add(DnsEntry.builder().dnsName(service + "." + ctx.region() + ".amazonaws.com").build());
            }
        }
        return software.amazon.awssdk.services.ec2.model.VpcEndpoint.builder()
                .vpcEndpointId(e.id())
                .vpcEndpointType(e.type())
                .vpcId(e.networkId())
                .serviceName(e.serviceName())
                .state(e.state())
                .policyDocument(e.policyDocument())
                .routeTableIds(e.routeTableIds())
                .subnetIds(e.subnetIds())
                .groups(e.securityGroupIds().stream().map(g -> SecurityGroupIdentifier.builder().groupId(g).build())
                        .toList())
                .networkInterfaceIds(e.networkInterfaceIds())
                .privateDnsEnabled(e.privateDnsEnabled())
                .requesterManaged(false)
                .ipAddressType(iface ? "ipv4" : null)
                .dnsEntries(dns)
                .creationTimestamp(e.createTime())
                .ownerId(e.ownerId())
                .tags(SdkTags.toSdk(e.tags()))
                .build();
    }
}
