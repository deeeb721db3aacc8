package io.altostratus.core.spec;

import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Tags;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code ImageImports.importImage} brings in: a cloud image (qcow2, raw or VMDK) from a local file or a URL,
 * and what the new image answers to.
 *
 * @param file     a local image file, or null when {@code url} is given
 * @param url      an http(s) URL the backend (or the importer) downloads, or null when {@code file} is given
 * @param name     the image's name on the backend (a template's name), or null to derive one from the source
 * @param distro   the distribution the image is ({@code ubuntu}), so aliases such as {@code ubuntu:24.04} resolve
 *                 to it; null when unknown
 * @param release  the release ({@code 24.04}), or null
 * @param zone     where to place it on a backend with places (a Proxmox node, a vSphere cluster or host), or null
 *                 for the provider's choice
 * @param architecture the CPU architecture the image boots on
 * @param tags     tags the image gets
 */
public record ImageImportSpec(Path file, URI url, String name, String distro, String release, String zone,
                              Architecture architecture, Map<String, String> tags) {

    public ImageImportSpec {
        if ((file == null) == (url == null)) {
            throw new IllegalArgumentException("an image import takes exactly one of a file or a URL");
        }
        if (url != null && !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw new IllegalArgumentException("an image URL must be http or https: " + url);
        }
        architecture = architecture == null ? Architecture.X86_64 : architecture;
        tags = Tags.copy(tags);
    }

    /** The source's last path segment, without its extension: the default image name. */
    public String sourceBaseName() {
        String path = file != null ? Objects.toString(file.getFileName(), "image") : url.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        int dot = last.indexOf('.');
        return dot > 0 ? last.substring(0, dot) : (last.isEmpty() ? "image" : last);
    }
}
