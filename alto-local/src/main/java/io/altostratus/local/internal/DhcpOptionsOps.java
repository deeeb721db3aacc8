package io.altostratus.local.internal;

import io.altostratus.core.ec2.DhcpOptions;
import io.altostratus.core.ec2.DhcpOptionsSets;
import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.error.AltoException;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * DHCP options sets. The account's default set in a region is not stored: its id is derived from the scope and its
 * options are EC2's defaults, so it exists from the first read without a write; deleting it leaves a marker. Which
 * set a VPC uses is a small document per VPC, written only when it changes from the default set; a document left
 * by a deleted VPC is ignored, since only live VPCs are read through. An instance is a session's
 * {@link DhcpOptionsSets}.
 */
public final class DhcpOptionsOps implements DhcpOptionsSets {
    static final String KIND = "local.dhcp-options";
    static final String ASSOCIATION = "local.dhcp-association";
    /** Present once the default set has been deleted. */
    static final String DEFAULT_DELETED = "local.dhcp-options-default-deleted";
    /** The default set's tags, kept apart since the set itself is not stored. */
    static final String DEFAULT_TAGS = "local.dhcp-options-default-tags";
    private static final Set<String> LISTS = Set.of("domain-name-servers", "ntp-servers", "netbios-name-servers");
    private static final int MAX_SERVERS = 4;

    /** A VPC's set, as stored. */
    public record Association(String vpcId, String dhcpOptionsId) {
    }

    private final Session session;
    private final Env env;

    public DhcpOptionsOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    @Override
    public DhcpOptions createDhcpOptions(Map<String, List<String>> configurations, Map<String, String> tags) {
        TagOps.validate(tags);
        if (configurations == null || configurations.isEmpty()) {
            throw Errors.invalid("MissingParameter", "The request must contain the parameter DhcpConfiguration");
        }
        Map<String, List<String>> checked = new LinkedHashMap<>();
        configurations.forEach((key, values) -> checked.put(key, check(key, values)));
        DhcpOptions made = new DhcpOptions(Ec2IdKind.DHCP_OPTIONS.mint(), checked, env.account(), tags);
        session.update(tx -> tx.put(KIND, env.scope(), made.id(), made));
        return made;
    }

    /** EC2's rules for one option: known names, at most four servers, node types 1, 2, 4 or 8, a lease in range. */
    private static List<String> check(String key, List<String> values) {
        if (values == null || values.isEmpty()) {
            throw Errors.invalidValue("Value for DHCP option " + key + " is missing");
        }
        switch (key) {
            case "domain-name" -> {
                if (String.join(" ", values).length() > 255) {
                    throw Errors.invalidValue("Value (" + values + ") for parameter domain-name is invalid.");
                }
            }
            case "domain-name-servers", "ntp-servers", "netbios-name-servers" -> {
                if (values.size() > MAX_SERVERS) {
                    throw Errors.invalidValue("Value (" + String.join(",", values) + ") for parameter " + key
                            + " is invalid. At most " + MAX_SERVERS + " values may be given.");
                }
                for (String v : values) {
                    if (!(key.equals("domain-name-servers") && v.equals("AmazonProvidedDNS")) && !isIpv4(v)) {
                        throw Errors.invalidValue("Value (" + v + ") for parameter " + key
                                + " is invalid. Expected an IPv4 address"
                                + (key.equals("domain-name-servers") ? " or AmazonProvidedDNS." : "."));
                    }
                }
            }
            case "netbios-node-type" -> {
                if (values.size() != 1 || !Set.of("1", "2", "4", "8").contains(values.get(0))) {
                    throw Errors.invalidValue("Value (" + String.join(",", values)
                            + ") for parameter netbios-node-type is invalid. Valid values: 1, 2, 4, 8");
                }
            }
            case "ipv6-address-preferred-lease-time" -> {
                long seconds;
                try {
                    seconds = values.size() == 1 ? Long.parseLong(values.get(0)) : -1;
                } catch (NumberFormatException e) {
                    seconds = -1;
                }
                if (seconds < 140 || seconds > 2147483647L) {
                    throw Errors.invalidValue("Value (" + String.join(",", values)
                            + ") for parameter ipv6-address-preferred-lease-time is invalid. "
                            + "Expected 140 to 2147483647 seconds.");
                }
            }
            default -> throw Errors.invalidValue("Value (" + key + ") for parameter DhcpConfiguration.Key is "
                    + "invalid. Valid keys: domain-name, domain-name-servers, ntp-servers, netbios-name-servers, "
                    + "netbios-node-type, ipv6-address-preferred-lease-time");
        }
        return List.copyOf(values);
    }

    private static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    @Override
    public List<DhcpOptions> dhcpOptions() {
        return session.read(view -> {
            List<DhcpOptions> out = new ArrayList<>();
            if (defaultExists(view, env)) {
                out.add(defaultSet(view));
            }
            out.addAll(view.list(KIND, env.scope(), DhcpOptions.class));
            return out;
        });
    }

    @Override
    public void deleteDhcpOptions(String dhcpOptionsId) {
        session.update(tx -> {
            find(tx, dhcpOptionsId);
            List<String> users = new ArrayList<>();
            vpcSets(tx).forEach((vpc, set) -> {
                if (set.equals(dhcpOptionsId)) {
                    users.add(vpc);
                }
            });
            if (!users.isEmpty()) {
                throw Errors.dependency("The dhcpOptions '" + dhcpOptionsId + "' has dependencies and cannot be "
                        + "deleted (VPC " + String.join(", ", users) + ").");
            }
            if (dhcpOptionsId.equals(defaultId(env))) {
                tx.put(DEFAULT_DELETED, env.scope(), dhcpOptionsId, Map.of("deleted", true));
            } else {
                tx.delete(KIND, env.scope(), dhcpOptionsId);
            }
        });
    }

    @Override
    public void associateDhcpOptions(String dhcpOptionsId, String vpcId) {
        session.update(tx -> {
            if (!DhcpOptions.NONE.equals(dhcpOptionsId)) {
                find(tx, dhcpOptionsId);
            }
            Lookup.vpc(tx, env, vpcId);
            tx.put(ASSOCIATION, env.scope(), vpcId, new Association(vpcId, dhcpOptionsId));
        });
    }

    @Override
    public Map<String, String> vpcDhcpOptions() {
        return session.read(this::vpcSets);
    }

    /** Every live VPC's set: its stored choice, else the default set (or none once that is deleted). */
    private Map<String, String> vpcSets(StateView view) {
        Map<String, String> chosen = new LinkedHashMap<>();
        for (Association a : view.list(ASSOCIATION, env.scope(), Association.class)) {
            chosen.put(a.vpcId(), a.dhcpOptionsId());
        }
        String fallback = defaultExists(view, env) ? defaultId(env) : DhcpOptions.NONE;
        Map<String, String> out = new LinkedHashMap<>();
        for (Docs.VpcDoc vpc : view.list(Docs.VPC, env.scope(), Docs.VpcDoc.class)) {
            out.put(vpc.id(), chosen.getOrDefault(vpc.id(), fallback));
        }
        return out;
    }

    private DhcpOptions find(StateView view, String id) {
        Ec2IdKind.DHCP_OPTIONS.check(id);
        if (id.equals(defaultId(env)) && defaultExists(view, env)) {
            return defaultSet(view);
        }
        return view.get(KIND, env.scope(), id, DhcpOptions.class).orElseThrow(() -> notFound(id));
    }

    private static boolean defaultExists(StateView view, Env env) {
        return view.get(DEFAULT_DELETED, env.scope(), defaultId(env), Map.class).isEmpty();
    }

    /** The region's default set: Amazon's DNS and the region's internal domain, as EC2 makes it for an account. */
    private DhcpOptions defaultSet(StateView view) {
        String domain = env.region().equals("us-east-1") ? "ec2.internal" : env.region() + ".compute.internal";
        Map<String, List<String>> options = new LinkedHashMap<>();
        options.put("domain-name", List.of(domain));
        options.put("domain-name-servers", List.of("AmazonProvidedDNS"));
        Map<String, String> tags = view.get(DEFAULT_TAGS, env.scope(), defaultId(env), Tagged.class)
                .map(Tagged::tags).orElse(Map.of());
        return new DhcpOptions(defaultId(env), options, env.account(), tags);
    }

    /** The default set's tags as stored. */
    public record Tagged(Map<String, String> tags) {
    }

    /** Stable per account and region, so every session of the scope names the same default set. */
    static String defaultId(Env env) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("dhcp-default/" + env.scope()).getBytes(StandardCharsets.UTF_8));
            return "dopt-" + HexFormat.of().formatHex(hash).substring(0, 17);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    /** Changes a set's tags (CreateTags and DeleteTags reach sets through here). */
    static void retag(StateTx tx, Env env, String id, UnaryOperator<Map<String, String>> change) {
        Ec2IdKind.DHCP_OPTIONS.check(id);
        if (id.equals(defaultId(env)) && defaultExists(tx, env)) {
            Map<String, String> current = tx.get(DEFAULT_TAGS, env.scope(), id, Tagged.class)
                    .map(Tagged::tags).orElse(Map.of());
            tx.put(DEFAULT_TAGS, env.scope(), id, new Tagged(change.apply(current)));
            return;
        }
        DhcpOptions set = tx.get(KIND, env.scope(), id, DhcpOptions.class).orElseThrow(() -> notFound(id));
        tx.put(KIND, env.scope(), id, set.withTags(change.apply(set.tags())));
    }

    static AltoException notFound(String id) {
        return Errors.notFound(Ec2IdKind.DHCP_OPTIONS.notFoundCode(),
                "The dhcpOption ID '" + id + "' does not exist");
    }
}
