package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.dryRun;

import io.altostratus.core.ec2.EbsEncryption;
import io.altostratus.core.ec2.EbsEncryptionDefaults;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import software.amazon.awssdk.services.ec2.model.DisableEbsEncryptionByDefaultRequest;
import software.amazon.awssdk.services.ec2.model.DisableEbsEncryptionByDefaultResponse;
import software.amazon.awssdk.services.ec2.model.EnableEbsEncryptionByDefaultRequest;
import software.amazon.awssdk.services.ec2.model.EnableEbsEncryptionByDefaultResponse;
import software.amazon.awssdk.services.ec2.model.GetEbsDefaultKmsKeyIdRequest;
import software.amazon.awssdk.services.ec2.model.GetEbsDefaultKmsKeyIdResponse;
import software.amazon.awssdk.services.ec2.model.GetEbsEncryptionByDefaultRequest;
import software.amazon.awssdk.services.ec2.model.GetEbsEncryptionByDefaultResponse;
import software.amazon.awssdk.services.ec2.model.ModifyEbsDefaultKmsKeyIdRequest;
import software.amazon.awssdk.services.ec2.model.ModifyEbsDefaultKmsKeyIdResponse;
import software.amazon.awssdk.services.ec2.model.ResetEbsDefaultKmsKeyIdRequest;
import software.amazon.awssdk.services.ec2.model.ResetEbsDefaultKmsKeyIdResponse;

/** EBS encryption by default and the default KMS key, per account and region. */
public final class EbsEncryptionActions implements ActionGroup {

    @Override
    public void register(ActionRegistry registry) {
        registry.on(GetEbsEncryptionByDefaultRequest.class, this::get)
                .on(EnableEbsEncryptionByDefaultRequest.class, this::enable)
                .on(DisableEbsEncryptionByDefaultRequest.class, this::disable)
                .on(GetEbsDefaultKmsKeyIdRequest.class, this::getKey)
                .on(ModifyEbsDefaultKmsKeyIdRequest.class, this::modifyKey)
                .on(ResetEbsDefaultKmsKeyIdRequest.class, this::resetKey);
    }

    GetEbsEncryptionByDefaultResponse get(ActionContext ctx, GetEbsEncryptionByDefaultRequest request) {
        EbsEncryptionDefaults defaults = Checks.extension(ctx.cloud(), EbsEncryptionDefaults.class);
        dryRun(request.dryRun());
        // EC2 answers the server-side encryption type too; EBS's own keys are the only ones here.
        return GetEbsEncryptionByDefaultResponse.builder()
                .ebsEncryptionByDefault(defaults.ebsEncryption().byDefault()).sseType("sse-ebs").build();
    }

    EnableEbsEncryptionByDefaultResponse enable(ActionContext ctx, EnableEbsEncryptionByDefaultRequest request) {
        EbsEncryptionDefaults defaults = Checks.extension(ctx.cloud(), EbsEncryptionDefaults.class);
        dryRun(request.dryRun());
        return EnableEbsEncryptionByDefaultResponse.builder()
                .ebsEncryptionByDefault(defaults.setEbsEncryptionByDefault(true).byDefault()).build();
    }

    DisableEbsEncryptionByDefaultResponse disable(ActionContext ctx, DisableEbsEncryptionByDefaultRequest request) {
        EbsEncryptionDefaults defaults = Checks.extension(ctx.cloud(), EbsEncryptionDefaults.class);
        dryRun(request.dryRun());
        return DisableEbsEncryptionByDefaultResponse.builder()
                .ebsEncryptionByDefault(defaults.setEbsEncryptionByDefault(false).byDefault()).build();
    }

    GetEbsDefaultKmsKeyIdResponse getKey(ActionContext ctx, GetEbsDefaultKmsKeyIdRequest request) {
        EbsEncryptionDefaults defaults = Checks.extension(ctx.cloud(), EbsEncryptionDefaults.class);
        dryRun(request.dryRun());
        return GetEbsDefaultKmsKeyIdResponse.builder().kmsKeyId(defaults.ebsEncryption().kmsKeyId()).build();
    }

    ModifyEbsDefaultKmsKeyIdResponse modifyKey(ActionContext ctx, ModifyEbsDefaultKmsKeyIdRequest request) {
        if (request.kmsKeyId() == null || request.kmsKeyId().isEmpty()) {
            throw Checks.missing("KmsKeyId");
        }
        EbsEncryptionDefaults defaults = Checks.extension(ctx.cloud(), EbsEncryptionDefaults.class);
        dryRun(request.dryRun());
        EbsEncryption now = defaults.setEbsDefaultKmsKeyId(request.kmsKeyId());
        return ModifyEbsDefaultKmsKeyIdResponse.builder().kmsKeyId(now.kmsKeyId()).build();
    }

    ResetEbsDefaultKmsKeyIdResponse resetKey(ActionContext ctx, ResetEbsDefaultKmsKeyIdRequest request) {
        EbsEncryptionDefaults defaults = Checks.extension(ctx.cloud(), EbsEncryptionDefaults.class);
        dryRun(request.dryRun());
        return ResetEbsDefaultKmsKeyIdResponse.builder().kmsKeyId(defaults.resetEbsDefaultKmsKeyId().kmsKeyId())
                .build();
    }
}
