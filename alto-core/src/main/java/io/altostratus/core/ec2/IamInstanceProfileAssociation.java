package io.altostratus.core.ec2;

import java.time.Instant;
import java.util.Objects;

/**
 * An IAM instance profile associated with an instance. The profile is kept as the caller named it: no IAM service
 * stands behind it here.
 *
 * @param id         e.g. {@code iip-assoc-0123456789abcdef0}
 * @param instanceId the instance
 * @param profileArn the profile's ARN (made from its name and the account when only a name was given)
 * @param profileId  the profile's id ({@code AIPA...}), derived from the ARN so it is stable
 * @param state      {@code associating}, {@code associated}, {@code disassociating} or {@code disassociated}
 * @param timestamp  when it was associated
 */
public record IamInstanceProfileAssociation(String id, String instanceId, String profileArn, String profileId,
                                            String state, Instant timestamp) {
    public static final String ASSOCIATING = "associating";
    public static final String ASSOCIATED = "associated";
    public static final String DISASSOCIATING = "disassociating";
    public static final String DISASSOCIATED = "disassociated";

    public IamInstanceProfileAssociation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
    }

    public boolean isLive() {
        return ASSOCIATING.equals(state) || ASSOCIATED.equals(state);
    }

    public IamInstanceProfileAssociation withState(String newState) {
        return new IamInstanceProfileAssociation(id, instanceId, profileArn, profileId, newState, timestamp);
    }
}
