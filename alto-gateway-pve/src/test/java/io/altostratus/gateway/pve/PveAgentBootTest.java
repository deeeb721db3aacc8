package io.altostratus.gateway.pve;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.pve.PveEndpoint.Answer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A running VM whose guest has not booted yet: the agent is not there, as PVE says right after a start. */
class PveAgentBootTest {
    @Test
    void theAgentIsNotRunningBeforeTheGuestBoots() {
        try (PveEndpoint pve = new PveEndpoint(AuthMode.PERMISSIVE, Duration.ofHours(1))) {
            int vmid = pve.cloneTemplate(PveEndpoint.AGENT_TEMPLATE, 100, "early");
            pve.ok(pve.post(pve.vm(vmid) + "/status/start", Map.of()));
            Answer agent = pve.get(pve.vm(vmid) + "/agent/network-get-interfaces");
            assertThat(agent.status()).isEqualTo(500);
            assertThat(agent.body().get("message").asText()).isEqualTo("QEMU guest agent is not running\n");
            assertThat(pve.get(pve.vm(vmid) + "/status/current").data().get("status").asText())
                    .isEqualTo("running");
        }
    }
}
