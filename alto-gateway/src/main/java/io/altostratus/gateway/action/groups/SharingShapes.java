package io.altostratus.gateway.action.groups;

import io.altostratus.core.ec2.SharingPermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Launch permissions and create-volume permissions on the wire: lists of {@code UserId} or {@code Group=all}
 * entries, read into and written from {@link SharingPermissions}.
 */
final class SharingShapes {
    private SharingShapes() {
    }

    /** The entries as permissions; a group other than {@code all} is refused as EC2 does. */
    static <T> SharingPermissions read(List<T> entries, Function<T, String> user, Function<T, String> group) {
        List<String> users = new ArrayList<>();
        boolean everyone = false;
        for (T entry : entries == null ? List.<T>of() : entries) {
            if (user.apply(entry) != null) {
                users.add(user.apply(entry));
            }
            if (group.apply(entry) != null) {
                everyone |= checkGroup(group.apply(entry));
            }
        }
        return new SharingPermissions(users, everyone);
    }

    /** Account ids and group names given as the old-style {@code UserId.N} / {@code UserGroup.N} lists. */
    static SharingPermissions read(List<String> userIds, List<String> groups) {
        boolean everyone = false;
        for (String g : groups == null ? List.<String>of() : groups) {
            everyone |= checkGroup(g);
        }
        return new SharingPermissions(userIds == null ? List.of() : userIds, everyone);
    }

    /** The permissions as entries: accounts first, then the group. */
    static <T> List<T> write(SharingPermissions p, Function<String, T> user, Function<String, T> group) {
        List<T> out = new ArrayList<>();
        p.userIds().forEach(u -> out.add(user.apply(u)));
        if (p.everyone()) {
            out.add(group.apply("all"));
        }
        return out;
    }

    private static boolean checkGroup(String group) {
        if (!"all".equals(group)) {
            throw Checks.invalid("Value (" + group + ") for parameter group is invalid. Valid values: all");
        }
        return true;
    }
}
