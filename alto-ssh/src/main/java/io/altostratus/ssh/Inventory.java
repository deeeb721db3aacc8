package io.altostratus.ssh;

import io.altostratus.core.model.Instance;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Instances as an Ansible inventory (INI or YAML) or as {@code ~/.ssh/config} Host blocks. Each instance's tags
 * become groups {@code KEY_VALUE} (tag role=web is group role_web), sanitised to the letters, digits and
 * underscores Ansible accepts; the Name tag and provider-reserved {@code aws:} tags make no group.
 */
public final class Inventory {
    /** One host: its alias (Name tag when unique, else the instance id), how to reach it, and its groups. */
    public record Host(String alias, String instanceId, String address, String user, Path keyFile, int port,
                       List<String> groups) {
        public Host {
            Objects.requireNonNull(alias);
            Objects.requireNonNull(address);
            groups = List.copyOf(groups);
        }
    }

    private final List<Host> hosts;

    public Inventory(List<Host> hosts) {
        this.hosts = List.copyOf(hosts);
    }

    public List<Host> hosts() {
        return hosts;
    }

    /** Hosts for the instances, each through {@code target} (address, user, key); aliases made unique. */
    public static Inventory of(List<Instance> instances, java.util.function.Function<Instance, SshTarget> target) {
        Map<String, Integer> nameCounts = new HashMap<>();
        for (Instance i : instances) {
            if (i.name() != null && !i.name().isBlank()) {
                nameCounts.merge(alias(i.name()), 1, Integer::sum);
            }
        }
        List<Host> hosts = new ArrayList<>();
        for (Instance i : instances) {
            SshTarget t = target.apply(i);
            String alias = i.name() != null && !i.name().isBlank() && nameCounts.get(alias(i.name())) == 1
                    ? alias(i.name()) : i.id();
            hosts.add(new Host(alias, i.id(), t.host(), t.user(),
                    t.identities().isEmpty() ? null : t.identities().getFirst().toAbsolutePath(), t.port(),
                    groups(i.tags())));
        }
        return new Inventory(hosts);
    }

    static List<String> groups(Map<String, String> tags) {
        TreeSet<String> groups = new TreeSet<>();
        tags.forEach((k, v) -> {
            if (k.equals("Name") || k.toLowerCase(Locale.ROOT).startsWith("aws:")) {
                return;
            }
            groups.add(groupName(v == null || v.isEmpty() ? k : k + "_" + v));
        });
        return List.copyOf(groups);
    }

    /** Ansible group names: letters, digits and underscores, not starting with a digit. */
    static String groupName(String raw) {
        String g = raw.replaceAll("[^A-Za-z0-9_]", "_");
        return Character.isDigit(g.charAt(0)) ? "_" + g : g;
    }

    private static String alias(String name) {
        return name.strip().replaceAll("[^A-Za-z0-9._-]", "-");
    }

    /** The INI inventory: every host with its variables under [all], then one section per group. */
    public String ini() {
        StringBuilder out = new StringBuilder("[all]\n");
        for (Host h : hosts) {
            out.append(h.alias()).append(" ansible_host=").append(h.address())
                    .append(" ansible_user=").append(h.user())
                    .append(" ansible_port=").append(h.port());
            if (h.keyFile() != null) {
                out.append(" ansible_ssh_private_key_file=").append(iniValue(h.keyFile().toString()));
            }
            out.append(" alto_instance_id=").append(h.instanceId()).append('\n');
        }
        groupMembers().forEach((group, members) -> {
            out.append('\n').append('[').append(group).append("]\n");
            members.forEach(m -> out.append(m).append('\n'));
        });
        return out.toString();
    }

    /** The YAML inventory in Ansible's {@code all: hosts: / children:} layout; every string quoted. */
    public String yaml() {
        StringBuilder out = new StringBuilder("all:\n");
        if (hosts.isEmpty()) {
            out.append("  hosts: {}\n");
            return out.toString();
        }
        out.append("  hosts:\n");
        for (Host h : hosts) {
            out.append("    ").append(quote(h.alias())).append(":\n");
            out.append("      ansible_host: ").append(quote(h.address())).append('\n');
            out.append("      ansible_user: ").append(quote(h.user())).append('\n');
            out.append("      ansible_port: ").append(h.port()).append('\n');
            if (h.keyFile() != null) {
                out.append("      ansible_ssh_private_key_file: ").append(quote(h.keyFile().toString())).append('\n');
            }
            out.append("      alto_instance_id: ").append(quote(h.instanceId())).append('\n');
        }
        Map<String, List<String>> groups = groupMembers();
        if (!groups.isEmpty()) {
            out.append("  children:\n");
            groups.forEach((group, members) -> {
                out.append("    ").append(group).append(":\n      hosts:\n");
                members.forEach(m -> out.append("        ").append(quote(m)).append(": {}\n"));
            });
        }
        return out.toString();
    }

    /**
     * Host blocks for {@code ~/.ssh/config}. The host key alias is the instance id, so OpenSSH, like alto,
     * keeps one host key per instance rather than per reusable address.
     */
    public String sshConfig() {
        StringBuilder out = new StringBuilder();
        for (Host h : hosts) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append("Host ").append(h.alias()).append('\n');
            out.append("  HostName ").append(h.address()).append('\n');
            out.append("  User ").append(h.user()).append('\n');
            out.append("  Port ").append(h.port()).append('\n');
            out.append("  HostKeyAlias ").append(h.instanceId()).append('\n');
            if (h.keyFile() != null) {
                out.append("  IdentityFile \"").append(h.keyFile()).append("\"\n");
                out.append("  IdentitiesOnly yes\n");
            }
        }
        return out.toString();
    }

    private Map<String, List<String>> groupMembers() {
        Map<String, List<String>> groups = new TreeMap<>();
        for (Host h : hosts) {
            h.groups().forEach(g -> groups.computeIfAbsent(g, k -> new ArrayList<>()).add(h.alias()));
        }
        return groups;
    }

    private static String iniValue(String v) {
        return v.contains(" ") ? "\"" + v + "\"" : v;
    }

    private static String quote(String v) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : v.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\t' -> q.append("\\t");
                default -> q.append(c);
            }
        }
        return q.append('"').toString();
    }
}
