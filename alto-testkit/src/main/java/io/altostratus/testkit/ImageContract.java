package io.altostratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.query.ImageQuery;
import io.altostratus.core.query.ImageRef;
import io.altostratus.core.wait.InstanceCondition;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Image aliases and queries, and images made from instances that launch again, take tags and are deleted. */
public interface ImageContract extends ProviderContract {

    @Test
    default void imageAliasesResolveToTheNewestAvailableImageOfThatDistroReleaseAndArchitecture(ContractSession s) {
        List<String> aliases = s.fixture().imageAliases();
        assumeFalse(aliases.isEmpty(), "the fixture names no image aliases");

        for (String alias : aliases) {
            ImageRef ref = ImageRef.parse(alias);
            Image image = s.cloud().image(alias);

            assertThat(image.distro()).as("distro of %s", alias).isEqualToIgnoringCase(ref.distro());
            if (!"latest".equalsIgnoreCase(ref.release())) {
                assertThat(image.release()).as("release of %s", alias).isEqualToIgnoringCase(ref.release());
            }
            assertThat(image.architecture()).as("architecture of %s", alias).isEqualTo(ref.architecture());
            assertThat(image.state()).as("state of %s", alias).isEqualTo(Image.AVAILABLE);
            assertThat(s.cloud().image(image.id()).id()).as("%s resolved by its id", alias).isEqualTo(image.id());
            if (image.creationDate() != null && !"latest".equalsIgnoreCase(ref.release())) {
                List<Image> newer = s.cloud().images(ImageQuery.distro(ref.distro(), ref.release(), ref.architecture()))
                        .stream()
                        .filter(i -> Image.AVAILABLE.equals(i.state()) && i.creationDate() != null
                                && i.creationDate().isAfter(image.creationDate()))
                        .toList();
                assertThat(newer).as("available images of %s newer than the one it resolved to", alias).isEmpty();
            }
        }
    }

    @Test
    default void imageQueriesByIdAndDistroFindTheAliasedImage(ContractSession s) {
        List<String> aliases = s.fixture().imageAliases();
        assumeFalse(aliases.isEmpty(), "the fixture names no image aliases");
        ImageRef ref = ImageRef.parse(aliases.get(0));
        Image image = s.cloud().image(aliases.get(0));

        assertThat(s.cloud().images(new ImageQuery(Set.of(image.id()), null, null, null, null, null, null)))
                .extracting(Image::id).containsExactly(image.id());
        assertThat(s.cloud().images(ImageQuery.distro(image.distro(), image.release(), ref.architecture())))
                .extracting(Image::id).contains(image.id());
        assertThat(s.cloud().images(ImageQuery.distro(image.distro(), image.release(), ref.architecture())))
                .allSatisfy(i -> {
                    assertThat(i.distro()).isEqualToIgnoringCase(image.distro());
                    assertThat(i.architecture()).isEqualTo(ref.architecture());
                });
    }

    @Test
    default void imageMadeFromAnInstanceLaunchesNewInstances(ContractSession s) {
        Instance source = s.launchRunning("source");

        Image made = s.cloud().createImage(source.id(), s.name("image"), "made by the contract kit", s.runTags());
        s.trackImage(made.id());

        assertThat(made.id()).isNotBlank();
        assertThat(made.name()).isEqualTo(s.name("image"));
        assertThat(made.tags()).containsEntry(ContractSession.RUN_TAG, s.runId());
        Image available = s.await("image " + made.id() + " to be available",
                () -> s.cloud().image(made.id()), i -> Image.AVAILABLE.equals(i.state()));
        assertThat(available.sourceInstanceId()).isEqualTo(source.id());
        assertThat(available.architecture()).isEqualTo(s.cloud().image(s.fixture().image()).architecture());

        Instance copy = s.launch(b -> b.name(s.name("copy")).image(made.id())).get(0);

        assertThat(copy.imageId()).isEqualTo(made.id());
        assertThat(s.awaitState(copy.id(), InstanceCondition.RUNNING).state()).isEqualTo(InstanceState.RUNNING);
    }

    @Test
    default void imagesMadeHereAreListedAndTakeTags(ContractSession s) {
        Instance source = s.launchRunning("tagged-source");
        Image made = s.cloud().createImage(source.id(), s.name("tagged"), null, s.runTags());
        s.trackImage(made.id());
        ImageQuery byId = new ImageQuery(Set.of(made.id()), null, null, null, null, null, null);
        assertThat(s.cloud().images(ImageQuery.all())).as("every image").extracting(Image::id).contains(made.id());

        s.cloud().tag(made.id(), Map.of("stage", "candidate"));

        assertThat(s.cloud().images(byId)).singleElement().satisfies(i -> assertThat(i.tags())
                .containsEntry("stage", "candidate").containsEntry(ContractSession.RUN_TAG, s.runId()));

        s.cloud().untag(made.id(), List.of("stage"));

        assertThat(s.cloud().images(byId)).singleElement()
                .satisfies(i -> assertThat(i.tags()).doesNotContainKey("stage"));
    }

    @Test
    default void deletedImageNoLongerLaunches(ContractSession s) {
        Instance source = s.launchRunning("source");
        Image made = s.cloud().createImage(source.id(), s.name("doomed"), null, Map.of());
        s.trackImage(made.id());
        s.await("image " + made.id() + " to be available",
                () -> s.cloud().image(made.id()), i -> Image.AVAILABLE.equals(i.state()));

        s.cloud().deleteImage(made.id(), true);

        List<Image> listed;
        try {
            listed = s.cloud().images(new ImageQuery(Set.of(made.id()), null, null, null, null, null, null));
        } catch (AltoException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
            listed = List.of();
        }
        assertThat(listed).as("a deleted image is gone or deregistered")
                .allSatisfy(i -> assertThat(i.state()).isEqualTo("deregistered"));
        s.expectError(Set.of(ErrorCode.NOT_FOUND, ErrorCode.INVALID_STATE),
                Set.of("InvalidAMIID.NotFound", "InvalidAMIID.Unavailable"),
                () -> s.launch(b -> b.image(made.id())));
        assertThat(s.listRun()).as("instances left by a launch of a deleted image").extracting(Instance::id)
                .containsExactly(source.id());
    }
}
