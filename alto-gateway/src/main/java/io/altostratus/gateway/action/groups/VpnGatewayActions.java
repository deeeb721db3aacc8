package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.missing;

import io.altostratus.core.ec2.CustomerGateway;
import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.SiteToSiteVpn;
import io.altostratus.core.ec2.VpnGateway;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.AttachVpnGatewayRequest;
import software.amazon.awssdk.services.ec2.model.AttachVpnGatewayResponse;
import software.amazon.awssdk.services.ec2.model.CreateCustomerGatewayRequest;
import software.amazon.awssdk.services.ec2.model.CreateCustomerGatewayResponse;
import software.amazon.awssdk.services.ec2.model.CreateVpnGatewayRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpnGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DeleteCustomerGatewayRequest;
import software.amazon.awssdk.services.ec2.model.DeleteCustomerGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVpnGatewayRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVpnGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DescribeCustomerGatewaysRequest;
import software.amazon.awssdk.services.ec2.model.DescribeCustomerGatewaysResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpnGatewaysRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpnGatewaysResponse;
import software.amazon.awssdk.services.ec2.model.DetachVpnGatewayRequest;
import software.amazon.awssdk.services.ec2.model.DetachVpnGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DisableVgwRoutePropagationRequest;
import software.amazon.awssdk.services.ec2.model.DisableVgwRoutePropagationResponse;
import software.amazon.awssdk.services.ec2.model.EnableVgwRoutePropagationRequest;
import software.amazon.awssdk.services.ec2.model.EnableVgwRoutePropagationResponse;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.VpcAttachment;

/**
 * The two ends of a site-to-site VPN: customer gateways (the customer's device) and virtual private gateways
 * (Amazon's side, attached to a VPC), and route propagation from a virtual private gateway into route tables.
 */
public final class VpnGatewayActions implements ActionGroup {
    private static final String CGW_NOUN = "customerGateway";
    private static final String VGW_NOUN = "vpnGateway";

    private static final FilterSet<software.amazon.awssdk.services.ec2.model.CustomerGateway> CGW_FILTERS =
            FilterSet.<software.amazon.awssdk.services.ec2.model.CustomerGateway>builder()
                    .field("bgp-asn", software.amazon.awssdk.services.ec2.model.CustomerGateway::bgpAsn)
                    .field("customer-gateway-id",
                            software.amazon.awssdk.services.ec2.model.CustomerGateway::customerGatewayId)
                    .field("ip-address", software.amazon.awssdk.services.ec2.model.CustomerGateway::ipAddress)
                    .field("state", software.amazon.awssdk.services.ec2.model.CustomerGateway::state)
                    .field("type", software.amazon.awssdk.services.ec2.model.CustomerGateway::type)
                    .tags(g -> SdkTags.fromSdk(g.tags()))
                    .build();

    private static final FilterSet<software.amazon.awssdk.services.ec2.model.VpnGateway> VGW_FILTERS =
            FilterSet.<software.amazon.awssdk.services.ec2.model.VpnGateway>builder()
                    .field("amazon-side-asn", software.amazon.awssdk.services.ec2.model.VpnGateway::amazonSideAsn)
                    .field("attachment.state", g -> g.vpcAttachments().stream().map(VpcAttachment::stateAsString)
                            .toList())
                    .field("attachment.vpc-id", g -> g.vpcAttachments().stream().map(VpcAttachment::vpcId).toList())
                    .field("availability-zone", software.amazon.awssdk.services.ec2.model.VpnGateway::availabilityZone)
                    .field("state", software.amazon.awssdk.services.ec2.model.VpnGateway::stateAsString)
                    .field("type", software.amazon.awssdk.services.ec2.model.VpnGateway::typeAsString)
                    .field("vpn-gateway-id", software.amazon.awssdk.services.ec2.model.VpnGateway::vpnGatewayId)
                    .tags(g -> SdkTags.fromSdk(g.tags()))
                    .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(CreateCustomerGatewayRequest.class, this::createCustomerGateway)
                .on(DeleteCustomerGatewayRequest.class, this::deleteCustomerGateway)
                .on(DescribeCustomerGatewaysRequest.class, this::describeCustomerGateways)
                .on(CreateVpnGatewayRequest.class, this::createVpnGateway)
                .on(DeleteVpnGatewayRequest.class, this::deleteVpnGateway)
                .on(DescribeVpnGatewaysRequest.class, this::describeVpnGateways)
                .on(AttachVpnGatewayRequest.class, this::attachVpnGateway)
                .on(DetachVpnGatewayRequest.class, this::detachVpnGateway)
                .on(EnableVgwRoutePropagationRequest.class, this::enablePropagation)
                .on(DisableVgwRoutePropagationRequest.class, this::disablePropagation);
    }

    // ---- customer gateways ----------------------------------------------------------------------------------

    CreateCustomerGatewayResponse createCustomerGateway(ActionContext ctx, CreateCustomerGatewayRequest request) {
        if (request.type() == null) {
            throw missing("Type");
        }
        if (!CustomerGateway.TYPE_IPSEC.equals(request.typeAsString())) {
            throw Checks.invalid("Value (" + request.typeAsString() + ") for parameter type is invalid. Valid"
                    + " values: ipsec.1");
        }
        if (request.certificateArn() != null) {
            throw Checks.unsupportedParameter("CertificateArn (certificate-authenticated customer gateways)");
        }
        if (request.bgpAsn() != null && request.bgpAsnExtended() != null) {
            throw Checks.combination("Specify either BgpAsn or BgpAsnExtended, not both");
        }
        String address = request.ipAddress() != null ? request.ipAddress() : request.publicIp();
        if (address == null) {
            throw missing("IpAddress");
        }
        // EC2 takes 65000 when no ASN is given.
        long asn = request.bgpAsnExtended() != null ? request.bgpAsnExtended()
                : request.bgpAsn() != null ? request.bgpAsn() : 65000L;
        Map<String, String> tags = SdkTags.fromSpecifications(request.tagSpecifications(),
                ResourceType.CUSTOMER_GATEWAY);
        SiteToSiteVpn vpn = Checks.extension(ctx.cloud(), SiteToSiteVpn.class);
        dryRun(request.dryRun());
        CustomerGateway made = vpn.createCustomerGateway(asn, address, request.deviceName(), tags);
        return CreateCustomerGatewayResponse.builder().customerGateway(shape(made)).build();
    }

    DeleteCustomerGatewayResponse deleteCustomerGateway(ActionContext ctx, DeleteCustomerGatewayRequest request) {
        SiteToSiteVpn vpn = Checks.extension(ctx.cloud(), SiteToSiteVpn.class);
        findCustomerGateway(vpn, request.customerGatewayId());
        dryRun(request.dryRun());
        vpn.deleteCustomerGateway(request.customerGatewayId());
        return DeleteCustomerGatewayResponse.builder().build();
    }

    DescribeCustomerGatewaysResponse describeCustomerGateways(ActionContext ctx,
                                                              DescribeCustomerGatewaysRequest request) {
        if (request.hasCustomerGatewayIds()) {
            Checks.checkIds(request.customerGatewayIds(), Ec2IdKind.CUSTOMER_GATEWAY);
        }
        List<CustomerGateway> all = IdSelection.sorted(Checks.extension(ctx.cloud(), SiteToSiteVpn.class)
                .customerGateways(), CustomerGateway::id);
        all = IdSelection.byIds(all, CustomerGateway::id, request.customerGatewayIds(),
                Ec2IdKind.CUSTOMER_GATEWAY.notFoundCode(), CGW_NOUN);
        List<software.amazon.awssdk.services.ec2.model.CustomerGateway> out = new ArrayList<>(all.size());
        for (CustomerGateway g : all) {
            out.add(shape(g));
        }
        var matching = CGW_FILTERS.apply(out, request.filters());
        dryRun(request.dryRun());
        return DescribeCustomerGatewaysResponse.builder().customerGateways(matching).build();
    }

    static CustomerGateway findCustomerGateway(SiteToSiteVpn vpn, String id) {
        if (id == null) {
            throw missing("CustomerGatewayId");
        }
        Checks.checkId(id, Ec2IdKind.CUSTOMER_GATEWAY);
        return vpn.customerGateways().stream().filter(g -> g.id().equals(id)).findFirst()
                .orElseThrow(() -> Checks.notFound(Ec2IdKind.CUSTOMER_GATEWAY.notFoundCode(), CGW_NOUN, List.of(id)));
    }

    static software.amazon.awssdk.services.ec2.model.CustomerGateway shape(CustomerGateway g) {
        return software.amazon.awssdk.services.ec2.model.CustomerGateway.builder()
                .customerGatewayId(g.id())
                .bgpAsn(Long.toString(g.bgpAsn()))
                .bgpAsnExtended(Long.toString(g.bgpAsn()))
                .ipAddress(g.ipAddress())
                .type(g.type())
                .state(g.state())
                .deviceName(g.deviceName())
                .tags(SdkTags.toSdk(g.tags()))
                .build();
    }

    // ---- virtual private gateways ---------------------------------------------------------------------------

    CreateVpnGatewayResponse createVpnGateway(ActionContext ctx, CreateVpnGatewayRequest request) {
        if (request.type() == null) {
            throw missing("Type");
        }
        if (!CustomerGateway.TYPE_IPSEC.equals(request.typeAsString())) {
            throw Checks.invalid("Value (" + request.typeAsString() + ") for parameter type is invalid. Valid"
                    + " values: ipsec.1");
        }
        // AvailabilityZone is accepted and not kept: EC2 itself no longer places these gateways in a zone.
        Map<String, String> tags = SdkTags.fromSpecifications(request.tagSpecifications(), ResourceType.VPN_GATEWAY);
        SiteToSiteVpn vpn = Checks.extension(ctx.cloud(), SiteToSiteVpn.class);
        dryRun(request.dryRun());
        return CreateVpnGatewayResponse.builder()
                .vpnGateway(shape(vpn.createVpnGateway(request.amazonSideAsn(), tags))).build();
    }

    DeleteVpnGatewayResponse deleteVpnGateway(ActionContext ctx, DeleteVpnGatewayRequest request) {
        SiteToSiteVpn vpn = Checks.extension(ctx.cloud(), SiteToSiteVpn.class);
        findVpnGateway(vpn, request.vpnGatewayId());
        dryRun(request.dryRun());
        vpn.deleteVpnGateway(request.vpnGatewayId());
        return DeleteVpnGatewayResponse.builder().build();
    }

    DescribeVpnGatewaysResponse describeVpnGateways(ActionContext ctx, DescribeVpnGatewaysRequest request) {
        if (request.hasVpnGatewayIds()) {
            Checks.checkIds(request.vpnGatewayIds(), Ec2IdKind.VPN_GATEWAY);
        }
        List<VpnGateway> all = IdSelection.sorted(Checks.extension(ctx.cloud(), SiteToSiteVpn.class)
                .vpnGateways(), VpnGateway::id);
        all = IdSelection.byIds(all, VpnGateway::id, request.vpnGatewayIds(),
                Ec2IdKind.VPN_GATEWAY.notFoundCode(), VGW_NOUN);
        List<software.amazon.awssdk.services.ec2.model.VpnGateway> out = new ArrayList<>(all.size());
        for (VpnGateway g : all) {
            out.add(shape(g));
        }
        var matching = VGW_FILTERS.apply(out, request.filters());
        dryRun(request.dryRun());
        return DescribeVpnGatewaysResponse.builder().vpnGateways(matching).build();
    }

    AttachVpnGatewayResponse attachVpnGateway(ActionContext ctx, AttachVpnGatewayRequest request) {
        SiteToSiteVpn vpn = Checks.extension(ctx.cloud(), SiteToSiteVpn.class);
        findVpnGateway(vpn, request.vpnGatewayId());
        if (request.vpcId() == null) {
            throw missing("VpcId");
        }
        VpcActions.find(ctx, request.vpcId());
        dryRun(request.dryRun());
        VpnGateway.Attachment a = vpn.attachVpnGateway(request.vpnGatewayId(), request.vpcId());
        return AttachVpnGatewayResponse.builder().vpcAttachment(attachment(a)).build();
    }

    DetachVpnGatewayResponse detachVpnGateway(ActionContext ctx, DetachVpnGatewayRequest request) {
        SiteToSiteVpn vpn = Checks.extension(ctx.cloud(), SiteToSiteVpn.class);
        findVpnGateway(vpn, request.vpnGatewayId());
        if (request.vpcId() == null) {
            throw missing("VpcId");
        }
        VpcActions.find(ctx, request.vpcId());
        dryRun(request.dryRun());
        vpn.detachVpnGateway(request.vpnGatewayId(), request.vpcId());
        return DetachVpnGatewayResponse.builder().build();
    }

    static VpnGateway findVpnGateway(SiteToSiteVpn vpn, String id) {
        if (id == null) {
            throw missing("VpnGatewayId");
        }
        Checks.checkId(id, Ec2IdKind.VPN_GATEWAY);
        return vpn.vpnGateways().stream().filter(g -> g.id().equals(id)).findFirst()
                .orElseThrow(() -> Checks.notFound(Ec2IdKind.VPN_GATEWAY.notFoundCode(), VGW_NOUN, List.of(id)));
    }

    static software.amazon.awssdk.services.ec2.model.VpnGateway shape(VpnGateway g) {
        List<VpcAttachment> attachments = new ArrayList<>();
        for (VpnGateway.Attachment a : g.attachments()) {
            attachments.add(attachment(a));
        }
        return software.amazon.awssdk.services.ec2.model.VpnGateway.builder()
                .vpnGatewayId(g.id())
                .type(g.type())
                .state(g.state())
                .amazonSideAsn(g.amazonSideAsn())
                .vpcAttachments(attachments)
                .tags(SdkTags.toSdk(g.tags()))
                .build();
    }

    private static VpcAttachment attachment(VpnGateway.Attachment a) {
        return VpcAttachment.builder().vpcId(a.vpcId()).state(a.state()).build();
    }

    // ---- route propagation ----------------------------------------------------------------------------------

    EnableVgwRoutePropagationResponse enablePropagation(ActionContext ctx, EnableVgwRoutePropagationRequest request) {
        SiteToSiteVpn vpn = propagationChecks(ctx, request.routeTableId(), request.gatewayId());
        dryRun(request.dryRun());
        vpn.enableVgwRoutePropagation(request.routeTableId(), request.gatewayId());
        return EnableVgwRoutePropagationResponse.builder().build();
    }

    DisableVgwRoutePropagationResponse disablePropagation(ActionContext ctx,
                                                          DisableVgwRoutePropagationRequest request) {
        SiteToSiteVpn vpn = propagationChecks(ctx, request.routeTableId(), request.gatewayId());
        dryRun(request.dryRun());
        vpn.disableVgwRoutePropagation(request.routeTableId(), request.gatewayId());
        return DisableVgwRoutePropagationResponse.builder().build();
    }

    private static SiteToSiteVpn propagationChecks(ActionContext ctx, String routeTableId, String gatewayId) {
        if (routeTableId == null) {
            throw missing("RouteTableId");
        }
        if (gatewayId == null) {
            throw missing("GatewayId");
        }
        Checks.checkId(routeTableId, Ec2IdKind.ROUTE_TABLE);
        SiteToSiteVpn vpn = Checks.extension(ctx.cloud(), SiteToSiteVpn.class);
        findVpnGateway(vpn, gatewayId);
        return vpn;
    }

    /** The gateways propagating into each table, for DescribeRouteTables; none where the backend has no VPN. */
    static Map<String, List<String>> propagations(ActionContext ctx) {
        return ctx.cloud().extension(SiteToSiteVpn.class).map(SiteToSiteVpn::vgwRoutePropagations).orElse(Map.of());
    }
}
