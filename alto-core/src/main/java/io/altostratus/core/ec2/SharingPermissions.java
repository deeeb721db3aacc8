package io.altostratus.core.ec2;

import java.util.List;

/**
 * Who else may use an image or a snapshot: EC2's launch permissions (images) and create-volume permissions
 * (snapshots). Each is a set of account ids and, for every account, the group {@code all}.
 *
 * @param userIds  the 12-digit account ids it is shared with, in the order first granted
 * @param everyone whether the group {@code all} holds it (the resource is public)
 */
public record SharingPermissions(List<String> userIds, boolean everyone) {
    public static final SharingPermissions NONE = new SharingPermissions(List.of(), false);

    public SharingPermissions {
        userIds = userIds == null ? List.of() : List.copyOf(userIds);
    }

    public boolean isEmpty() {
        return userIds.isEmpty() && !everyone;
    }
}
