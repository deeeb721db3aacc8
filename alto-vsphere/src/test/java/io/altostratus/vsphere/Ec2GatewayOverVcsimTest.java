package io.altostratus.vsphere;

import io.altostratus.testkit.peers.Vcsim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.altostratus.core.spi.ProviderContext;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.action.Ec2Dispatcher;
import io.altostratus.gateway.action.groups.Ec2Actions;
import io.altostratus.gateway.backend.Backend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code alto serve --backend vsphere} in this process: the EC2 gateway over the vsphere provider on a simulated
 * standalone ESXi host, driven by the real AWS CLI (skipped, saying so, where {@code aws} is not installed):
 * run-instances from a template, describe-instances with the address VMware Tools reports, stop, terminate.
 */
class Ec2GatewayOverVcsimTest {
    @Test
    void awsCliDrivesTheSimulatedEsxiHost() throws Exception {
        assumeTrue(onPath("aws"), "no AWS CLI on the PATH (install awscli)");
        try (Vcsim esx = Vcsim.start("-esx", "-tools-delay", "0s");
             Backend backend = new Backend(new VsphereProviderFactory(), new ProviderContext(null,
                     ProviderContext.DEFAULT_ACCOUNT, null, null, esx.settings(), null))) {
            Gateway gateway = Gateway.builder().port(0).dispatcher(new Ec2Dispatcher(backend, Ec2Actions.all()))
                    .start();
            try {
                String endpoint = gateway.endpoint().toString();
                String images = aws(endpoint, "ec2", "describe-images", "--query",
                        "Images[?Name=='ubuntu-24.04'].ImageId", "--output", "text");
                assertThat(images.strip()).matches("ami-[0-9a-f]+");

                String run = aws(endpoint, "ec2", "run-instances", "--image-id", images.strip(), "--instance-type",
                        "small", "--count", "1", "--query", "Instances[0].InstanceId", "--output", "text");
                String id = run.strip();
                assertThat(id).matches("i-[0-9a-f]+");

                String address = "";
                for (int i = 0; i < 100 && !address.matches("10\\.\\d+\\.\\d+\\.\\d+"); i++) {
                    Thread.sleep(100);
                    address = aws(endpoint, "ec2", "describe-instances", "--instance-ids", id, "--query",
                            "Reservations[0].Instances[0].[State.Name,PrivateIpAddress]", "--output", "text")
                            .strip().replaceFirst("^running\\s+", "");
                }
                assertThat(address).as("the address VMware Tools reports").matches("10\\.\\d+\\.\\d+\\.\\d+");

                assertThat(aws(endpoint, "ec2", "stop-instances", "--instance-ids", id, "--query",
                        "StoppingInstances[0].CurrentState.Name", "--output", "text").strip())
                        .isIn("stopping", "stopped");
                assertThat(aws(endpoint, "ec2", "terminate-instances", "--instance-ids", id, "--query",
                        "TerminatingInstances[0].CurrentState.Name", "--output", "text").strip())
                        .isIn("shutting-down", "terminated");
                assertThat(aws(endpoint, "ec2", "describe-instances", "--instance-ids", id, "--query",
                        "Reservations[0].Instances[0].State.Name", "--output", "text").strip())
                        .isEqualTo("terminated");
            } finally {
                gateway.close();
            }
        }
    }

    private static String aws(String endpoint, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint, "--region", "us-east-1"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("AWS_ACCESS_KEY_ID", "test");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        pb.environment().put("AWS_PAGER", "");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("aws %s: %s", String.join(" ", args), out).isZero();
        return out;
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
