package io.altostratus.aws;

import io.altostratus.core.wait.ManualClock;
import io.altostratus.testkit.ComputeProviderContract;
import io.altostratus.testkit.FactoryFixture;
import io.altostratus.testkit.ProviderFixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider contract for {@code aws}: the provider, the real SDK, HTTP, the gateway and the local cloud behind it,
 * all in this process. Backoff and waits move the fixture's manual clock, so nothing here sleeps.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsProviderContractTest implements ComputeProviderContract {
    private GatewayCloud cloud;
    @TempDir
    Path keys;

    @BeforeAll
    void start() {
        cloud = new GatewayCloud();
    }

    @AfterAll
    void stop() {
        cloud.close();
    }

    @Override
    public ProviderFixture fixture() {
        ManualClock clock = new ManualClock();
        return FactoryFixture.builder(cloud.factory(clock, null, keys, Map.of()))
                .region("us-east-1").clock(clock)
                .image("ubuntu:24.04").instanceType("t3.micro")
                .imageAliases(List.of("ubuntu:24.04", "ubuntu:22.04/arm64", "debian:12", "amazon-linux:2023"))
                .ec2ErrorCodes(true)
                .build();
    }
}
