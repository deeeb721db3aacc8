package io.altostratus.local;

import static io.altostratus.local.TestClouds.snapshots;
import static io.altostratus.local.TestClouds.volumes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.Snapshot;
import io.altostratus.core.query.ImageQuery;
import io.altostratus.core.query.ImageRef;
import io.altostratus.core.spec.DiskSpec;
import io.altostratus.core.spec.LaunchSpec;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Aliases over the catalog's images, and images the account makes. */
class ImagesTest {
    private final TestClouds clouds = new TestClouds().setting("transition_ms", "2000");
    private final LocalCloud cloud = clouds.open();

    @AfterEach
    void close() {
        cloud.close();
        clouds.close();
    }

    @Test
    void aliasesResolveToTheNewestAvailableCatalogImageOfThatDistroReleaseAndArchitecture() {
        for (String alias : List.of("ubuntu:24.04", "ubuntu:22.04/arm64", "debian:12", "debian:12/arm64",
                "amazon-linux:2023")) {
            ImageRef ref = ImageRef.parse(alias);
            Image resolved = cloud.resolveImage(ref);
            Image newest = cloud.images(ImageQuery.distro(ref.distro(), ref.release(), ref.architecture())).stream()
                    .filter(i -> Image.AVAILABLE.equals(i.state()))
                    .max(Comparator.comparing(Image::creationDate)).orElseThrow();
            assertThat(resolved.creationDate()).as(alias).isEqualTo(newest.creationDate());
            assertThat(resolved.architecture()).isEqualTo(ref.architecture());
            assertThat(cloud.resolveImage(ImageRef.parse(resolved.id()))).isEqualTo(resolved);
        }
        Instance arm = cloud.launch(LaunchSpec.builder().image("debian:12").architecture(Architecture.ARM64)
                .instanceType("t4g.small").build()).get(0);
        assertThat(cloud.resolveImage(ImageRef.parse(arm.imageId())).architecture()).isEqualTo(Architecture.ARM64);

        AltoException unknown = catchThrowableOfType(AltoException.class,
                () -> cloud.resolveImage(ImageRef.parse("ubuntu:4.10")));
        assertThat(unknown.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(catchThrowableOfType(AltoException.class, () -> cloud.resolveImage(ImageRef.parse("img-1")))
                .providerCode()).isEqualTo("InvalidAMIID.Malformed");
    }

    @Test
    void createImageSnapshotsEveryVolumeAndBecomesAvailableAfterTheTransition() {
        Instance source = cloud.launch(LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.micro")
                .rootVolumeSizeGiB(12).disk(DiskSpec.of(3)).build()).get(0);
        clouds.clock.advance(Duration.ofSeconds(2));

        Image made = cloud.createImage(source.id(), "golden-1", "golden", Map.of("stage", "test"));

        assertThat(made.state()).isEqualTo(Image.PENDING);
        assertThat(made.ownerId()).isEqualTo(TestClouds.ACCOUNT);
        assertThat(made.isPublic()).isFalse();
        assertThat(made.rootSizeGiB()).isEqualTo(12);
        assertThat(made.distro()).isEqualTo("ubuntu");
        assertThat(made.snapshotIds()).hasSize(2);
        assertThat(snapshots(cloud).snapshots()).extracting(Snapshot::id)
                .containsExactlyInAnyOrderElementsOf(made.snapshotIds());
        assertThat(snapshots(cloud).snapshots()).allSatisfy(s -> assertThat(s.state()).isEqualTo("pending"));
        assertThat(catchThrowableOfType(AltoException.class,
                () -> cloud.launch(LaunchSpec.builder().image(made.id()).instanceType("t3.micro").build())).providerCode())
                .isEqualTo("InvalidAMIID.Unavailable");
        assertThat(catchThrowableOfType(AltoException.class,
                () -> cloud.createImage(source.id(), "golden-1", null, Map.of())).providerCode())
                .isEqualTo("InvalidAMIName.Duplicate");

        clouds.clock.advance(Duration.ofSeconds(2));

        assertThat(cloud.resolveImage(ImageRef.parse(made.id())).state()).isEqualTo(Image.AVAILABLE);
        assertThat(snapshots(cloud).snapshots()).allSatisfy(s -> assertThat(s.state()).isEqualTo("completed"));
        assertThat(cloud.images(new ImageQuery(null, Set.of("self"), null, null, null, null, null)))
                .extracting(Image::id).containsExactly(made.id());
        assertThat(cloud.resolveImage(ImageRef.parse("ubuntu:24.04")).id()).as("aliases mean catalog images")
                .isNotEqualTo(made.id());
        Instance copy = cloud.launch(LaunchSpec.builder().image(made.id()).instanceType("t3.micro").build()).get(0);
        assertThat(volumes(cloud).volumes().stream().filter(v -> v.id().equals(copy.blockDevices().get(0).volumeId()))
                .findFirst().orElseThrow().snapshotId()).isEqualTo(made.snapshotIds().get(0));

        assertThat(catchThrowableOfType(AltoException.class, () -> snapshots(cloud)
                .deleteSnapshot(made.snapshotIds().get(0)))
                .providerCode()).isEqualTo("InvalidSnapshot.InUse");
        cloud.deleteImage(made.id(), true);
        assertThat(snapshots(cloud).snapshots()).isEmpty();
        assertThat(catchThrowableOfType(AltoException.class, () -> cloud.resolveImage(ImageRef.parse(made.id()))).code())
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(catchThrowableOfType(AltoException.class, () -> cloud.deleteImage(source.imageId(), false)).code())
                .as("a catalog image").isEqualTo(ErrorCode.AUTH_FAILURE);
    }
}
