package io.altostratus.core.ec2;

import io.altostratus.core.spi.Extension;
import java.util.List;

/**
 * IAM instance profiles on instances (EC2's IamInstanceProfileAssociation actions). A profile is given by ARN or
 * by name; one live association per instance. Unknown association ids fail with {@code NOT_FOUND}
 * ({@code InvalidAssociationID.NotFound}).
 */
public interface IamInstanceProfiles extends Extension {

    /**
     * Associates a profile ({@code associating}, then {@code associated}); refused ({@code IncorrectState}) when the
     * instance already has one, or is terminated.
     */
    IamInstanceProfileAssociation associate(String instanceId, String profileArn, String profileName);

    /** Every association, ended ones ({@code disassociated}) while EC2 still lists them. */
    List<IamInstanceProfileAssociation> associations();

    /** Replaces the profile of a live association: the old one ends, a new association (new id) begins. */
    IamInstanceProfileAssociation replace(String associationId, String profileArn, String profileName);

    /** Ends an association: {@code disassociating}, then {@code disassociated}. */
    IamInstanceProfileAssociation disassociate(String associationId);
}
