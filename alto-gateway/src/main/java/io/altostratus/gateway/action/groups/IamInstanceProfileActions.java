package io.altostratus.gateway.action.groups;

import static io.altostratus.gateway.action.groups.Checks.dryRun;
import static io.altostratus.gateway.action.groups.Checks.missing;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.IamInstanceProfileAssociation;
import io.altostratus.core.ec2.IamInstanceProfiles;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import io.altostratus.gateway.filter.Paging;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AssociateIamInstanceProfileRequest;
import software.amazon.awssdk.services.ec2.model.AssociateIamInstanceProfileResponse;
import software.amazon.awssdk.services.ec2.model.DescribeIamInstanceProfileAssociationsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeIamInstanceProfileAssociationsResponse;
import software.amazon.awssdk.services.ec2.model.DisassociateIamInstanceProfileRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateIamInstanceProfileResponse;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfile;
import software.amazon.awssdk.services.ec2.model.IamInstanceProfileSpecification;
import software.amazon.awssdk.services.ec2.model.ReplaceIamInstanceProfileAssociationRequest;
import software.amazon.awssdk.services.ec2.model.ReplaceIamInstanceProfileAssociationResponse;

/**
 * IAM instance profiles on running or stopped instances: associate, describe (filters, paging), replace and
 * disassociate. Profiles are taken as named; no IAM stands behind them.
 */
public final class IamInstanceProfileActions implements ActionGroup {
    private static final Ec2IdKind KIND = Ec2IdKind.IAM_INSTANCE_PROFILE_ASSOCIATION;
    private static final String NOUN = "association";

    private static final FilterSet<software.amazon.awssdk.services.ec2.model.IamInstanceProfileAssociation> FILTERS =
            FilterSet.<software.amazon.awssdk.services.ec2.model.IamInstanceProfileAssociation>builder()
                    .field("instance-id",
                            software.amazon.awssdk.services.ec2.model.IamInstanceProfileAssociation::instanceId)
                    .field("state",
                            software.amazon.awssdk.services.ec2.model.IamInstanceProfileAssociation::stateAsString)
                    .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(AssociateIamInstanceProfileRequest.class, this::associate)
                .on(DescribeIamInstanceProfileAssociationsRequest.class, this::describe)
                .on(ReplaceIamInstanceProfileAssociationRequest.class, this::replace)
                .on(DisassociateIamInstanceProfileRequest.class, this::disassociate);
    }

    AssociateIamInstanceProfileResponse associate(ActionContext ctx, AssociateIamInstanceProfileRequest request) {
        IamInstanceProfileSpecification profile = profile(request.iamInstanceProfile());
        if (request.instanceId() == null) {
            throw missing("InstanceId");
        }
        String id = Checks.checkId(request.instanceId(), Ec2IdKind.INSTANCE);
        ctx.cloud().instance(id);
        IamInstanceProfiles profiles = Checks.extension(ctx.cloud(), IamInstanceProfiles.class);
        // This call has no DryRun parameter in EC2's model.
        IamInstanceProfileAssociation made = profiles.associate(id, profile.arn(), profile.name());
        return AssociateIamInstanceProfileResponse.builder().iamInstanceProfileAssociation(shape(made)).build();
    }

    DescribeIamInstanceProfileAssociationsResponse describe(ActionContext ctx,
                                                            DescribeIamInstanceProfileAssociationsRequest request) {
        Checks.noPagingWithIds(request.hasAssociationIds(), request.maxResults(), "AssociationId");
        if (request.hasAssociationIds()) {
            Checks.checkIds(request.associationIds(), KIND);
        }
        List<IamInstanceProfileAssociation> all = IdSelection.sorted(Checks.extension(ctx.cloud(),
                IamInstanceProfiles.class).associations(), IamInstanceProfileAssociation::id);
        all = IdSelection.byIds(all, IamInstanceProfileAssociation::id, request.associationIds(),
                KIND.notFoundCode(), NOUN);
        List<software.amazon.awssdk.services.ec2.model.IamInstanceProfileAssociation> out =
                new ArrayList<>(all.size());
        for (IamInstanceProfileAssociation a : all) {
            out.add(shape(a));
        }
        var matching = FILTERS.apply(out, request.filters());
        Paging.Page<software.amazon.awssdk.services.ec2.model.IamInstanceProfileAssociation> page = Paging.page(
                matching, request.maxResults(), request.nextToken(), 5, 1000, Paging.queryKey(request));
        return DescribeIamInstanceProfileAssociationsResponse.builder().iamInstanceProfileAssociations(page.items())
                .nextToken(page.nextToken()).build();
    }

    ReplaceIamInstanceProfileAssociationResponse replace(ActionContext ctx,
                                                         ReplaceIamInstanceProfileAssociationRequest request) {
        IamInstanceProfileSpecification profile = profile(request.iamInstanceProfile());
        IamInstanceProfiles profiles = existing(ctx, request.associationId());
        IamInstanceProfileAssociation made = profiles.replace(request.associationId(), profile.arn(),
                profile.name());
        return ReplaceIamInstanceProfileAssociationResponse.builder().iamInstanceProfileAssociation(shape(made))
                .build();
    }

    DisassociateIamInstanceProfileResponse disassociate(ActionContext ctx,
                                                        DisassociateIamInstanceProfileRequest request) {
        IamInstanceProfiles profiles = existing(ctx, request.associationId());
        return DisassociateIamInstanceProfileResponse.builder()
                .iamInstanceProfileAssociation(shape(profiles.disassociate(request.associationId()))).build();
    }

    private static IamInstanceProfileSpecification profile(IamInstanceProfileSpecification given) {
        if (given == null || (given.arn() == null && given.name() == null)) {
            throw missing("IamInstanceProfile");
        }
        return given;
    }

    /** The backend's associations once the id is well-formed and names a live association. */
    private static IamInstanceProfiles existing(ActionContext ctx, String id) {
        if (id == null) {
            throw missing("AssociationId");
        }
        Checks.checkId(id, KIND);
        IamInstanceProfiles profiles = Checks.extension(ctx.cloud(), IamInstanceProfiles.class);
        if (profiles.associations().stream().noneMatch(a -> a.id().equals(id) && a.isLive())) {
            throw Checks.notFound(KIND.notFoundCode(), NOUN, List.of(id));
        }
        return profiles;
    }

    static software.amazon.awssdk.services.ec2.model.IamInstanceProfileAssociation shape(
            IamInstanceProfileAssociation a) {
        return software.amazon.awssdk.services.ec2.model.IamInstanceProfileAssociation.builder()
                .associationId(a.id())
                .instanceId(a.instanceId())
                .iamInstanceProfile(profile(a))
                .state(a.state())
                .timestamp(a.timestamp())
                .build();
    }

    static IamInstanceProfile profile(IamInstanceProfileAssociation a) {
        return IamInstanceProfile.builder().arn(a.profileArn()).id(a.profileId()).build();
    }
}
