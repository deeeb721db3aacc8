package io.altostratus.gateway.eks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.gateway.auth.AccessKey;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.NotFoundException;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

/** The caller's account comes from its access key, and its region from the signature: each sees only its own. */
class EksAccountsTest {
    @Test
    void accountsAndRegionsAreSeparate() {
        try (EksEndpoint endpoint = new EksEndpoint(0); EksClient first = endpoint.client()) {
            AccessKey other = endpoint.gateway.accessKeys().create("111122223333");
            try (EksClient second = client(endpoint, other, Region.US_EAST_1);
                 EksClient secondWest = client(endpoint, other, Region.US_WEST_2)) {
                Cluster mine = first.createCluster(b -> b.name("shared-name").roleArn("arn:aws:iam::0:role/r")
                        .resourcesVpcConfig(v -> v.endpointPublicAccess(true))).cluster();
                assertThat(mine.arn()).isEqualTo("arn:aws:eks:us-east-1:000000000000:cluster/shared-name");
                assertThat(second.listClusters(b -> { }).clusters()).doesNotContain("shared-name");
                assertThatThrownBy(() -> second.describeCluster(b -> b.name("shared-name")))
                        .isInstanceOf(ResourceNotFoundException.class);
                // Another account cannot reach a resource by its ARN either.
                assertThatThrownBy(() -> second.listTagsForResource(b -> b.resourceArn(mine.arn())))
                        .isInstanceOf(NotFoundException.class);

                Cluster theirs = secondWest.createCluster(b -> b.name("shared-name").roleArn("arn:aws:iam::1:role/r")
                        .resourcesVpcConfig(v -> v.endpointPublicAccess(true))).cluster();
                assertThat(theirs.arn()).isEqualTo("arn:aws:eks:us-west-2:111122223333:cluster/shared-name");
                assertThat(second.listClusters(b -> { }).clusters()).doesNotContain("shared-name");
                assertThat(secondWest.listClusters(b -> { }).clusters()).containsExactly("shared-name");
                assertThat(first.describeCluster(b -> b.name("shared-name")).cluster().roleArn())
                        .isEqualTo("arn:aws:iam::0:role/r");
            }
        }
    }

    private static EksClient client(EksEndpoint endpoint, AccessKey key, Region region) {
        return EksClient.builder().endpointOverride(endpoint.endpoint()).region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(),
                        key.secretAccessKey())))
                .build();
    }
}
