package io.altostratus.gateway.action.groups;

import io.altostratus.core.Cloud;
import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.Ec2MetadataOptions;
import io.altostratus.core.ec2.InstanceMetadataOptions;
import io.altostratus.core.ec2.MetadataOptionsChange;
import io.altostratus.core.spi.Capability;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsRequest;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceMetadataOptionsRequest;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceMetadataOptionsResponse;

/**
 * Instance metadata options (IMDS): ModifyInstanceMetadataOptions, and the conversions RunInstances and
 * DescribeInstances use. The options are the backend's state ({@link Capability#INSTANCE_METADATA_OPTIONS}); the
 * gateway keeps no copy. Values are checked by the core ({@link InstanceMetadataOptions#parseHttpTokens} and friends),
 * whose {@code InvalidParameterValue} reaches the client unchanged.
 */
public final class InstanceMetadataActions implements ActionGroup {

    /**
     * Changes are applied at once by the backends this gateway serves, so the state is always {@code applied}
     * (EC2 itself answers {@code pending} for a while on a running instance; clients wait for {@code applied}).
     */
    private static final String APPLIED = "applied";

    /** Most instances have the defaults; describing a large fleet then shares one answer object. */
    private static final InstanceMetadataOptionsResponse DEFAULTS = build(InstanceMetadataOptions.defaults());

    @Override
    public void register(ActionRegistry registry) {
        registry.on(ModifyInstanceMetadataOptionsRequest.class, this::modifyInstanceMetadataOptions);
    }

    ModifyInstanceMetadataOptionsResponse modifyInstanceMetadataOptions(ActionContext ctx,
                                                                        ModifyInstanceMetadataOptionsRequest request) {
        String id = Checks.checkId(request.instanceId(), Ec2IdKind.INSTANCE);
        MetadataOptionsChange change = change(request);
        Cloud cloud = ctx.cloud();
        if (!cloud.supports(Capability.INSTANCE_METADATA_OPTIONS)) {
            throw Checks.unsupportedByBackend("Changing instance metadata options");
        }
        cloud.instance(id); // an unknown id (or another account's) fails before a dry run could pass
        Checks.dryRun(request.dryRun());
        InstanceMetadataOptions now = Checks.extension(cloud, Ec2MetadataOptions.class)
                .modifyMetadataOptions(id, change);
        return ModifyInstanceMetadataOptionsResponse.builder()
                .instanceId(id)
                .instanceMetadataOptions(toSdk(now))
                .build();
    }

    /** What a ModifyInstanceMetadataOptions call names; what it leaves out stays as it is. */
    static MetadataOptionsChange change(ModifyInstanceMetadataOptionsRequest r) {
        return new MetadataOptionsChange(
                r.httpTokensAsString() == null ? null : InstanceMetadataOptions.parseHttpTokens(r.httpTokensAsString()),
                r.httpPutResponseHopLimit(),
                state("HttpEndpoint", r.httpEndpointAsString()),
                state("HttpProtocolIpv6", r.httpProtocolIpv6AsString()),
                state("InstanceMetadataTags", r.instanceMetadataTagsAsString()));
    }

    private static Boolean state(String parameter, String value) {
        return value == null ? null : InstanceMetadataOptions.parseState(parameter, value);
    }

    /**
     * The options a RunInstances call asks for, EC2's defaults filling what it leaves out; null when it asks for
     * none. A backend without metadata options takes only EC2's defaults (which is what its instances report).
     */
    static InstanceMetadataOptions forLaunch(Cloud cloud, InstanceMetadataOptionsRequest asked) {
        if (asked == null) {
            return null;
        }
        InstanceMetadataOptions options = InstanceMetadataOptions.defaults();
        if (asked.httpTokensAsString() != null) {
            options = options.withTokensRequired(InstanceMetadataOptions.parseHttpTokens(asked.httpTokensAsString()));
        }
        if (asked.httpPutResponseHopLimit() != null) {
            options = options.withHopLimit(asked.httpPutResponseHopLimit());
        }
        if (asked.httpEndpointAsString() != null) {
            options = options.withEndpointEnabled(
                    InstanceMetadataOptions.parseState("HttpEndpoint", asked.httpEndpointAsString()));
        }
        if (asked.httpProtocolIpv6AsString() != null) {
            options = options.withIpv6EndpointEnabled(
                    InstanceMetadataOptions.parseState("HttpProtocolIpv6", asked.httpProtocolIpv6AsString()));
        }
        if (asked.instanceMetadataTagsAsString() != null) {
            options = options.withTagsEnabled(
                    InstanceMetadataOptions.parseState("InstanceMetadataTags", asked.instanceMetadataTagsAsString()));
        }
        if (!cloud.supports(Capability.INSTANCE_METADATA_OPTIONS)) {
            if (!options.equals(InstanceMetadataOptions.defaults())) {
                throw Checks.unsupported("The parameter MetadataOptions (other than EC2's defaults) is not supported "
                        + "by the '" + cloud.providerName() + "' backend of this gateway.");
            }
            return null;
        }
        return options;
    }

    /** The options as EC2 answers them; a backend that reports none has EC2's defaults. */
    static InstanceMetadataOptionsResponse toSdk(InstanceMetadataOptions options) {
        if (options == null || options.equals(InstanceMetadataOptions.defaults())) {
            return DEFAULTS;
        }
        return build(options);
    }

    private static InstanceMetadataOptionsResponse build(InstanceMetadataOptions o) {
        return InstanceMetadataOptionsResponse.builder()
                .state(APPLIED)
                .httpTokens(o.httpTokens())
                .httpPutResponseHopLimit(o.hopLimit())
                .httpEndpoint(o.httpEndpoint())
                .httpProtocolIpv6(o.httpProtocolIpv6())
                .instanceMetadataTags(o.instanceMetadataTags())
                .build();
    }
}
