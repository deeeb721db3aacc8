package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.combination;
import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.invalid;
import static io.altostratus.gateway.action.groups.Checks.missing;
import static io.altostratus.gateway.action.groups.Checks.unsupportedByBackend;

import io.altostratus.core.ec2.DefaultVpcs;
import io.altostratus.core.ext.Networks;
import io.altostratus.core.model.Network;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.model.Zone;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.http.Ec2WireException;
import software.amazon.awssdk.services.ec2.model.CreateDefaultSubnetRequest;
import software.amazon.awssdk.services.ec2.model.CreateDefaultSubnetResponse;
import software.amazon.awssdk.services.ec2.model.CreateDefaultVpcRequest;
import software.amazon.awssdk.services.ec2.model.CreateDefaultVpcResponse;

/** Making the default VPC, and default subnets in it, again after they were deleted. */
public final class DefaultVpcActions implements ActionGroup {

    @Override
    public void register(ActionRegistry registry) {
        registry.on(CreateDefaultVpcRequest.class, this::createDefaultVpc)
                .on(CreateDefaultSubnetRequest.class, this::createDefaultSubnet);
    }

    CreateDefaultVpcResponse createDefaultVpc(ActionContext ctx, CreateDefaultVpcRequest request) {
        DefaultVpcs defaults = Checks.extension(ctx.cloud(), DefaultVpcs.class);
        // Checked here as well as in the backend so that DryRun answers as the call would.
        Network existing = Checks.extension(ctx.cloud(), Networks.class).networks().stream()
                .filter(Network::isDefault).findFirst().orElse(null);
        if (existing != null) {
            throw Ec2WireException.of("DefaultVpcAlreadyExists", "A Default VPC already exists for this account in "
                    + "this region.");
        }
        dryRun(request.dryRun());
        Network made = defaults.createDefaultVpc();
        return CreateDefaultVpcResponse.builder().vpc(NetworkShapes.vpc(ctx, made)).build();
    }

    CreateDefaultSubnetResponse createDefaultSubnet(ActionContext ctx, CreateDefaultSubnetRequest request) {
        if (Boolean.TRUE.equals(request.ipv6Native())) {
            throw unsupportedByBackend("IPv6-only default subnets");
        }
        String zone = zone(ctx, request.availabilityZone(), request.availabilityZoneId());
        DefaultVpcs defaults = Checks.extension(ctx.cloud(), DefaultVpcs.class);
        Network vpc = Checks.extension(ctx.cloud(), Networks.class).networks().stream()
                .filter(Network::isDefault).findFirst()
                .orElseThrow(() -> Ec2WireException.of("DefaultVpcDoesNotExist",
                        "No default VPC for this user. GroupName is only supported for EC2-Classic and default VPC."));
        for (Subnet s : Checks.extension(ctx.cloud(), Networks.class).subnets()) {
            if (s.networkId().equals(vpc.id()) && s.defaultForZone() && zone.equals(s.zone())) {
                throw Ec2WireException.of("DefaultSubnetAlreadyInAvailabilityZone", "Default subnet " + s.id()
                        + " already exists in availability zone " + zone);
            }
        }
        dryRun(request.dryRun());
        Subnet made = defaults.createDefaultSubnet(zone);
        return CreateDefaultSubnetResponse.builder()
                .subnet(NetworkShapes.subnet(ctx, made, ZoneIds.byName(ctx.cloud()))).build();
    }

    private static String zone(ActionContext ctx, String name, String zoneId) {
        if (name == null && zoneId == null) {
            throw missing("availabilityZone");
        }
        for (Zone z : ctx.cloud().zones()) {
            boolean byName = z.name().equals(name);
            boolean byId = z.zoneId().equals(zoneId);
            if (name != null && zoneId != null && byName != byId) {
                if (byName || byId) {
                    throw combination("The parameters availabilityZone (" + name + ") and availabilityZoneId ("
                            + zoneId + ") name different zones");
                }
                continue;
            }
            if (byName || byId) {
                return z.name();
            }
        }
        throw invalid("Value (" + (name != null ? name : zoneId) + ") for parameter availabilityZone is invalid. "
                + "Subnets can currently only be created in the zones of " + ctx.region() + ".");
    }
}
