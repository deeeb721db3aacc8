package io.altostratus.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.model.GuestEndpoint;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guests a provider reaches on a forwarded loopback port ({@link GuestEndpoint}) are logged into there. */
class GuestLoginEndpointTest {
    private record Forwarded(String sshHost, int sshPort, String loginUser) implements GuestEndpoint {
    }

    @TempDir
    Path dir;

    private Instance guest(GuestEndpoint endpoint) {
        return Instance.builder().id("qemu-1").state(InstanceState.RUNNING).privateIp("10.0.7.15")
                .imageId("img-unknown").details(endpoint).build();
    }

    @Test
    void theForwardedPortAndTheProvidersUserAreUsedWhenNothingElseIsAsked() throws Exception {
        Path key = Files.writeString(dir.resolve("id"), "not read here");
        GuestLogin login = new GuestLogin(null, SshTarget.DEFAULT_PORT, key, List.of(), false, null);

        SshTarget target = login.target(guest(new Forwarded("127.0.0.1", 40022, "admin")), null);

        assertThat(target.host()).isEqualTo("127.0.0.1");
        assertThat(target.port()).isEqualTo(40022);
        assertThat(target.user()).isEqualTo("admin");
    }

    @Test
    void anAskedPortAndUserWin() throws Exception {
        Path key = Files.writeString(dir.resolve("id"), "not read here");
        GuestLogin login = new GuestLogin("ops", 2222, key, List.of(), false, null);

        SshTarget target = login.target(guest(new Forwarded("127.0.0.1", 40022, "admin")), null);

        assertThat(target.host()).isEqualTo("127.0.0.1");
        assertThat(target.port()).isEqualTo(2222);
        assertThat(target.user()).isEqualTo("ops");
    }

    @Test
    void anInstanceWithoutAnEndpointIsReachedOnItsAddress() throws Exception {
        Path key = Files.writeString(dir.resolve("id"), "not read here");
        GuestLogin login = new GuestLogin("ops", SshTarget.DEFAULT_PORT, key, List.of(), false, null);

        SshTarget target = login.target(Instance.builder().id("i-1").state(InstanceState.RUNNING)
                .privateIp("10.0.7.15").build(), null);

        assertThat(target.host()).isEqualTo("10.0.7.15");
        assertThat(target.port()).isEqualTo(SshTarget.DEFAULT_PORT);
    }
}
