package io.altostratus.local.internal;

import io.altostratus.core.ec2.SharingPermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Launch and create-volume permissions: the same arithmetic of account ids and the group {@code all}. */
final class Sharing {
    private Sharing() {
    }

    /** {@code current} with {@code add} granted, then {@code remove} withdrawn; account ids are checked. */
    static SharingPermissions apply(SharingPermissions current, SharingPermissions add, SharingPermissions remove) {
        Set<String> users = new LinkedHashSet<>(current.userIds());
        boolean everyone = current.everyone();
        if (add != null) {
            add.userIds().forEach(Sharing::checkUser);
            users.addAll(add.userIds());
            everyone |= add.everyone();
        }
        if (remove != null) {
            remove.userIds().forEach(Sharing::checkUser);
            users.removeAll(remove.userIds());
            everyone &= !remove.everyone();
        }
        return new SharingPermissions(new ArrayList<>(users), everyone);
    }

    static void checkUser(String userId) {
        if (userId == null || !userId.matches("\\d{12}")) {
            throw Errors.invalid("InvalidUserID.Malformed", "User ID '" + userId + "' is invalid: expected 12 digits");
        }
    }

    static List<String> users(SharingPermissions p) {
        return p == null ? List.of() : p.userIds();
    }
}
