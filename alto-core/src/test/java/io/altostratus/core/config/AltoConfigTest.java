package io.altostratus.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AltoConfigTest {
    @TempDir
    Path dir;

    @Test
    void fileSectionsAndEnvironmentOverlay() throws Exception {
        Path file = dir.resolve("alto.toml");
        Files.writeString(file, """
                provider = "local"
                region = "eu-west-1"

                [local]
                transition_ms = 0
                state_dir = "/srv/alto"

                [aws]
                profile = "lab"
                """);
        AltoConfig config = AltoConfig.load(file, Map.of("HOME", dir.toString(), "ALTO_REGION", "us-west-2",
                "ALTO_AWS_PROFILE", "ci"));
        assertThat(config.get("provider")).contains("local");
        assertThat(config.get("region")).contains("us-west-2");
        assertThat(config.section("local")).containsEntry("transition_ms", "0");
        assertThat(config.section("aws")).containsEntry("profile", "ci");
        assertThat(config.source()).contains(file);
    }

    @Test
    void configFileFromEnvironmentAndXdgDefaults() throws Exception {
        Path file = dir.resolve("other.toml");
        Files.writeString(file, "output = \"json\"\n");
        AltoConfig config = AltoConfig.load(null, Map.of("HOME", dir.toString(), "ALTO_CONFIG", file.toString()));
        assertThat(config.get("output")).contains("json");
        assertThat(config.defaultStateDir()).isEqualTo(dir.resolve(".local/state/alto"));
        AltoConfig xdg = AltoConfig.load(null, Map.of("HOME", dir.toString(), "XDG_STATE_HOME", "/x/state"));
        assertThat(xdg.defaultStateDir()).isEqualTo(Path.of("/x/state/alto"));
    }

    @Test
    void missingExplicitFileAndMalformedFileAreClearErrors() throws Exception {
        assertThatThrownBy(() -> AltoConfig.load(dir.resolve("nope.toml"), Map.of()))
                .isInstanceOf(AltoException.class).hasMessageContaining("nope.toml")
                .satisfies(e -> assertThat(((AltoException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER));
        Path bad = dir.resolve("bad.toml");
        Files.writeString(bad, "this is = = not toml [");
        assertThatThrownBy(() -> AltoConfig.load(bad, Map.of()))
                .isInstanceOf(AltoException.class).hasMessageContaining("bad.toml");
    }
}
