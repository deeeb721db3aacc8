package io.altostratus.minimal;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.Cloud;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.query.ImageQuery;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.wait.InstanceCondition;
import io.altostratus.core.wait.ManualClock;
import io.altostratus.core.wait.Waiter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider opened again on the same state directory (a new factory, as after a restart of the gateway or a new CLI
 * process) sees the instances, states, tags and images of the one before, under the same ids.
 */
class MinimalRestartTest {
    private static final String ACCOUNT = "123456789012";
    private final ManualClock clock = new ManualClock();

    @TempDir
    Path stateDir;

    private Cloud open(Path dir, MinimalProviderFactory factory) {
        ProviderContext context = new ProviderContext(null, ACCOUNT, null, dir, Map.of(), clock);
        return new Cloud(factory.open(context), Waiter.builder().clock(clock).sleeper(clock));
    }

    @Test
    void aReopenedProviderOnTheSameStateDirSeesTheSameInstancesAndImages() {
        List<String> ids;
        String stoppedId;
        String imageId;
        try (Cloud before = open(stateDir, new MinimalProviderFactory())) {
            ids = before.launch(b -> b.image("ubuntu:24.04").instanceType("small").name("web").tag("role", "web")
                    .count(3)).stream().map(Instance::id).toList();
            before.waitForAll(ids, InstanceCondition.RUNNING, Duration.ofMinutes(1));
            stoppedId = ids.get(2);
            before.stop(List.of(stoppedId), false);
            before.tag(ids.get(0), Map.of("env", "prod"));
            imageId = before.createImage(ids.get(0), "web-image", null, Map.of("kind", "golden")).id();
        }
        assertThat(stateDir.resolve("minimal-" + ACCOUNT + "-local-1.json")).isRegularFile();

        try (Cloud after = open(stateDir, new MinimalProviderFactory())) {
            assertThat(after.instances()).extracting(Instance::id).containsExactlyElementsOf(ids);
            assertThat(after.instance(ids.get(0)).tags()).containsEntry("env", "prod").containsEntry("role", "web")
                    .containsEntry("Name", "web");
            assertThat(after.instance(ids.get(1)).state()).isEqualTo(InstanceState.RUNNING);
            assertThat(after.waitFor(stoppedId, InstanceCondition.STOPPED, Duration.ofMinutes(1)).state())
                    .as("a stop begun before the restart settles after it").isEqualTo(InstanceState.STOPPED);
            Image image = after.waitForImage(imageId, Duration.ofMinutes(1));
            assertThat(image.name()).isEqualTo("web-image");
            assertThat(image.sourceInstanceId()).isEqualTo(ids.get(0));
            assertThat(image.tags()).containsEntry("kind", "golden");

            after.terminate(List.of(ids.get(1)));
        }

        try (Cloud again = open(stateDir, new MinimalProviderFactory())) {
            assertThat(again.waitFor(ids.get(1), InstanceCondition.TERMINATED, Duration.ofMinutes(1)).id())
                    .isEqualTo(ids.get(1));
            assertThat(again.images(new ImageQuery(Set.of(imageId), null, null, null, null, null, null)))
                    .extracting(Image::id).containsExactly(imageId);
        }
    }

    @Test
    void stateDirectoriesAndAccountsDoNotShareInstances() throws Exception {
        Path other = Files.createDirectory(stateDir.resolve("other"));
        String id;
        try (Cloud first = open(stateDir, new MinimalProviderFactory())) {
            id = first.launch(b -> b.image("debian:12").instanceType("medium")).get(0).id();
        }

        try (Cloud elsewhere = open(other, new MinimalProviderFactory())) {
            assertThat(elsewhere.instances()).isEmpty();
        }
        MinimalProviderFactory factory = new MinimalProviderFactory();
        ProviderContext otherAccount = new ProviderContext(null, "999999999999", null, stateDir, Map.of(), clock);
        try (Cloud stranger = new Cloud(factory.open(otherAccount))) {
            assertThat(stranger.instances()).extracting(Instance::id).doesNotContain(id);
        }
    }

    @Test
    void withoutAStateDirTheStateLivesAsLongAsTheFactory() {
        MinimalProviderFactory factory = new MinimalProviderFactory();
        String id;
        try (Cloud first = open(null, factory)) {
            id = first.launch(b -> b.image("ubuntu:24.04").instanceType("small")).get(0).id();
        }

        try (Cloud second = open(null, factory)) {
            assertThat(second.instances()).extracting(Instance::id).containsExactly(id);
        }
        try (Cloud fresh = open(null, new MinimalProviderFactory())) {
            assertThat(fresh.instances()).as("another factory's memory").isEmpty();
        }
    }
}
