package io.altostratus.aws;

import io.altostratus.aws.internal.Ec2Convert;
import io.altostratus.core.wait.Retrier;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Tags on any resource. */
final class AwsTags {
    private final AwsContext context;
    private final Ec2Client ec2;
    private final Retrier retrier;

    AwsTags(AwsContext context) {
        this.context = context;
        this.ec2 = context.ec2();
        this.retrier = context.retrier();
    }

    void tag(String resourceId, Map<String, String> tags) {
        retrier.callUntilVisible("CreateTags", context.visibleBy(List.of(resourceId)), () -> ec2.createTags(r -> r
                .resources(resourceId).tags(Ec2Convert.sdkTags(tags))));
    }

    void untag(String resourceId, Collection<String> keys) {
        retrier.run("DeleteTags", () -> ec2.deleteTags(r -> r.resources(resourceId).tags(keys.stream()
                .map(k -> software.amazon.awssdk.services.ec2.model.Tag.builder().key(k).build()).toList())));
    }
}
