package io.altostratus.cloudinit;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.altostratus.cloudinit.internal.YamlWriter;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A cloud-config document: what cloud-init does on an instance's first boot. Built with {@link #builder()},
 * rendered with {@link #render()} as {@code #cloud-config} YAML that cloud-init's schema accepts.
 *
 * <p>An existing document can be the base ({@link Builder#merge(String)}): the builder's list settings
 * (users, keys, packages, files, commands) are appended to the base's lists, its single values replace the
 * base's, and keys the builder knows nothing about are kept as they were.
 */
public final class CloudConfig {
    /** The first line cloud-init looks for to treat user data as cloud-config. */
    public static final String HEADER = "#cloud-config";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> LIST_KEYS = Set.of("users", "ssh_authorized_keys", "packages", "write_files",
            "bootcmd", "runcmd");

    private final Map<String, Object> document;

    private CloudConfig(Map<String, Object> document) {
        this.document = Collections.unmodifiableMap(document);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Reads a cloud-config document (with or without the {@code #cloud-config} line). */
    public static CloudConfig parse(String yaml) {
        return builder().merge(yaml).build();
    }

    /** The document as ordered maps, lists and scalars. */
    public Map<String, Object> toMap() {
        return document;
    }

    /** The {@code #cloud-config} YAML, ending in a newline. */
    public String render() {
        return HEADER + "\n" + YamlWriter.document(document);
    }

    public byte[] renderBytes() {
        return render().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return render();
    }

    /** Collects settings; every method returns the builder. Single values set twice keep the last. */
    public static final class Builder {
        private final Map<String, Object> base = new LinkedHashMap<>();
        private String hostname;
        private String fqdn;
        private String timezone;
        private final List<Object> users = new ArrayList<>();
        private final List<String> sshAuthorizedKeys = new ArrayList<>();
        private Boolean sshPwauth;
        private Boolean packageUpdate;
        private Boolean packageUpgrade;
        private final List<Object> packages = new ArrayList<>();
        private final List<WriteFile> writeFiles = new ArrayList<>();
        private final List<Object> bootcmd = new ArrayList<>();
        private final List<Object> runcmd = new ArrayList<>();
        private String finalMessage;
        private final Map<String, Object> raw = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Takes an existing cloud-config YAML document as the base.
         *
         * @throws AltoException INVALID_PARAMETER when it is not YAML or not a mapping
         */
        public Builder merge(String yaml) {
            Map<String, Object> parsed;
            try {
                parsed = YAML.readValue(yaml, new TypeReference<LinkedHashMap<String, Object>>() { });
            } catch (MismatchedInputException e) {
                // Jackson's message quotes the offending value, which may be a whole private key given by mistake.
                throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidParameterValue",
                        "not a cloud-config YAML mapping: the document's top level is not 'key: value' pairs");
            } catch (JsonProcessingException e) {
                // The parser's own message spans lines and echoes the input; the position is what helps.
                JsonLocation at = e.getLocation();
                String where = at == null || at.getLineNr() < 1 ? ""
                        : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
                throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidParameterValue",
                        "not valid cloud-config YAML" + where);
            }
            if (parsed != null) {
                merge(parsed);
            }
            return this;
        }

        /** Takes an already parsed document as the base (merged over any earlier base the same way). */
        public Builder merge(Map<String, ?> document) {
            for (Map.Entry<String, ?> e : document.entrySet()) {
                Object existing = base.get(e.getKey());
                if (LIST_KEYS.contains(e.getKey()) && existing instanceof List<?> a && e.getValue() instanceof List<?> b) {
                    List<Object> joined = new ArrayList<>(a);
                    joined.addAll(b);
                    base.put(e.getKey(), joined);
                } else {
                    base.put(e.getKey(), e.getValue());
                }
            }
            return this;
        }

        public Builder hostname(String name) {
            this.hostname = name;
            return this;
        }

        public Builder fqdn(String name) {
            this.fqdn = name;
            return this;
        }

        /** A zone from {@code /usr/share/zoneinfo}, such as {@code Europe/Paris}. */
        public Builder timezone(String zone) {
            this.timezone = zone;
            return this;
        }

        public Builder user(User user) {
            users.add(Objects.requireNonNull(user, "user").toMap());
            return this;
        }

        /** Keeps the distribution's default user (cloud-init drops it once {@code users} is given). */
        public Builder defaultUser() {
            users.add("default");
            return this;
        }

        /** A key for the distribution's default user. */
        public Builder sshAuthorizedKey(String key) {
            sshAuthorizedKeys.add(requireText(key, "ssh key"));
            return this;
        }

        /** Whether sshd accepts passwords. */
        public Builder sshPwauth(boolean allow) {
            this.sshPwauth = allow;
            return this;
        }

        public Builder packageUpdate(boolean update) {
            this.packageUpdate = update;
            return this;
        }

        public Builder packageUpgrade(boolean upgrade) {
            this.packageUpgrade = upgrade;
            return this;
        }

        public Builder packages(String... names) {
            for (String n : names) {
                packages.add(requireText(n, "package name"));
            }
            return this;
        }

        /** A package pinned to a version: cloud-config's two-element form. */
        public Builder pinnedPackage(String name, String version) {
            packages.add(List.of(requireText(name, "package name"), requireText(version, "package version")));
            return this;
        }

        public Builder writeFile(WriteFile file) {
            writeFiles.add(Objects.requireNonNull(file, "file"));
            return this;
        }

        /** A command run by a shell early on every boot. */
        public Builder bootcmd(String shellCommand) {
            bootcmd.add(requireText(shellCommand, "bootcmd"));
            return this;
        }

        /** A command run without a shell early on every boot: argv as given. */
        public Builder bootcmd(List<String> argv) {
            bootcmd.add(List.copyOf(argv));
            return this;
        }

        /** A command run by a shell once, late in the first boot. */
        public Builder runcmd(String shellCommand) {
            runcmd.add(requireText(shellCommand, "runcmd"));
            return this;
        }

        /** A command run without a shell once, late in the first boot: argv as given. */
        public Builder runcmd(List<String> argv) {
            runcmd.add(List.copyOf(argv));
            return this;
        }

        /** The line cloud-init logs when it is done; it expands {@code $UPTIME}, {@code $TIMESTAMP} and the like. */
        public Builder finalMessage(String message) {
            this.finalMessage = message;
            return this;
        }

        /**
         * Any other top-level key, as maps, lists, strings, numbers and booleans; replaces what the base or an
         * earlier call had there, and is written after the typed settings.
         */
        public Builder raw(String key, Object value) {
            raw.put(requireText(key, "key"), value);
            return this;
        }

        public CloudConfig build() {
            Map<String, Object> doc = new LinkedHashMap<>();
            put(doc, "hostname", hostname);
            put(doc, "fqdn", fqdn);
            put(doc, "timezone", timezone);
            append(doc, "users", users);
            append(doc, "ssh_authorized_keys", sshAuthorizedKeys);
            put(doc, "ssh_pwauth", sshPwauth);
            put(doc, "package_update", packageUpdate);
            put(doc, "package_upgrade", packageUpgrade);
            append(doc, "packages", packages);
            append(doc, "write_files", writeFiles.stream().map(WriteFile::toMap).toList());
            append(doc, "bootcmd", bootcmd);
            append(doc, "runcmd", runcmd);
            put(doc, "final_message", finalMessage);
            // Base keys keep their own order after the typed ones; typed values already replaced theirs.
            Map<String, Object> result = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : base.entrySet()) {
                if (!doc.containsKey(e.getKey())) {
                    result.put(e.getKey(), e.getValue());
                }
            }
            Map<String, Object> ordered = new LinkedHashMap<>(doc);
            ordered.putAll(result);
            ordered.putAll(raw);
            return new CloudConfig(ordered);
        }

        private void put(Map<String, Object> doc, String key, Object value) {
            if (value != null) {
                doc.put(key, value);
            } else if (base.containsKey(key)) {
                doc.put(key, base.get(key));
            }
        }

        private void append(Map<String, Object> doc, String key, List<?> added) {
            Object existing = base.get(key);
            if (added.isEmpty()) {
                if (existing != null) {
                    doc.put(key, existing);
                }
                return;
            }
            List<Object> joined = new ArrayList<>();
            if (existing instanceof List<?> l) {
                joined.addAll(l);
            } else if (existing != null) {
                throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidParameterValue",
                        "cloud-config key '" + key + "' must be a list to add to it, not " + existing);
            }
            joined.addAll(added);
            doc.put(key, joined);
        }

        private static String requireText(String s, String what) {
            if (s == null || s.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return s;
        }
    }
}
