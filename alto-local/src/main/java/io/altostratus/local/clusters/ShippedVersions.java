package io.altostratus.local.clusters;

import io.altostratus.core.clusters.KubernetesVersion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The Kubernetes versions the local cloud offers, read once from {@code versions.tsv} beside this class. */
final class ShippedVersions {
    private static final List<KubernetesVersion> VERSIONS = load();

    private ShippedVersions() {
    }

    static List<KubernetesVersion> all() {
        return VERSIONS;
    }

    private static List<KubernetesVersion> load() {
        List<KubernetesVersion> out = new ArrayList<>();
        try (InputStream in = ShippedVersions.class.getResourceAsStream("versions.tsv")) {
            if (in == null) {
                throw new IllegalStateException("versions.tsv is missing from alto-local's resources");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                LocalDate end = f.length > 2 && !f[2].isBlank() ? LocalDate.parse(f[2].strip()) : null;
                out.add(new KubernetesVersion(f[0].strip(), f.length > 1 && "default".equals(f[1].strip()), end));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (out.stream().filter(KubernetesVersion::isDefault).count() != 1) {
            throw new IllegalStateException("versions.tsv must mark exactly one version as the default");
        }
        return List.copyOf(out);
    }
}
