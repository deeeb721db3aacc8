package io.altostratus.cloudinit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of cloud-config's {@code users} list: a login to create.
 *
 * @param name login name
 * @param sudo a sudoers rule such as {@code ALL=(ALL) NOPASSWD:ALL}, or null for none
 * @param groups supplementary groups (empty for none)
 * @param shell login shell, or null for the distribution's default
 * @param sshAuthorizedKeys public keys in OpenSSH one-line form
 * @param lockPasswd true to disable password login, false to allow it, null for cloud-init's default (locked)
 */
public record User(String name, String sudo, List<String> groups, String shell, List<String> sshAuthorizedKeys,
                   Boolean lockPasswd) {
    /** The sudo rule that lets a user run anything without a password, the usual rule for a cloud login. */
    public static final String SUDO_ALL_NOPASSWD = "ALL=(ALL) NOPASSWD:ALL";

    public User {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.chars().anyMatch(c -> Character.isWhitespace(c) || c == ':')) {
            throw new IllegalArgumentException("user name must be non-blank without spaces or ':': '" + name + "'");
        }
        groups = List.copyOf(groups == null ? List.of() : groups);
        sshAuthorizedKeys = List.copyOf(sshAuthorizedKeys == null ? List.of() : sshAuthorizedKeys);
    }

    /** A user with only a name: no sudo, no extra groups, default shell, no keys, cloud-init's default lock. */
    public static User named(String name) {
        return new User(name, null, List.of(), null, List.of(), null);
    }

    /** The usual cloud login: passwordless sudo, bash, the given keys. */
    public static User admin(String name, List<String> keys) {
        return new User(name, SUDO_ALL_NOPASSWD, List.of(), "/bin/bash", keys, null);
    }

    public User withSudo(String rule) {
        return new User(name, rule, groups, shell, sshAuthorizedKeys, lockPasswd);
    }

    public User withGroups(List<String> newGroups) {
        return new User(name, sudo, newGroups, shell, sshAuthorizedKeys, lockPasswd);
    }

    public User withShell(String newShell) {
        return new User(name, sudo, groups, newShell, sshAuthorizedKeys, lockPasswd);
    }

    public User withSshAuthorizedKeys(List<String> keys) {
        return new User(name, sudo, groups, shell, keys, lockPasswd);
    }

    public User withLockPasswd(Boolean lock) {
        return new User(name, sudo, groups, shell, sshAuthorizedKeys, lock);
    }

    /** The cloud-config form; absent settings are left out rather than written as null. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        if (sudo != null) {
            m.put("sudo", sudo);
        }
        if (!groups.isEmpty()) {
            m.put("groups", groups);
        }
        if (shell != null) {
            m.put("shell", shell);
        }
        if (!sshAuthorizedKeys.isEmpty()) {
            m.put("ssh_authorized_keys", sshAuthorizedKeys);
        }
        if (lockPasswd != null) {
            m.put("lock_passwd", lockPasswd);
        }
        return m;
    }
}
