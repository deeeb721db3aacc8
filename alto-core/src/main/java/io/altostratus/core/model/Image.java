package io.altostratus.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A machine image.
 *
 * @param id              the provider's image id, e.g. {@code ami-0a1b2c3d4e5f60718}
 * @param name            the image name, e.g. {@code ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-20251001}
 * @param description     free text, may be null
 * @param ownerId         the owning account (Canonical is {@code 099720109477})
 * @param ownerAlias      {@code amazon}, {@code aws-marketplace} or null
 * @param distro          normalised distribution ({@code ubuntu}, {@code debian}, {@code amazon-linux}), or null
 * @param release         distribution release ({@code 24.04}, {@code 12}, {@code 2023}), or null
 * @param architecture    the CPU architecture the image boots on
 * @param state           {@code pending}, {@code available}, {@code failed} or {@code deregistered}
 * @param isPublic        whether every account may launch it
 * @param rootDeviceName  e.g. {@code /dev/sda1}
 * @param rootSizeGiB     size of the root volume a launch creates
 * @param snapshotIds     the snapshots that back the image (empty for provider-public images we did not make)
 * @param sourceInstanceId the instance it was made from, when made by {@code createImage}
 * @param creationDate    when it was made
 * @param tags            tags
 */
public record Image(
        String id,
        String name,
        String description,
        String ownerId,
        String ownerAlias,
        String distro,
        String release,
        Architecture architecture,
        String state,
        boolean isPublic,
        String rootDeviceName,
        int rootSizeGiB,
        List<String> snapshotIds,
        String sourceInstanceId,
        Instant creationDate,
        Map<String, String> tags) {

    public static final String AVAILABLE = "available";
    public static final String PENDING = "pending";

    public Image {
        Objects.requireNonNull(id, "id");
        snapshotIds = snapshotIds == null ? List.of() : List.copyOf(snapshotIds);
        tags = Tags.copy(tags);
    }

    public Image withTags(Map<String, String> newTags) {
        return new Image(id, name, description, ownerId, ownerAlias, distro, release, architecture, state, isPublic,
                rootDeviceName, rootSizeGiB, snapshotIds, sourceInstanceId, creationDate, newTags);
    }

    public Image withState(String newState) {
        return new Image(id, name, description, ownerId, ownerAlias, distro, release, architecture, newState,
                isPublic, rootDeviceName, rootSizeGiB, snapshotIds, sourceInstanceId, creationDate, tags);
    }
}
