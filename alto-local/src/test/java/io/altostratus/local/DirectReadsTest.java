package io.altostratus.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.NetworkInterface;
import io.altostratus.core.model.Volume;
import io.altostratus.core.query.Page;
import io.altostratus.core.query.PageRequest;
import io.altostratus.core.ext.NetworkInterfaces;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.Providers;
import io.altostratus.core.wait.ManualClock;
import io.altostratus.testkit.ThrowawayPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local cloud on a store that reads the state file directly ({@code store_reads = "direct"}, the CLI's) and one
 * that mirrors it, on the same directory (or PostgreSQL database, setting {@code store}) at once: each sees what the
 * other did, and filtered listings agree.
 */
class DirectReadsTest {
    private final ManualClock clock = new ManualClock();

    private ComputeProvider open(Path dir, String reads) {
        return Providers.named("local").open(new ProviderContext("us-east-1", "111111111111", null, dir,
                Map.of("transition_ms", "1500", LocalProviderFactory.STORE_READS, reads), clock));
    }

    /** A session on the PostgreSQL database at {@code url} (setting {@code store}) instead of a state directory. */
    private ComputeProvider openOn(String url, Path dir, String reads) {
        return Providers.named("local").open(new ProviderContext("us-east-1", "111111111111", null, dir,
                Map.of("transition_ms", "1500", LocalProviderFactory.STORE_READS, reads, LocalProviderFactory.STORE,
                        url), clock));
    }

    @Test
    void aDirectSessionAndAMirroringOneShareTheStateAndAnswerFilteredListingsAlike(@TempDir Path dir) {
        try (ComputeProvider direct = open(dir, "direct"); ComputeProvider mirrored = open(dir, "mirror")) {
            shareAndAgree(direct, mirrored);
        }
    }

    @Test
    void soDoTheyOnAPostgresDatabaseNamedByTheStoreSetting(@TempDir Path dir) {
        try (ThrowawayPostgres pg = ThrowawayPostgres.start()) {
            String url = pg.url(pg.createDatabase());
            try (ComputeProvider direct = openOn(url, dir, "direct");
                 ComputeProvider mirrored = openOn(url, dir, "mirror")) {
                shareAndAgree(direct, mirrored);
            }
            assertThat(dir.resolve("state.db")).as("the state directory was not used").doesNotExist();
        }
    }

    @Test
    void aStoreSettingThatIsNotAPostgresUrlIsAClearError(@TempDir Path dir) {
        assertThatThrownBy(() -> openOn(dir.toString(), dir, "direct"))
                .isInstanceOfSatisfying(AltoException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER))
                .hasMessageContaining("store must be a postgresql://");
    }

    private void shareAndAgree(ComputeProvider direct, ComputeProvider mirrored) {
        List<Instance> web = direct.launch(LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.small")
                .count(3).tag("role", "web").build());
        mirrored.launch(LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.micro").count(2)
                .tag("role", "db").build());
        mirrored.terminate(List.of(web.get(0).id()));
        clock.advance(Duration.ofMillis(1500));

        for (InstanceQuery query : List.of(InstanceQuery.builder().tag("role", "web").build(),
                InstanceQuery.builder().states(List.of(InstanceState.RUNNING)).build(),
                InstanceQuery.builder().types(java.util.Set.of("t3.micro")).build(),
                InstanceQuery.builder().build())) {
            assertThat(direct.instances(query)).as("%s", query).isEqualTo(mirrored.instances(query));
        }
        assertThat(direct.instances(InstanceQuery.builder().tag("role", "web")
                .states(List.of(InstanceState.RUNNING)).build()))
                .extracting(Instance::id).containsExactly(web.get(1).id(), web.get(2).id());
    }

    @Test
    void anUnknownReadModeIsAClearError(@TempDir Path dir) {
        assertThatThrownBy(() -> open(dir, "lazy"))
                .isInstanceOfSatisfying(AltoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER))
                .hasMessageContaining("store_reads must be 'mirror' or 'direct': lazy");
    }

    @Test
    void theTaggedVolumesAndInterfacesWalkFollowsTagsAddedAndRemovedByEitherSession(@TempDir Path dir) {
        try (ComputeProvider direct = open(dir, "direct"); ComputeProvider mirrored = open(dir, "mirror")) {
            List<Instance> fleet = mirrored.launch(LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.micro")
                    .count(5).build());
            Volumes directVolumes = direct.extension(Volumes.class).orElseThrow();
            Volumes mirroredVolumes = mirrored.extension(Volumes.class).orElseThrow();
            NetworkInterfaces directEnis = direct.extension(NetworkInterfaces.class).orElseThrow();
            List<String> volumes = mirroredVolumes.volumes().stream().map(Volume::id).sorted().toList();
            String eni = fleet.get(2).networkInterfaceIds().get(0);
            assertThat(directVolumes.taggedVolumes(PageRequest.first(10)).items()).isEmpty();

            direct.tag(volumes.get(3), Map.of("keep", "yes"));
            mirrored.tag(volumes.get(1), Map.of("keep", "yes", "two", "2"));
            mirrored.tag(eni, Map.of("role", "primary"));
            for (Volumes side : List.of(directVolumes, mirroredVolumes)) {
                Page<Volume> first = side.taggedVolumes(PageRequest.first(1));
                assertThat(first.items()).extracting(Volume::id).containsExactly(volumes.get(1));
                assertThat(side.taggedVolumes(PageRequest.first(1).next(first.nextCursor())).items())
                        .extracting(Volume::id).containsExactly(volumes.get(3));
            }
            assertThat(directEnis.taggedNetworkInterfaces(PageRequest.first(10)).items())
                    .extracting(NetworkInterface::id).containsExactly(eni);

            direct.untag(volumes.get(1), List.of("keep", "two"));
            for (Volumes side : List.of(directVolumes, mirroredVolumes)) {
                assertThat(side.taggedVolumes(PageRequest.first(10)).items()).extracting(Volume::id)
                        .containsExactly(volumes.get(3));
            }
        }
    }
}
