package io.altostratus.local.internal;

import io.altostratus.core.ec2.Ec2AccountSettings;
import io.altostratus.core.model.InstanceType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The account's EC2 settings in this region, one document per account and region. Nothing reads them back at
 * launch yet: new instances keep the local cloud's own metadata and credit defaults. An instance is a session's
 * {@link Ec2AccountSettings}.
 */
public final class AccountSettingsOps implements Ec2AccountSettings {
    static final String KIND = "local.account-settings";
    private static final String ID = "settings";
    /** EC2's defaults: T2 launches as standard, the later burstable families as unlimited. */
    private static final String T2_DEFAULT = "standard";
    private static final String LATER_DEFAULT = "unlimited";

    /** What is stored; a null field is EC2's default. */
    public record SettingsDoc(boolean serialConsole, MetadataDefaults metadata, Map<String, String> credits) {
        public SettingsDoc {
            metadata = metadata == null ? MetadataDefaults.NONE : metadata;
            credits = credits == null ? Map.of() : Map.copyOf(credits);
        }
    }

    private final Session session;
    private final Env env;

    public AccountSettingsOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    @Override
    public boolean serialConsoleAccess() {
        return session.read(view -> doc(view)).serialConsole();
    }

    @Override
    public boolean setSerialConsoleAccess(boolean enabled) {
        return session.write(tx -> {
            SettingsDoc d = doc(tx);
            tx.put(KIND, env.scope(), ID, new SettingsDoc(enabled, d.metadata(), d.credits()));
            return enabled;
        });
    }

    @Override
    public MetadataDefaults metadataDefaults() {
        return session.read(view -> doc(view)).metadata();
    }

    @Override
    public MetadataDefaults modifyMetadataDefaults(MetadataDefaults change) {
        String tokens = choice("HttpTokens", change.httpTokens(), "optional", "required");
        String endpoint = choice("HttpEndpoint", change.httpEndpoint(), "enabled", "disabled");
        String tags = choice("InstanceMetadataTags", change.instanceMetadataTags(), "enabled", "disabled");
        Integer hops = change.httpPutResponseHopLimit();
        if (hops != null && hops != -1 && (hops < 1 || hops > 64)) {
            throw Errors.invalidValue("HttpPutResponseHopLimit must be between 1 and 64, or -1 for no preference "
                    + "(got " + hops + ")");
        }
        return session.write(tx -> {
            SettingsDoc d = doc(tx);
            MetadataDefaults old = d.metadata();
            MetadataDefaults now = new MetadataDefaults(
                    merge(old.httpTokens(), tokens),
                    hops == null ? old.httpPutResponseHopLimit() : hops == -1 ? null : hops,
                    merge(old.httpEndpoint(), endpoint),
                    merge(old.instanceMetadataTags(), tags));
            tx.put(KIND, env.scope(), ID, new SettingsDoc(d.serialConsole(), now, d.credits()));
            return now;
        });
    }

    @Override
    public Map<String, String> defaultCreditSpecifications() {
        Map<String, String> set = session.read(view -> doc(view)).credits();
        Map<String, String> out = new TreeMap<>();
        for (String family : burstableFamilies().keySet()) {
            out.put(family, set.getOrDefault(family, family.equals("t2") ? T2_DEFAULT : LATER_DEFAULT));
        }
        return out;
    }

    @Override
    public String setDefaultCreditSpecification(String family, String cpuCredits) {
        if (!burstableFamilies().containsKey(family)) {
            throw Errors.invalidValue("Value (" + family + ") for parameter InstanceFamily is invalid. Valid "
                    + "values: " + String.join(", ", burstableFamilies().keySet()));
        }
        choice("CpuCredits", cpuCredits, "standard", "unlimited");
        if (cpuCredits == null) {
            throw Errors.invalid("MissingParameter", "The request must contain the parameter CpuCredits");
        }
        return session.write(tx -> {
            SettingsDoc d = doc(tx);
            Map<String, String> credits = new LinkedHashMap<>(d.credits());
            credits.put(family, cpuCredits);
            tx.put(KIND, env.scope(), ID, new SettingsDoc(d.serialConsole(), d.metadata(), credits));
            return cpuCredits;
        });
    }

    private Map<String, Boolean> burstableFamilies() {
        Map<String, Boolean> out = new TreeMap<>();
        for (InstanceType t : env.catalog().instanceTypes(env.region())) {
            if (t.burstable()) {
                out.put(HostOps.family(t.name()), true);
            }
        }
        return out;
    }

    private SettingsDoc doc(io.altostratus.store.StateView view) {
        return view.get(KIND, env.scope(), ID, SettingsDoc.class)
                .orElse(new SettingsDoc(false, MetadataDefaults.NONE, Map.of()));
    }

    /** {@code no-preference} clears a setting (stored as null); null leaves it as it was. */
    private static String merge(String old, String given) {
        if (given == null) {
            return old;
        }
        return given.equals("no-preference") ? null : given;
    }

    private static String choice(String parameter, String value, String... allowed) {
        if (value == null || value.equals("no-preference")) {
            return value;
        }
        for (String a : allowed) {
            if (a.equals(value)) {
                return value;
            }
        }
        throw Errors.invalidValue("Value (" + value + ") for parameter " + parameter + " is invalid. Valid values: "
                + String.join(", ", allowed) + ", no-preference");
    }
}
