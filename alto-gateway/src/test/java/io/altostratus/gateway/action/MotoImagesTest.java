package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.model.Image;

/** moto's default images are well-known images of the local cloud, so suites written for moto find theirs. */
class MotoImagesTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    @Test
    void motosImageIdsDescribeAndLaunch() {
        Image image = gw.client().describeImages(r -> r.imageIds("ami-12c6146b")).images().get(0);
        assertThat(image.name()).isEqualTo("Windows_Server-2008-R2_SP1-English-64Bit-Base-2017.10.13");
        assertThat(image.ownerId()).isEqualTo("801119661308");
        assertThat(image.architectureAsString()).isEqualTo("x86_64");
        assertThat(image.rootDeviceName()).isEqualTo("/dev/sda1");

        var instance = gw.client().runInstances(r -> r.imageId("ami-12c6146b").instanceType("t2.micro")
                .minCount(1).maxCount(1)).instances().get(0);
        assertThat(instance.imageId()).isEqualTo("ami-12c6146b");
    }

    @Test
    void theyAreOlderThanTheCatalogsOwnImagesSoNewestLookupsAreUnchanged() {
        // Canonical owns two of moto's images; the newest Canonical image is still one of the catalog's.
        var canonical = gw.client().describeImages(r -> r.owners("099720109477")
                .filters(filter("name", "*ubuntu*"))).images();
        assertThat(canonical).extracting(Image::imageId).contains("ami-1e749f67");
        Image newest = canonical.stream().max(java.util.Comparator.comparing(Image::creationDate)).orElseThrow();
        assertThat(newest.creationDate()).isGreaterThan("2018");
    }
}
