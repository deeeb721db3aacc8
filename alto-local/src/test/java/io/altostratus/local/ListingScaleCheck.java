package io.altostratus.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.model.Instance;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.spec.LaunchSpec;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Prints how long a tag-filtered listing of ten instances takes as the fleet grows (never asserts times: machines
 * differ); the printed figures should stay about flat, where a scan would grow with the fleet. It does assert that
 * each listing finds exactly its ten instances. {@code -Dalto.scale.max=N} grows further than the default 10,000.
 */
class ListingScaleCheck {

    @Test
    void aTagFilteredListingStaysAboutFlatAsTheFleetGrows() {
        int max = Integer.getInteger("alto.scale.max", 10_000);
        try (TestClouds clouds = new TestClouds().setting("max_instances", Integer.toString(max + 1000));
             LocalCloud cloud = clouds.open()) {
            int batch = 0;
            int size = 0;
            for (int target = 1000; target <= max; target *= 10) {
                while (size < target) {
                    int count = Math.min(1000, target - size);
                    List<Instance> made = cloud.launch(LaunchSpec.builder().image("ubuntu:24.04")
                            .instanceType("t3.micro").count(count).tag("bench", "scale")
                            .tag("batch", Integer.toString(batch++)).build());
                    size += made.size();
                }
                tenMore(cloud, "needle-" + target);
                InstanceQuery query = InstanceQuery.builder().tag("needle", "needle-" + target).build();
                assertThat(cloud.instances(query)).hasSize(10);
                long best = Long.MAX_VALUE;
                for (int i = 0; i < 20; i++) {
                    long start = System.nanoTime();
                    cloud.instances(query);
                    best = Math.min(best, System.nanoTime() - start);
                }
                System.out.printf(Locale.ROOT, "local listing, tag filter matching 10 of %,d instances: %.3f ms%n",
                        size + 10, best / 1e6);
                size += 10;
            }
        }
    }

    private static void tenMore(LocalCloud cloud, String needle) {
        cloud.launch(LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.micro").count(10)
                .tag("needle", needle).build());
    }
}
