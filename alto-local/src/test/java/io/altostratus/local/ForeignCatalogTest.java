package io.altostratus.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.query.ImageRef;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.ComputeProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The local cloud on another cloud's catalog (GCE's, as the GCE endpoint runs it): that catalog's regions, zones,
 * machine types and image ids, which are not EC2-shaped, work as the catalog gives them.
 */
class ForeignCatalogTest {
    private final TestClouds clouds = new TestClouds();
    private final ComputeProvider cloud = LocalProviderFactory.withStore(clouds.store, Catalogs.shipped("gcp"))
            .open(clouds.context(TestClouds.ACCOUNT, "us-central1", null));

    @AfterEach
    void close() {
        cloud.close();
        clouds.close();
    }

    @Test
    void imagesAreFoundByTheCatalogsOwnIdsAndLaunchesUseThem() {
        Image newest = cloud.resolveImage(ImageRef.parse("ubuntu:24.04"));
        assertThat(newest.id()).startsWith("projects/ubuntu-os-cloud/global/images/ubuntu-2404-");

        assertThat(cloud.resolveImage(ImageRef.parse(newest.id()))).isEqualTo(newest);
        Instance launched = cloud.launch(LaunchSpec.builder().image(newest.id()).instanceType("e2-small")
                .zone("us-central1-a").build()).get(0);
        assertThat(launched.imageId()).isEqualTo(newest.id());
        assertThat(launched.zone()).isEqualTo("us-central1-a");
    }

    @Test
    void aPublicImageOfTheCatalogCannotBeDeletedAndAnUnknownIdIsStillChecked() {
        Image newest = cloud.resolveImage(ImageRef.parse("debian:12"));
        AltoException refused = catchThrowableOfType(AltoException.class, () -> cloud.deleteImage(newest.id(), false));
        assertThat(refused.code()).isEqualTo(ErrorCode.AUTH_FAILURE);

        AltoException malformed = catchThrowableOfType(AltoException.class,
                () -> cloud.resolveImage(ImageRef.parse("projects/nobody/global/images/missing")));
        assertThat(malformed.providerCode()).isEqualTo("InvalidAMIID.Malformed");
    }
}
