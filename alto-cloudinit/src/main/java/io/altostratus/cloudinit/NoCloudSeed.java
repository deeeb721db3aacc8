package io.altostratus.cloudinit;

import io.altostratus.cloudinit.internal.Iso9660Writer;
import io.altostratus.cloudinit.internal.YamlWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A NoCloud seed: the ISO 9660 image labelled {@code cidata} that cloud-init's NoCloud datasource reads on
 * hypervisors without a metadata service (Proxmox, ESXi, libvirt). It holds {@code user-data}, {@code meta-data}
 * ({@code instance-id} and {@code local-hostname}) and optionally {@code network-config} and {@code vendor-data}.
 * cloud-init runs first-boot modules again whenever the instance id changes, so a new seed for a new machine
 * needs a new id.
 */
public final class NoCloudSeed {
    /** The volume label NoCloud looks for. */
    public static final String VOLUME_ID = "cidata";

    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private final byte[] userData;
    private final String instanceId;
    private final String hostname;
    private final byte[] networkConfig;
    private final byte[] vendorData;
    private final List<String> publicKeys;
    private final Instant time;

    private NoCloudSeed(Builder b) {
        this.userData = Objects.requireNonNull(b.userData, "user data");
        this.instanceId = Objects.requireNonNull(b.instanceId, "instance id");
        this.hostname = b.hostname;
        this.networkConfig = b.networkConfig;
        this.vendorData = b.vendorData;
        this.publicKeys = List.copyOf(b.publicKeys);
        this.time = Objects.requireNonNull(b.time, "time");
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The {@code meta-data} document: instance-id, local-hostname when given, and public-keys when given (cloud-init
     * puts them in the default user's {@code authorized_keys}).
     */
    public String metaData() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("instance-id", instanceId);
        if (hostname != null) {
            m.put("local-hostname", hostname);
        }
        if (!publicKeys.isEmpty()) {
            m.put("public-keys", publicKeys);
        }
        return YamlWriter.document(m);
    }

    /** The files of the seed by name, in the order they are written. */
    public Map<String, byte[]> files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("user-data", userData.clone());
        files.put("meta-data", metaData().getBytes(StandardCharsets.UTF_8));
        if (networkConfig != null) {
            files.put("network-config", networkConfig.clone());
        }
        if (vendorData != null) {
            files.put("vendor-data", vendorData.clone());
        }
        return files;
    }

    /** The ISO image; the same seed and time always give the same bytes. */
    public byte[] toIso() {
        List<Iso9660Writer.Entry> entries = new ArrayList<>();
        // Read-only, as on any CD: cloud-init only reads them.
        files().forEach((name, data) -> entries.add(new Iso9660Writer.Entry(name, data, 0444)));
        return Iso9660Writer.write(VOLUME_ID, entries, time);
    }

    /** Writes the image to a file, replacing it. */
    public void writeTo(Path file) {
        try {
            Files.write(file, toIso());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Collects the seed's parts; user data and instance id are required. */
    public static final class Builder {
        private byte[] userData;
        private String instanceId;
        private String hostname;
        private byte[] networkConfig;
        private byte[] vendorData;
        private final List<String> publicKeys = new ArrayList<>();
        private Instant time = Instant.now();

        private Builder() {
        }

        public Builder userData(byte[] data) {
            this.userData = data.clone();
            return this;
        }

        public Builder userData(CloudConfig config) {
            return userData(config.renderBytes());
        }

        public Builder userData(MultipartUserData data) {
            return userData(data.renderBytes());
        }

        /** The id cloud-init keys first-boot work on: printable ASCII, no spaces. */
        public Builder instanceId(String id) {
            if (id == null || id.isEmpty() || !id.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
                throw new IllegalArgumentException("instance id must be printable ASCII without spaces: '" + id + "'");
            }
            this.instanceId = id;
            return this;
        }

        public Builder hostname(String name) {
            if (name != null && (name.length() > 253 || !HOSTNAME.matcher(name).matches())) {
                throw new IllegalArgumentException("not a valid host name: '" + name + "'");
            }
            this.hostname = name;
            return this;
        }

        /** Network configuration (version 1 or 2), written as given. */
        public Builder networkConfig(byte[] config) {
            this.networkConfig = config == null ? null : config.clone();
            return this;
        }

        public Builder vendorData(byte[] data) {
            this.vendorData = data == null ? null : data.clone();
            return this;
        }

        /** An OpenSSH public key line for the default user's {@code authorized_keys} (one line, no line breaks). */
        public Builder publicKey(String line) {
            if (line == null || line.isBlank() || line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("a public key is one non-empty line");
            }
            publicKeys.add(line.strip());
            return this;
        }

        /** The recorded time of the volume and its files (default: now). */
        public Builder time(Instant when) {
            this.time = Objects.requireNonNull(when, "time");
            return this;
        }

        public NoCloudSeed build() {
            return new NoCloudSeed(this);
        }
    }
}
