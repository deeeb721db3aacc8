package io.altostratus.gcp;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.altostratus.gcp.FakeGce.BASE;
import static io.altostratus.gcp.FakeGce.json;
import static io.altostratus.gcp.FakeGce.recorded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import io.altostratus.core.query.ImageQuery;
import io.altostratus.core.query.ImageRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Aliases as public families, listings of public projects, and the image id convention. */
class GceImagesTest {
    private final FakeGce gce = new FakeGce();

    @AfterEach
    void stop() {
        gce.close();
    }

    /** The recorded getFromFamily answer, as a newer image of {@code project}'s {@code family}. */
    private void family(String project, String family, String imageName) {
        String body = recorded("images_getFromFamily_coreos-stable.json")
                .replace("coreos-stable-1520-6-0-v20171012", imageName)
                .replace("coreos-cloud", project)
                .replace("\"family\": \"coreos-stable\"", "\"family\": \"" + family + "\"");
        gce.stub(get(urlPathEqualTo("/compute/v1/projects/" + project + "/global/images/family/" + family))
                .willReturn(json(body)));
    }

    @Test
    void aliasesResolveToTheNewestImageOfTheirPublicFamily() {
        family("ubuntu-os-cloud", "ubuntu-2404-lts-amd64", "ubuntu-2404-noble-amd64-v20241115");
        family("ubuntu-os-cloud", "ubuntu-2404-lts-arm64", "ubuntu-2404-noble-arm64-v20241115");
        family("ubuntu-os-cloud", "ubuntu-2204-lts", "ubuntu-2204-jammy-v20241115");
        family("debian-cloud", "debian-12", "debian-12-bookworm-v20241112");
        family("debian-cloud", "debian-12-arm64", "debian-12-bookworm-arm64-v20241112");
        try (GcpProvider gcp = gce.open()) {
            Image noble = gcp.resolveImage(ImageRef.parse("ubuntu:24.04"));
            assertThat(noble.id()).isEqualTo("projects/ubuntu-os-cloud/global/images/ubuntu-2404-noble-amd64-v20241115");
            assertThat(noble.name()).isEqualTo("ubuntu-2404-noble-amd64-v20241115");
            assertThat(noble.ownerId()).isEqualTo("ubuntu-os-cloud");
            assertThat(noble.ownerAlias()).isEqualTo("ubuntu-os-cloud");
            assertThat(noble.tags()).containsEntry(GceLabels.FAMILY_TAG, "ubuntu-2404-lts-amd64");
            assertThat(noble.distro()).isEqualTo("ubuntu");
            assertThat(noble.release()).isEqualTo("24.04");
            assertThat(noble.isPublic()).isTrue();
            assertThat(noble.state()).isEqualTo(Image.AVAILABLE);

            assertThat(gcp.resolveImage(ImageRef.parse("ubuntu:24.04/arm64")).architecture())
                    .isEqualTo(Architecture.ARM64);
            assertThat(gcp.resolveImage(ImageRef.parse("ubuntu:22.04")).release()).isEqualTo("22.04");
            Image bookworm = gcp.resolveImage(ImageRef.parse("debian:12"));
            assertThat(bookworm.id()).isEqualTo("projects/debian-cloud/global/images/debian-12-bookworm-v20241112");
            assertThat(bookworm.distro()).isEqualTo("debian");
            assertThat(bookworm.release()).isEqualTo("12");
            assertThat(gcp.resolveImage(ImageRef.parse("debian:12/arm64")).architecture())
                    .isEqualTo(Architecture.ARM64);
            assertThat(gce.totalRequests()).isEqualTo(5);
        }
    }

    @Test
    void anUnknownAliasIsNotFoundWithoutACall() {
        try (GcpProvider gcp = gce.open()) {
            AltoException e = catchThrowableOfType(AltoException.class,
                    () -> gcp.resolveImage(ImageRef.parse("amazon-linux:2023")));
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(gce.totalRequests()).isZero();
        }
    }

    @Test
    void aMissingFamilyIsNotFound() {
        gce.stub(get(urlPathEqualTo("/compute/v1/projects/ubuntu-os-cloud/global/images/family/ubuntu-2404-lts-amd64"))
                .willReturn(json(404, recorded("error_404_notFound.json"))));
        try (GcpProvider gcp = gce.open()) {
            AltoException e = catchThrowableOfType(AltoException.class,
                    () -> gcp.resolveImage(ImageRef.parse("ubuntu:24.04")));
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(e.providerCode()).isEqualTo("notFound");
        }
    }

    @Test
    void aDistroQueryListsItsPublicProjectWithoutObsoleteImages() {
        gce.stub(get(urlPathEqualTo(BASE + "/global/images"))
                .willReturn(json("{\"kind\":\"compute#imageList\",\"id\":\"projects/project_name/global/images\"}")));
        gce.stub(get(urlPathEqualTo("/compute/v1/projects/debian-cloud/global/images"))
                .willReturn(json(recorded("images_list_debian-cloud.json"))));
        try (GcpProvider gcp = gce.open()) {
            List<Image> wheezy = gcp.images(ImageQuery.distro("debian", "7", null));

            assertThat(wheezy).isNotEmpty().allSatisfy(i -> {
                assertThat(i.id()).startsWith("projects/debian-cloud/global/images/debian-7-wheezy-");
                assertThat(i.ownerId()).isEqualTo("debian-cloud");
                assertThat(i.release()).isEqualTo("7");
            });
            assertThat(gcp.images(ImageQuery.distro("debian", "12", null))).isEmpty();
        }
    }

    @Test
    void malformedImageIdsAreInvalid() {
        try (GcpProvider gcp = gce.open()) {
            for (String id : List.of("ami-0123456789abcdef0", "projects/p/global/images/", "images/x", "not an id!")) {
                AltoException e = catchThrowableOfType(AltoException.class, () -> gcp.resolveImage(ImageRef.parse(id)));
                assertThat(e.code()).as(id).isEqualTo(ErrorCode.INVALID_PARAMETER);
            }
            assertThat(gce.totalRequests()).isZero();
        }
    }

    @Test
    void imageLabelsAreSetWithTheFingerprintJustRead() {
        String image = recorded("images_getFromFamily_coreos-stable.json")
                .replace("coreos-stable-1520-6-0-v20171012", "mine").replace("coreos-cloud", "project_name");
        gce.stub(get(urlPathEqualTo(BASE + "/global/images/mine")).willReturn(json(image)));
        gce.stub(post(urlPathEqualTo(BASE + "/global/images/mine/setLabels"))
                .willReturn(json("{\"kind\":\"compute#operation\",\"name\":\"op-1\",\"status\":\"DONE\"}")));
        try (GcpProvider gcp = gce.open()) {
            gcp.tag("projects/project_name/global/images/mine", Map.of("stage", "candidate"));

            var body = FakeGce.body(gce.requests("POST", "/setLabels").get(0));
            assertThat(body.path("labelFingerprint").asText()).isEqualTo("42WmSpB8rSM=");
            assertThat(body.path("labels").path("stage").asText()).isEqualTo("candidate");
        }
    }
}
