package io.altostratus.vsphere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.spi.ProviderContext;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VsphereSettingsTest {
    private static ProviderContext context(String endpoint, Map<String, String> settings) {
        return new ProviderContext(null, ProviderContext.DEFAULT_ACCOUNT, endpoint, null, settings,
                Clock.systemUTC());
    }

    @Test
    void credentialsInTheUrlAreTakenAndLeftOutOfTheEndpoint() {
        VsphereSettings s = VsphereSettings.from(context(null, Map.of("endpoint",
                "https://administrator%40vsphere.local:p%3Ass@vc.lab:8443")), Map.of());
        assertThat(s.endpoint().toString()).isEqualTo("https://vc.lab:8443/sdk");
        assertThat(s.user()).isEqualTo("administrator@vsphere.local");
        assertThat(s.password()).isEqualTo("p:ss");
        assertThat(s.regionName()).isEqualTo("vc.lab");
    }

    @Test
    void flagWinsOverTheFileAndTheEnvironmentGivesCredentials() {
        VsphereSettings s = VsphereSettings.from(context("esx1.lab", Map.of("endpoint", "https://other/sdk")),
                Map.of("ALTO_VSPHERE_USER", "root", "ALTO_VSPHERE_PASSWORD", "secret", "ALTO_VSPHERE_INSECURE", "true"));
        assertThat(s.endpoint().toString()).isEqualTo("https://esx1.lab/sdk");
        assertThat(s.user()).isEqualTo("root");
        assertThat(s.password()).isEqualTo("secret");
        assertThat(s.insecure()).isTrue();
        assertThat(s.network()).isEqualTo("VM Network");
        assertThat(s.guestConfig()).isEqualTo(VsphereSettings.GUESTINFO);
    }

    @Test
    void certificatesAreCheckedByDefaultAndTwoWaysOutConflict() {
        assertThat(VsphereSettings.from(context("https://h/sdk", Map.of()), Map.of()).insecure()).isFalse();
        Map<String, String> both = new LinkedHashMap<>(Map.of("insecure", "true", "fingerprint", "AA:BB"));
        assertThatThrownBy(() -> VsphereSettings.from(context("https://h/sdk", both), Map.of()))
                .isInstanceOfSatisfying(AltoException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.INVALID_PARAMETER));
        assertThatThrownBy(() -> VsphereSettings.from(context("https://h/sdk", Map.of("guest_config", "iso")),
                Map.of())).hasMessageContaining("guest_config");
    }

    @Test
    void noCredentialsIsAuthFailureBeforeAnyCall() {
        assertThatThrownBy(() -> new VsphereProviderFactory(d -> { }, null, Map.of()).open(
                context("https://127.0.0.1:9/sdk", Map.of())))
                .isInstanceOfSatisfying(AltoException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.AUTH_FAILURE));
    }

    @Test
    void annotationKeepsTheOperatorsTextAndAnyTag() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("env", "prod");
        tags.put("odd key=", "line\nbreak & 100%");
        String written = AnnotationTags.write("Web server\nfor the shop", tags);
        assertThat(AnnotationTags.text(written)).isEqualTo("Web server\nfor the shop");
        assertThat(AnnotationTags.read(written)).containsExactlyEntriesOf(tags);
        assertThat(AnnotationTags.write("notes", Map.of())).isEqualTo("notes");
        assertThat(AnnotationTags.read("no block here")).isEmpty();
    }
}
