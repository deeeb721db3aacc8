package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.missing;

import io.altostratus.core.ec2.Ec2AccountSettings;
import io.altostratus.core.ec2.Ec2AccountSettings.MetadataDefaults;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.DisableSerialConsoleAccessRequest;
import software.amazon.awssdk.services.ec2.model.DisableSerialConsoleAccessResponse;
import software.amazon.awssdk.services.ec2.model.EnableSerialConsoleAccessRequest;
import software.amazon.awssdk.services.ec2.model.EnableSerialConsoleAccessResponse;
import software.amazon.awssdk.services.ec2.model.GetDefaultCreditSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.GetDefaultCreditSpecificationResponse;
import software.amazon.awssdk.services.ec2.model.GetInstanceMetadataDefaultsRequest;
import software.amazon.awssdk.services.ec2.model.GetInstanceMetadataDefaultsResponse;
import software.amazon.awssdk.services.ec2.model.GetSerialConsoleAccessStatusRequest;
import software.amazon.awssdk.services.ec2.model.GetSerialConsoleAccessStatusResponse;
import software.amazon.awssdk.services.ec2.model.InstanceFamilyCreditSpecification;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataDefaultsResponse;
import software.amazon.awssdk.services.ec2.model.ManagedBy;
import software.amazon.awssdk.services.ec2.model.ModifyDefaultCreditSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.ModifyDefaultCreditSpecificationResponse;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceMetadataDefaultsRequest;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceMetadataDefaultsResponse;

/**
 * The account's settings in the region: serial console access, the instance metadata defaults and the default CPU
 * credit option of each burstable family. They are stored and answered back; the backend decides whether launches
 * read them.
 */
public final class AccountSettingsActions implements ActionGroup {

    @Override
    public void register(ActionRegistry registry) {
        registry.on(GetSerialConsoleAccessStatusRequest.class, this::serialConsoleStatus)
                .on(EnableSerialConsoleAccessRequest.class, this::enableSerialConsole)
                .on(DisableSerialConsoleAccessRequest.class, this::disableSerialConsole)
                .on(GetInstanceMetadataDefaultsRequest.class, this::metadataDefaults)
                .on(ModifyInstanceMetadataDefaultsRequest.class, this::modifyMetadataDefaults)
                .on(GetDefaultCreditSpecificationRequest.class, this::creditDefault)
                .on(ModifyDefaultCreditSpecificationRequest.class, this::modifyCreditDefault);
    }

    GetSerialConsoleAccessStatusResponse serialConsoleStatus(ActionContext ctx,
                                                             GetSerialConsoleAccessStatusRequest request) {
        Ec2AccountSettings settings = settings(ctx);
        dryRun(request.dryRun());
        return GetSerialConsoleAccessStatusResponse.builder()
                .serialConsoleAccessEnabled(settings.serialConsoleAccess()).managedBy(ManagedBy.ACCOUNT).build();
    }

    EnableSerialConsoleAccessResponse enableSerialConsole(ActionContext ctx, EnableSerialConsoleAccessRequest request) {
        Ec2AccountSettings settings = settings(ctx);
        dryRun(request.dryRun());
        return EnableSerialConsoleAccessResponse.builder()
                .serialConsoleAccessEnabled(settings.setSerialConsoleAccess(true)).build();
    }

    DisableSerialConsoleAccessResponse disableSerialConsole(ActionContext ctx,
                                                            DisableSerialConsoleAccessRequest request) {
        Ec2AccountSettings settings = settings(ctx);
        dryRun(request.dryRun());
        return DisableSerialConsoleAccessResponse.builder()
                .serialConsoleAccessEnabled(settings.setSerialConsoleAccess(false)).build();
    }

    GetInstanceMetadataDefaultsResponse metadataDefaults(ActionContext ctx,
                                                         GetInstanceMetadataDefaultsRequest request) {
        Ec2AccountSettings settings = settings(ctx);
        dryRun(request.dryRun());
        MetadataDefaults d = settings.metadataDefaults();
        return GetInstanceMetadataDefaultsResponse.builder().accountLevel(InstanceMetadataDefaultsResponse.builder()
                .httpTokens(d.httpTokens()).httpPutResponseHopLimit(d.httpPutResponseHopLimit())
                .httpEndpoint(d.httpEndpoint()).instanceMetadataTags(d.instanceMetadataTags())
                .managedBy(ManagedBy.ACCOUNT).build()).build();
    }

    ModifyInstanceMetadataDefaultsResponse modifyMetadataDefaults(ActionContext ctx,
                                                                  ModifyInstanceMetadataDefaultsRequest request) {
        if (request.httpTokensEnforced() != null) {
            throw Checks.unsupportedParameter("HttpTokensEnforced");
        }
        Ec2AccountSettings settings = settings(ctx);
        if (request.httpTokens() == null && request.httpPutResponseHopLimit() == null
                && request.httpEndpoint() == null && request.instanceMetadataTags() == null) {
            throw missing("HttpTokens, HttpPutResponseHopLimit, HttpEndpoint or InstanceMetadataTags");
        }
        MetadataDefaults change = new MetadataDefaults(request.httpTokensAsString(),
                request.httpPutResponseHopLimit(), request.httpEndpointAsString(),
                request.instanceMetadataTagsAsString());
        dryRun(request.dryRun());
        settings.modifyMetadataDefaults(change);
        return ModifyInstanceMetadataDefaultsResponse.builder().returnValue(true).build();
    }

    GetDefaultCreditSpecificationResponse creditDefault(ActionContext ctx,
                                                        GetDefaultCreditSpecificationRequest request) {
        String family = family(request.instanceFamilyAsString());
        Map<String, String> defaults = settings(ctx).defaultCreditSpecifications();
        String credits = defaults.get(family);
        if (credits == null) {
            throw Checks.invalid("Value (" + family + ") for parameter InstanceFamily is invalid. Valid values: "
                    + String.join(", ", defaults.keySet()));
        }
        dryRun(request.dryRun());
        return GetDefaultCreditSpecificationResponse.builder().instanceFamilyCreditSpecification(
                InstanceFamilyCreditSpecification.builder().instanceFamily(family).cpuCredits(credits).build())
                .build();
    }

    ModifyDefaultCreditSpecificationResponse modifyCreditDefault(ActionContext ctx,
                                                                 ModifyDefaultCreditSpecificationRequest request) {
        String family = family(request.instanceFamilyAsString());
        if (request.cpuCredits() == null) {
            throw missing("CpuCredits");
        }
        Ec2AccountSettings settings = settings(ctx);
        dryRun(request.dryRun());
        String credits = settings.setDefaultCreditSpecification(family, request.cpuCredits());
        return ModifyDefaultCreditSpecificationResponse.builder().instanceFamilyCreditSpecification(
                InstanceFamilyCreditSpecification.builder().instanceFamily(family).cpuCredits(credits).build())
                .build();
    }

    private static String family(String family) {
        if (family == null) {
            throw missing("InstanceFamily");
        }
        return family;
    }

    private static Ec2AccountSettings settings(ActionContext ctx) {
        return Checks.extension(ctx.cloud(), Ec2AccountSettings.class);
    }
}
